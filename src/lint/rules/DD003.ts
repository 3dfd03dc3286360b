/**
 * DD003: a build argument whose name says it is a secret (`NPM_TOKEN`, `DB_PASSWORD`, `API_KEY`) and
 * that a RUN or ENV of its stage uses. BuildKit records the build arguments in scope of every RUN in
 * the image history (`docker history` shows `|1 NPM_TOKEN=… /bin/sh -c …`), and an ENV copies the value
 * into the image config. Unlike DL3064, which flags such names alone, DD003 needs the use.
 */
import type { Instruction, KeyValue, RunInstruction, Stage } from '../dockerfile/ast.js';
import { isArg, isEnvOrLabel, isRun } from '../dockerfile/guards.js';
import type { LintRule, RuleContext, Violation } from '../rule.js';
import { isSecretName } from './drydock/secret-values.js';

const CODE = 'DD003';

const isNameStart = (c: number): boolean => (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
const isNameChar = (c: number): boolean => isNameStart(c) || (c >= 48 && c <= 57);

/** The first of `names` referenced as `$NAME` or `${NAME…}` in `text`. */
export function firstReference(text: string, names: { has(name: string): boolean }): string | undefined {
  for (let i = text.indexOf('$'); i >= 0; i = text.indexOf('$', i + 1)) {
    let s = i + 1;
    if (text.charCodeAt(s) === 123) s++;
    if (!isNameStart(text.charCodeAt(s))) continue;
    let e = s + 1;
    while (e < text.length && isNameChar(text.charCodeAt(e))) e++;
    const name = text.slice(s, e);
    if (names.has(name)) return name;
  }
  return undefined;
}

/** What a RUN hands to the shell or program: the command line, exec-form arguments and heredoc bodies. */
function runText(run: RunInstruction): string {
  const line = run.command.kind === 'shell' ? run.command.script.text : run.command.args.map((a) => a.value).join(' ');
  return run.heredocs.length === 0 ? line : [line, ...run.heredocs.map((h) => h.body)].join('\n');
}

function textOf(instr: Instruction): string | undefined {
  if (isRun(instr)) return runText(instr);
  if (isEnvOrLabel(instr) && instr.keyword === 'ENV') return instr.pairs.map((p) => p.value?.raw ?? '').join(' ');
  return undefined;
}

function checkStage(stage: Stage, out: Violation[]): void {
  const declared = new Map<string, KeyValue>();
  const reported = new Set<string>();
  for (const instr of stage.instructions) {
    if (isArg(instr)) {
      for (const pair of instr.pairs) if (isSecretName(pair.key.value) && !reported.has(pair.key.value)) declared.set(pair.key.value, pair);
      continue;
    }
    if (declared.size === 0) continue;
    const text = textOf(instr);
    const name = text === undefined ? undefined : firstReference(text, declared);
    const pair = name === undefined ? undefined : declared.get(name);
    if (name === undefined || pair === undefined) continue;
    declared.delete(name);
    reported.add(name);
    const how = instr.keyword === 'ENV' ? 'ENV' : 'RUN';
    const extra = how === 'ENV' ? ', and ENV stores it in the image config too' : '';
    out.push({
      code: CODE,
      span: pair.key.span,
      message: `ARG ${name} is used by ${how} on line ${instr.span.start.line}: build args land in the image history${extra}; use RUN --mount=type=secret,id=${name},env=${name} instead`,
    });
  }
}

export const DD003: LintRule = {
  code: CODE,
  level: 'warning',
  message: 'Secret passed as a build argument',
  description: 'A secret-named ARG (TOKEN, PASSWORD, API_KEY ...) is used by a RUN or ENV: build args land in the image history; use RUN --mount=type=secret.',
  check(ctx: RuleContext): Violation[] {
    const out: Violation[] = [];
    for (const stage of ctx.doc.stages) checkStage(stage, out);
    return out;
  },
};
