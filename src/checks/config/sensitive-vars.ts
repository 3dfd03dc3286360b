/**
 * Suspicious variables with a value — Dockle's CIS-DI-0010 logic: a `NAME=value` whose name contains
 * PASS, PASSWD, PASSWORD, SECRET, KEY, ACCESS or TOKEN (any case) and whose value is not empty,
 * GPG_KEY/GPG_KEYS accepted, a name with a space skipped. Looked for in the config's Env and Labels and
 * in every history line (ENV/LABEL/ARG steps, RUN build args, assignments and `NAME=value` words of
 * RUN commands). drydock also skips what is not a stored secret: values that only reference another
 * variable (`$DB_PASSWORD`), names of a file, path or directory (`POSTGRES_PASSWORD_FILE`), GPG key
 * ids (`NGINX_GPGKEY`: public fingerprints), and on/off values (`true`, `0`, `yes`).
 */
import type { ShellCommand, ShellScript } from '../../lint/shell/model.js';
import { invocationOf, shellCBody } from '../../lint/shell/invocations.js';
import type { ImageConfigSummary } from '../../core/inventory.js';
import { instructionPairs, type HistoryStep } from './history.js';

export interface SensitiveVar {
  name: string;
  value: string;
  /** Where it was found: `ENV in the image config`, `history step 7 (RUN)`, ... */
  places: string[];
  /** History steps it appears in (0-based). */
  steps: number[];
  /** The layer of the first RUN step (or shell line) that carries it, if any. */
  layer?: number;
}

const SUSPICIOUS = /PASS|SECRET|KEY|ACCESS|TOKEN/i;
const ACCEPTED: ReadonlySet<string> = new Set(['GPG_KEY', 'GPG_KEYS']);
const REFERENCE = /^\$(?:[A-Za-z_][A-Za-z0-9_]*|\{[A-Za-z_][A-Za-z0-9_]*\})$/;
const LOCATION_NAME = /_(?:FILE|PATH|DIR)$/i;
const GPG_KEY_ID = /GPG_?KEY/i;
const REAL_SECRET_WORD = /PASS|SECRET|TOKEN/i;
const SWITCH = /^(?:true|false|yes|no|on|off|0|1|none|null)$/i;

/** Dockle's rule (name and value) with drydock's refinements above. */
export function isSensitiveVar(name: string, value: string): boolean {
  if (value === '' || /\s/.test(name) || ACCEPTED.has(name) || !SUSPICIOUS.test(name)) return false;
  if (GPG_KEY_ID.test(name) && !REAL_SECRET_WORD.test(name)) return false;
  return !(REFERENCE.test(value) || LOCATION_NAME.test(name) || SWITCH.test(value));
}

class Finder {
  readonly found = new Map<string, SensitiveVar>();

  add(name: string, value: string, place: string, step?: HistoryStep): void {
    if (!isSensitiveVar(name, value)) return;
    const key = `${name}\u0000${value}`;
    let v = this.found.get(key);
    if (!v) {
      v = { name, value, places: [], steps: [] };
      this.found.set(key, v);
    }
    if (!v.places.includes(place)) v.places.push(place);
    if (step !== undefined && !v.steps.includes(step.index)) v.steps.push(step.index);
    if (step?.script !== undefined && step.layer !== undefined) v.layer ??= step.layer;
  }

  step(step: HistoryStep): void {
    const n = step.index + 1;
    const what = step.instruction ?? 'RUN';
    if (what === 'ENV' || what === 'LABEL' || what === 'ARG') {
      for (const p of instructionPairs(what, step.args)) this.add(p.name, p.value, `history step ${n} (${what})`, step);
      return;
    }
    for (const a of step.buildArgs) this.add(a.name, a.value, `history step ${n} (build arg)`, step);
    if (step.script) for (const cmd of allCommands(step.script, 0)) this.command(cmd, `history step ${n} (${what})`, step);
  }

  /** Assignments (`A=1 cmd`, `A=1`) and `NAME=value` words (`export A=1`, `--password=x`). */
  private command(cmd: ShellCommand, place: string, step: HistoryStep): void {
    for (const a of cmd.assignments) if (a.value?.value !== undefined) this.add(a.name, a.value.value, place, step);
    for (const w of cmd.words) {
      const eq = w.value?.indexOf('=') ?? -1;
      if (w.value !== undefined && eq > 0) this.add(w.value.slice(0, eq), w.value.slice(eq + 1), place, step);
    }
  }
}

/** The script's commands and those of the `sh -c '…'` strings it runs. */
function* allCommands(script: ShellScript, depth: number): Generator<ShellCommand> {
  for (const cmd of script.commands) {
    yield cmd;
    const inv = depth < 3 ? invocationOf(cmd) : undefined;
    const body = inv ? shellCBody(script, inv) : undefined;
    if (body) yield* allCommands(body.script, depth + 1);
  }
}

/** Every suspicious variable with a value in the config and the history, one entry per name and value. */
export function findSensitiveVars(config: ImageConfigSummary, history: readonly HistoryStep[]): SensitiveVar[] {
  const f = new Finder();
  for (const e of config.env ?? []) {
    const eq = e.indexOf('=');
    if (eq > 0) f.add(e.slice(0, eq), e.slice(eq + 1), 'ENV in the image config');
  }
  for (const [k, v] of Object.entries(config.labels ?? {})) f.add(k, v, 'LABEL in the image config');
  for (const step of history) f.step(step);
  return [...f.found.values()];
}
