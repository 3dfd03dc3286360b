/**
 * What a shell word of a RUN expands to, as far as the Dockerfile tells: `$V`, `${V}`, `${V:-d}` of an
 * ARG or ENV in scope take their values (ENV is inherited from the stage a stage builds FROM; ARG is
 * seen only in its own stage, a bare `ARG V` taking the global default); a variable nothing declares
 * expands to nothing; a variable declared without a known value (`ARG V` with no default, a shell
 * variable the script assigns earlier) makes the result unknown. `$(...)` and backquotes are unknown.
 */
import type { Dockerfile, Instruction } from '../../dockerfile/ast.js';
import { isArg, isEnvOrLabel, isOnbuild } from '../../dockerfile/guards.js';
import { expandVars } from '../../dockerfile/expand.js';
import type { ShellScript, ShellWord } from '../../shell/model.js';
import { FileCache } from '../../file-scope.js';

/** Variable name → value; `undefined` for declared with an unknown value. */
export type Scope = ReadonlyMap<string, string | undefined>;

const SCOPES = new FileCache<Instruction, Scope>();
const DECLARERS: ReadonlySet<string> = new Set(['export', 'readonly', 'declare', 'local', 'typeset']);
const NAME_ASSIGNMENT = /^([A-Za-z_][A-Za-z0-9_]*)\+?=/;

function expandWith(scope: Map<string, string | undefined>, text: string): string | undefined {
  const r = expandVars(text, (name) => (scope.has(name) ? scope.get(name) : ''));
  return r.unresolved ? undefined : r.value;
}

function globalArgs(doc: Dockerfile): Map<string, string | undefined> {
  const scope = new Map<string, string | undefined>();
  for (const a of doc.globalArgs) for (const p of a.pairs) scope.set(p.key.value, p.value === undefined ? undefined : expandWith(scope, p.value.value));
  return scope;
}

/** Applies an instruction's ENV (and, unless `envOnly`, ARG) declarations to `scope`. */
function declare(scope: Map<string, string | undefined>, i: Instruction, globals: ReadonlyMap<string, string | undefined>, envOnly: boolean): void {
  if (isEnvOrLabel(i) && i.keyword === 'ENV') {
    for (const p of i.pairs) scope.set(p.key.value, p.value === undefined ? undefined : expandWith(scope, p.value.value));
  } else if (isArg(i) && !envOnly) {
    for (const p of i.pairs) {
      const name = p.key.value;
      scope.set(name, p.value !== undefined ? expandWith(scope, p.value.value) : globals.get(name));
    }
  }
}

/** The ENV a stage ends with (its parent stage's included). */
function stageEnv(doc: Dockerfile, stage: number, seen: Set<number>, globals: ReadonlyMap<string, string | undefined>): Map<string, string | undefined> {
  const s = doc.stages[stage];
  if (s === undefined || seen.has(stage)) return new Map();
  seen.add(stage);
  const scope = s.parent !== undefined ? stageEnv(doc, s.parent, seen, globals) : new Map<string, string | undefined>();
  for (const i of s.instructions) declare(scope, i, globals, true);
  return scope;
}

/** The variables an instruction sees. An ONBUILD instruction runs in a later build: it sees this image's ENV only. Cached. */
export function scopeOf(doc: Dockerfile, instr: Instruction): Scope {
  const cached = SCOPES.get(instr);
  if (cached !== undefined) return cached;
  const globals = globalArgs(doc);
  const s = doc.stages[instr.stage];
  // Before the first FROM (invalid for anything but ARG, still linted): what the file declared so far.
  const scope = s === undefined ? new Map<string, string | undefined>() : s.parent !== undefined ? stageEnv(doc, s.parent, new Set(), globals) : new Map<string, string | undefined>();
  for (const i of s === undefined ? doc.instructions : s.instructions) {
    if (i === instr || (isOnbuild(i) && i.inner === instr)) break;
    declare(scope, i, globals, instr.onbuild);
  }
  SCOPES.set(instr, scope);
  return scope;
}

/** Names the script assigns before `offset` (`V=1`, `export V=1`): their values are unknown here. */
function shellAssigned(script: ShellScript | undefined, offset: number): Set<string> {
  const names = new Set<string>();
  for (const c of script?.commands ?? []) {
    if (c.span.start.offset >= offset) break;
    if (c.words.length === 0) for (const a of c.assignments) names.add(a.name);
    else if (c.name !== undefined && DECLARERS.has(c.name)) {
      for (const w of c.words.slice(1)) {
        const m = NAME_ASSIGNMENT.exec(w.raw);
        if (m?.[1] !== undefined) names.add(m[1]);
      }
    }
  }
  return names;
}

/** The word with quotes removed and `$` inside single quotes or after a backslash escaped, for `expandVars`. */
function unquoteForExpansion(raw: string): string | undefined {
  let out = '';
  let quote: '"' | "'" | undefined;
  for (let i = 0; i < raw.length; i++) {
    const ch = raw[i] as string;
    if (quote === "'") {
      if (ch === "'") quote = undefined;
      else out += ch === '$' ? '\\$' : ch;
    } else if (ch === '\\') {
      const next = raw[i + 1];
      if (next === undefined) return undefined;
      out += next === '$' ? '\\$' : next;
      i++;
    } else if (ch === '"') quote = quote === '"' ? undefined : '"';
    else if (ch === "'" && quote === undefined) quote = "'";
    else if (ch === '`' || (ch === '$' && raw[i + 1] === '(')) return undefined;
    else out += ch;
  }
  return quote === undefined ? out : undefined;
}

/** The value of a word at run time, or undefined when it cannot be known statically. */
export function wordValue(word: ShellWord, scope: Scope, script?: ShellScript): string | undefined {
  if (word.value !== undefined) return word.value;
  const text = unquoteForExpansion(word.raw);
  if (text === undefined) return undefined;
  const assigned = shellAssigned(script, word.span.start.offset);
  const r = expandVars(text, (name) => (assigned.has(name) ? undefined : scope.has(name) ? scope.get(name) : ''));
  return r.unresolved || r.value.includes('$') ? undefined : r.value;
}
