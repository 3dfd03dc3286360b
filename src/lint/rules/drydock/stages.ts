/**
 * Stage questions the DD rules share: where a FROM's image is written, which stages an image is built
 * from (a stage `FROM builder` inherits builder's filesystem and config), and the user it runs as.
 */
import type { Dockerfile, FromInstruction, Instruction, Span, Stage, UserInstruction } from '../../dockerfile/ast.js';
import { isUser } from '../../dockerfile/guards.js';

/** The span of the image word of a FROM (after its flags). */
export function imageSpan(from: FromInstruction): Span {
  const start = from.argsSpan.start;
  const len = from.image.raw.length;
  if (len === 0) return from.keywordSpan;
  return { start, end: { line: start.line, column: start.column + len, offset: start.offset + len } };
}

/** The stages `index` is built from, root first, `index` last (cycles cannot occur: parents are earlier). */
export function stageChain(doc: Dockerfile, index: number): Stage[] {
  const chain: Stage[] = [];
  for (let s: Stage | undefined = doc.stages[index]; s !== undefined; s = s.parent === undefined ? undefined : doc.stages[s.parent]) {
    chain.push(s);
    if (chain.length > doc.stages.length) break;
  }
  return chain.reverse();
}

/** The last stage (the image `docker build` produces without `--target`), if any. */
export function finalStage(doc: Dockerfile): Stage | undefined {
  return doc.stages[doc.stages.length - 1];
}

/** Every top-level instruction of the chain, root stage first. ONBUILD triggers are not run by this build. */
export function* chainInstructions(chain: readonly Stage[]): Generator<Instruction> {
  for (const s of chain) yield* s.instructions;
}

/** The last `USER` of the chain, or undefined when no stage of it sets one. */
export function lastUser(chain: readonly Stage[]): UserInstruction | undefined {
  for (let k = chain.length - 1; k >= 0; k--) {
    const list = (chain[k] as Stage).instructions;
    for (let i = list.length - 1; i >= 0; i--) {
      const instr = list[i] as Instruction;
      if (isUser(instr)) return instr;
    }
  }
  return undefined;
}

const ZEROS = /^0+$/;

/**
 * `root`, `0`, `00` — and Windows' `ContainerAdministrator` — the user part of a USER that means the
 * administrator (a variable is not known to be root).
 */
export function isRootUser(user: string): boolean {
  return user === 'root' || ZEROS.test(user) || user.toLowerCase() === 'containeradministrator';
}
