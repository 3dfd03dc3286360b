import { HeaderView, MAX_HEADER_BYTES, type ExeLayout, type NeedMore, type Segment } from './layout.js';

/**
 * PE/COFF section table (Microsoft PE format): each section's raw data is mapped at
 * ImageBase + VirtualAddress; IMAGE_SCN_MEM_WRITE marks writable data (.data, where Go's linker
 * puts the build info).
 */

const PE32 = 0x10b;
const PE32_PLUS = 0x20b;
const IMAGE_SCN_MEM_WRITE = 0x80000000;

export function isPe(head: Buffer): boolean {
  return head.length >= 2 && head[0] === 0x4d && head[1] === 0x5a; // "MZ"
}

export function parsePeLayout(head: Buffer): ExeLayout | NeedMore | null {
  if (head.length < 0x40) return { need: 0x40 };
  const v = new HeaderView(head, true);
  const pe = v.u32(0x3c) ?? 0;
  if (pe + 24 > MAX_HEADER_BYTES) return null;
  if (pe + 24 > head.length) return { need: pe + 24 };
  if (head.toString('latin1', pe, pe + 4) !== 'PE\u0000\u0000') return null;
  const nsections = v.u16(pe + 6) ?? 0;
  const optSize = v.u16(pe + 20) ?? 0;
  const opt = pe + 24;
  const table = opt + optSize;
  const end = table + nsections * 40;
  if (end > MAX_HEADER_BYTES) return { format: 'pe', segments: [], goNote: false };
  if (end > head.length) return { need: end };
  const magic = v.u16(opt);
  // ImageBase ends at byte 32 of the optional header in both PE32 and PE32+
  if (optSize < 32) return null;
  const imageBase = magic === PE32_PLUS ? v.u64(opt + 24) : magic === PE32 ? big(v.u32(opt + 28)) : undefined;
  if (imageBase === undefined) return null;
  const segments: Segment[] = [];
  for (let i = 0; i < nsections; i++) {
    const at = table + i * 40;
    const rva = v.u32(at + 12) ?? 0;
    const size = v.u32(at + 16) ?? 0;
    const offset = v.u32(at + 20) ?? 0;
    const flags = v.u32(at + 36) ?? 0;
    if (size > 0 && offset > 0) {
      segments.push({ vaddr: imageBase + BigInt(rva), offset, size, writable: flags >= IMAGE_SCN_MEM_WRITE }); // the top bit, tested without 32-bit bitwise maths
    }
  }
  return { format: 'pe', segments, goNote: false };
}

const big = (n: number | undefined): bigint | undefined => (n === undefined ? undefined : BigInt(n));
