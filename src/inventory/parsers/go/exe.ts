import { isElf, parseElfLayout } from './elf.js';
import type { ExeFormat, ExeLayout, NeedMore } from './layout.js';
import { isMachO, parseMachOLayout } from './macho.js';
import { isPe, parsePeLayout } from './pe.js';

/** The executable format from the first bytes (4 are enough; 8 to tell a fat Mach-O from a Java class). */
export function exeFormatOf(head: Buffer): ExeFormat | undefined {
  if (isElf(head)) return 'elf';
  if (isPe(head)) return 'pe';
  if (isMachO(head)) return 'macho';
  return undefined;
}

/** Bytes needed to tell the format (a fat Mach-O needs its slice count). */
export const FORMAT_BYTES = 8;

/** The layout of an executable of a known format, or the head length it needs, or null (malformed). */
export function parseLayout(format: ExeFormat, head: Buffer): ExeLayout | NeedMore | null {
  switch (format) {
    case 'elf':
      return parseElfLayout(head);
    case 'macho':
      return parseMachOLayout(head);
    case 'pe':
      return parsePeLayout(head);
  }
}
