/**
 * `drydock lint --fix`: apply the edits rules offer, each finding's edits all or nothing, skipping a
 * finding whose edits overlap one already taken (the next pass picks it up after re-linting).
 * Everything outside the edits stays byte for byte as it was.
 */
import type { TextEdit } from './rule.js';

export interface FixResult {
  readonly text: string;
  /** How many findings' edits were applied. */
  readonly applied: number;
}

function overlaps(a: TextEdit, b: TextEdit): boolean {
  // Two insertions at one point conflict (their order would be arbitrary), and so does an insertion
  // at the start of or inside a replaced range.
  if (a.length === 0 && b.length === 0) return a.offset === b.offset;
  if (a.length === 0) return a.offset >= b.offset && a.offset < b.offset + b.length;
  if (b.length === 0) return b.offset >= a.offset && b.offset < a.offset + a.length;
  return a.offset < b.offset + b.length && b.offset < a.offset + a.length;
}

function valid(e: TextEdit, size: number): boolean {
  return Number.isInteger(e.offset) && Number.isInteger(e.length) && e.offset >= 0 && e.length >= 0 && e.offset + e.length <= size;
}

export function applyFixes(text: string, groups: ReadonlyArray<readonly TextEdit[] | undefined>): FixResult {
  const taken: TextEdit[] = [];
  let applied = 0;
  for (const group of groups) {
    if (group === undefined || group.length === 0) continue;
    if (!group.every((e) => valid(e, text.length))) continue;
    if (group.some((e, i) => group.some((f, j) => j > i && overlaps(e, f)))) continue;
    if (group.some((e) => taken.some((t) => overlaps(e, t)))) continue;
    taken.push(...group);
    applied++;
  }
  let out = text;
  for (const e of taken.sort((a, b) => b.offset - a.offset)) out = out.slice(0, e.offset) + e.text + out.slice(e.offset + e.length);
  return { text: out, applied };
}
