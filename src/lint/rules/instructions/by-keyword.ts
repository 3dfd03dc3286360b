/**
 * The instructions of a file grouped by keyword, built once per parsed file and shared by the rules
 * (most rules look at one or two keywords; this spares each a walk over every instruction).
 */
import type { Dockerfile, Instruction } from '../../dockerfile/ast.js';
import { isOnbuild } from '../../dockerfile/guards.js';
import { FileCache } from '../../file-scope.js';

interface Index {
  /** Top-level instructions and the ones ONBUILD wraps, in file order. */
  readonly all: ReadonlyMap<string, readonly Instruction[]>;
  /** Top-level instructions only. */
  readonly top: ReadonlyMap<string, readonly Instruction[]>;
}

const CACHE = new FileCache<Dockerfile, Index>();
const NONE: readonly Instruction[] = [];

function push(m: Map<string, Instruction[]>, i: Instruction): void {
  const list = m.get(i.keyword);
  if (list === undefined) m.set(i.keyword, [i]);
  else list.push(i);
}

function indexOf(doc: Dockerfile): Index {
  let index = CACHE.get(doc);
  if (index === undefined) {
    const all = new Map<string, Instruction[]>();
    const top = new Map<string, Instruction[]>();
    for (const i of doc.instructions) {
      push(all, i);
      push(top, i);
      if (isOnbuild(i) && i.inner !== undefined) push(all, i.inner);
    }
    index = { all, top };
    CACHE.set(doc, index);
  }
  return index;
}

/** Every instruction with `keyword` (upper-case), ONBUILD-wrapped ones included, in file order. */
export function withKeyword(doc: Dockerfile, keyword: string): readonly Instruction[] {
  return indexOf(doc).all.get(keyword) ?? NONE;
}

/** The top-level instructions with `keyword` (not those ONBUILD wraps), in file order. */
export function topLevelWithKeyword(doc: Dockerfile, keyword: string): readonly Instruction[] {
  return indexOf(doc).top.get(keyword) ?? NONE;
}
