/** Small helpers for the Dockerfile parser tests: spans as `line:col-line:col` and the file text under a span. */
import type {
  ArgInstruction,
  CmdInstruction,
  CopyInstruction,
  Dockerfile,
  EnvInstruction,
  ExposeInstruction,
  FromInstruction,
  HealthcheckInstruction,
  Instruction,
  OnbuildInstruction,
  OtherInstruction,
  RunInstruction,
  ShellInstruction,
  Span,
  UserInstruction,
} from '../../../src/lint/dockerfile/ast.js';

interface ByKeyword {
  FROM: FromInstruction;
  RUN: RunInstruction;
  CMD: CmdInstruction;
  ENTRYPOINT: CmdInstruction;
  COPY: CopyInstruction;
  ADD: CopyInstruction;
  ENV: EnvInstruction;
  LABEL: EnvInstruction;
  ARG: ArgInstruction;
  USER: UserInstruction;
  EXPOSE: ExposeInstruction;
  SHELL: ShellInstruction;
  HEALTHCHECK: HealthcheckInstruction;
  ONBUILD: OnbuildInstruction;
  WORKDIR: OtherInstruction;
  VOLUME: OtherInstruction;
  STOPSIGNAL: OtherInstruction;
  MAINTAINER: OtherInstruction;
}

export function fmt(s: Span): string {
  return `${s.start.line}:${s.start.column}-${s.end.line}:${s.end.column}`;
}

/** The file text a span covers (by offsets). */
export function textAt(doc: Dockerfile, s: Span): string {
  return doc.text.slice(s.start.offset, s.end.offset);
}

/** The n-th instruction, failing the test when it is missing. */
export function nth(doc: Dockerfile, i: number): Instruction {
  const x = doc.instructions[i];
  if (x === undefined) throw new Error(`no instruction #${i} (have ${doc.instructions.length})`);
  return x;
}

/** Narrows an instruction to a keyword, failing the test otherwise. */
export function as<K extends keyof ByKeyword>(x: Instruction | undefined, keyword: K): ByKeyword[K] {
  if (x === undefined || x.keyword !== keyword) throw new Error(`expected ${keyword}, got ${x?.keyword}`);
  return x as ByKeyword[K];
}
