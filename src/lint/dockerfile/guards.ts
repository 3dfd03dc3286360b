/**
 * Type guards for instructions. `OtherInstruction.keyword` is any string, so comparing `keyword` alone
 * does not narrow the union: rules use these.
 */
import type {
  ArgInstruction,
  CmdInstruction,
  CopyInstruction,
  EnvInstruction,
  ExposeInstruction,
  FromInstruction,
  HealthcheckInstruction,
  Instruction,
  OnbuildInstruction,
  OtherInstruction,
  RunInstruction,
  ShellInstruction,
  UserInstruction,
} from './ast.js';

export const isFrom = (i: Instruction): i is FromInstruction => i.keyword === 'FROM' && 'image' in i;
export const isRun = (i: Instruction): i is RunInstruction => i.keyword === 'RUN' && 'command' in i;
export const isCmd = (i: Instruction): i is CmdInstruction => (i.keyword === 'CMD' || i.keyword === 'ENTRYPOINT') && 'command' in i;
export const isCopy = (i: Instruction): i is CopyInstruction => (i.keyword === 'COPY' || i.keyword === 'ADD') && 'sources' in i;
export const isEnvOrLabel = (i: Instruction): i is EnvInstruction => (i.keyword === 'ENV' || i.keyword === 'LABEL') && 'pairs' in i;
export const isArg = (i: Instruction): i is ArgInstruction => i.keyword === 'ARG' && 'pairs' in i;
export const isUser = (i: Instruction): i is UserInstruction => i.keyword === 'USER' && 'user' in i;
export const isExpose = (i: Instruction): i is ExposeInstruction => i.keyword === 'EXPOSE' && 'ports' in i;
export const isShell = (i: Instruction): i is ShellInstruction => i.keyword === 'SHELL' && 'args' in i;
export const isHealthcheck = (i: Instruction): i is HealthcheckInstruction => i.keyword === 'HEALTHCHECK' && 'command' in i;
export const isOnbuild = (i: Instruction): i is OnbuildInstruction => i.keyword === 'ONBUILD' && 'inner' in i;
export const isOther = (i: Instruction): i is OtherInstruction => 'words' in i;

const wrapsOne = (i: Instruction): boolean => isOnbuild(i) && i.inner !== undefined;

/**
 * Every instruction in file order, with the instruction an ONBUILD wraps right after its wrapper
 * (`list` itself when there is no ONBUILD trigger: rules call this per file, a generator's per-item
 * result objects showed in profiles).
 */
export function withOnbuild(list: readonly Instruction[]): readonly Instruction[] {
  let k = 0;
  while (k < list.length && !wrapsOne(list[k] as Instruction)) k++;
  if (k === list.length) return list;
  const out = list.slice(0, k);
  for (; k < list.length; k++) {
    const i = list[k] as Instruction;
    out.push(i);
    if (isOnbuild(i) && i.inner) out.push(i.inner);
  }
  return out;
}
