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

/** Every instruction in file order, with the instruction an ONBUILD wraps right after its wrapper. */
export function* withOnbuild(list: readonly Instruction[]): Generator<Instruction> {
  for (const i of list) {
    yield i;
    if (isOnbuild(i) && i.inner) yield i.inner;
  }
}
