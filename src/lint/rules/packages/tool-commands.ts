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
import { FileCache } from '../../file-scope.js';

export type Subcommand = ParsedOptions & { readonly subcommand: ShellWord | undefined; readonly operands: readonly ShellWord[] };

export interface ToolCommand extends RunProgram, Subcommand {
  readonly run: RunInstruction;
}

/** Per invocation, its arguments read with each spec asked for. */
const PARSED = new FileCache<Invocation, Map<OptionSpec, Subcommand>>();

/** The invocation's arguments read with `spec` (cached). */
export function subcommandOf(inv: Invocation, spec: OptionSpec): Subcommand {
  let bySpec = PARSED.get(inv);
  if (bySpec === undefined) {
    bySpec = new Map();
    PARSED.set(inv, bySpec);
  }
  let parsed = bySpec.get(spec);
  if (parsed === undefined) {
    parsed = parseSubcommand(inv.args, spec);
    bySpec.set(spec, parsed);
  }
  return parsed;
}

/** Every run of the named tools whose subcommand is one of `subcommands`. */
export function toolCommands(ctx: RuleContext, names: ReadonlySet<string>, spec: OptionSpec, subcommands: ReadonlySet<string>): ToolCommand[] {
  const out: ToolCommand[] = [];
  for (const p of programsNamed(ctx, names)) {
    const parsed = subcommandOf(p.inv, spec);
    const sub = parsed.subcommand?.value;
    if (sub === undefined || !subcommands.has(sub)) continue;
    // spelled out: spreading both objects was a hot spot (six rules call this per file)
    const { flags, positionals, subcommand, operands } = parsed;
    out.push({ inv: p.inv, script: p.script, run: p.run, flags, positionals, subcommand, operands });
  }
  return out;
}
