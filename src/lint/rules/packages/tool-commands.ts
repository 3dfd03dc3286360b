/**
 * Subcommand tools in RUN scripts (`apt-get install`, `apk add`, `npm install`, `gem install`):
 * options read getopt-style with the tool's spec (src/lint/shell/tool-options.ts), the first
 * positional is the subcommand, the rest are its operands. Parsed once per command and spec.
 */
import type { RunInstruction } from '../../dockerfile/ast.js';
import type { RuleContext } from '../../rule.js';
import type { Invocation } from '../../shell/invocations.js';
import type { ShellWord } from '../../shell/model.js';
import { parseSubcommand, type OptionSpec, type ParsedOptions } from '../../shell/options.js';
import { programsNamed, type RunProgram } from './runs.js';
import { perFile } from '../../file-scope.js';

export type Subcommand = ParsedOptions & { readonly subcommand: ShellWord | undefined; readonly operands: readonly ShellWord[] };

export interface ToolCommand extends RunProgram, Subcommand {
  readonly run: RunInstruction;
}

const PARSED = perFile(() => new WeakMap<OptionSpec, WeakMap<Invocation, Subcommand>>());

/** The invocation's arguments read with `spec` (cached). */
export function subcommandOf(inv: Invocation, spec: OptionSpec): Subcommand {
  let bySpec = PARSED().get(spec);
  if (bySpec === undefined) {
    bySpec = new WeakMap();
    PARSED().set(spec, bySpec);
  }
  let parsed = bySpec.get(inv);
  if (parsed === undefined) {
    parsed = parseSubcommand(inv.args, spec);
    bySpec.set(inv, parsed);
  }
  return parsed;
}

/** Every run of the named tools whose subcommand is one of `subcommands`. */
export function toolCommands(ctx: RuleContext, names: ReadonlySet<string>, spec: OptionSpec, subcommands: ReadonlySet<string>): ToolCommand[] {
  const out: ToolCommand[] = [];
  for (const p of programsNamed(ctx, names)) {
    const parsed = subcommandOf(p.inv, spec);
    const sub = parsed.subcommand?.value;
    if (sub !== undefined && subcommands.has(sub)) out.push({ ...p, ...parsed });
  }
  return out;
}
