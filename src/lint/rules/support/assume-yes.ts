/**
 * "Non-interactive switch missing" (DL3030 yum, DL3038 dnf/microdnf, DL3034 zypper): a package command
 * that asks for confirmation aborts in a build without its assume-yes switch. The finding points at
 * the program name; the fix inserts the switch after the action word (`dnf install -y x`).
 */
import type { RuleContext, TextEdit, Violation } from '../../rule.js';
import type { Invocation } from '../../shell/invocations.js';
import { flagsNamed, hasFlag } from '../../shell/options.js';
import type { PackageCommand } from './rpm-tools.js';
import { invocationsNamed } from './run-commands.js';

export interface AssumeYesSpec {
  readonly code: string;
  readonly tools: ReadonlySet<string>;
  readonly read: (inv: Invocation) => PackageCommand;
  /** Whether the command asks for confirmation. */
  readonly prompts: (c: PackageCommand) => boolean;
  /** Flags that answer yes (without dashes). */
  readonly yesFlags: readonly string[];
  /** The edit that adds the switch, or undefined when there is no safe one. */
  readonly fix: (c: PackageCommand) => TextEdit | undefined;
}

const ASSUME_YES_SETOPT = /^assumeyes=(1|true|yes)$/i;

/** `--setopt=assumeyes=1` (yum/dnf configuration on the command line) answers yes too. */
function setoptYes(c: PackageCommand): boolean {
  return flagsNamed(c.opts, 'setopt').some((f) => ASSUME_YES_SETOPT.test(f.value ?? ''));
}

export function checkAssumeYes(ctx: RuleContext, spec: AssumeYesSpec): Violation[] {
  const out: Violation[] = [];
  for (const { inv } of invocationsNamed(ctx, spec.tools)) {
    const c = spec.read(inv);
    if (!spec.prompts(c) || hasFlag(c.opts, ...spec.yesFlags) || setoptYes(c)) continue;
    const edit = spec.fix(c);
    out.push({ code: spec.code, span: inv.nameWord.span, ...(edit !== undefined ? { fix: [edit] } : {}) });
  }
  return out;
}

/** Inserts ` -y` right after the action word (`install` → `install -y`). */
export function insertAfterAction(c: PackageCommand, text = ' -y'): TextEdit | undefined {
  return c.actionWord === undefined ? undefined : { offset: c.actionWord.span.end.offset, length: 0, text };
}
