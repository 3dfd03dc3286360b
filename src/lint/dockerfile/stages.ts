/**
 * Build stages: each FROM opens one (alias lower-cased; `parent` when it builds FROM an earlier stage's
 * name); ARGs before the first FROM are global; any other instruction there has no stage (a warning).
 */
import type { ArgInstruction, FromInstruction, Instruction, ParseWarning, Stage } from './ast.js';
import type { Lookup } from './expand.js';
import { expandVars } from './expand.js';

interface MutableStage {
  readonly index: number;
  readonly from: FromInstruction;
  readonly name: string | undefined;
  readonly parent: number | undefined;
  readonly instructions: Instruction[];
}

export class StageCollector {
  readonly stages: MutableStage[] = [];
  readonly globalArgs: ArgInstruction[] = [];
  /** Global ARG values (defaults expanded); undefined = declared without a usable default. */
  private readonly globals = new Map<string, string | undefined>();
  readonly lookup: Lookup = (name) => this.globals.get(name);

  constructor(
    private readonly warnings: ParseWarning[],
    private readonly escape: () => number,
  ) {}

  /** The stage index the next instruction with this keyword belongs to. */
  stageFor(keyword: string): number {
    return keyword === 'FROM' ? this.stages.length : this.stages.length - 1;
  }

  add(instr: Instruction): void {
    if (instr.keyword === 'FROM') {
      this.addStage(instr as FromInstruction);
      return;
    }
    const current = this.stages[this.stages.length - 1];
    if (current !== undefined) {
      current.instructions.push(instr);
      return;
    }
    if (instr.keyword === 'ARG') {
      this.addGlobal(instr as ArgInstruction);
      return;
    }
    this.warnings.push({ message: `${instr.keyword} before the first FROM: no build stage in context`, span: instr.keywordSpan });
  }

  private addStage(from: FromInstruction): void {
    const target = from.image.expanded.toLowerCase();
    let parent: number | undefined;
    for (const s of this.stages) if (s.name === target) parent = s.index;
    const name = from.alias?.value.toLowerCase();
    this.stages.push({ index: this.stages.length, from, name, parent, instructions: [] });
  }

  private addGlobal(arg: ArgInstruction): void {
    this.globalArgs.push(arg);
    for (const { key, value } of arg.pairs) {
      if (value === undefined) {
        this.globals.set(key.value, undefined);
        continue;
      }
      const e = expandVars(value.value, this.lookup, this.escape());
      this.globals.set(key.value, e.unresolved ? undefined : e.value);
    }
  }

  result(): Stage[] {
    return this.stages;
  }
}
