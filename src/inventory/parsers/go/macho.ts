import { HeaderView, MAX_HEADER_BYTES, type ExeLayout, type NeedMore, type Segment } from './layout.js';

/**
 * Mach-O segments (LC_SEGMENT / LC_SEGMENT_64 load commands, from <mach-o/loader.h>): file ranges
 * mapped at addresses, writable when the initial protection has VM_PROT_WRITE. Universal ("fat")
 * files are recognised but not mapped: their first slice's build info is still found by the scan.
 */

const MH_MAGIC = 0xfeedface;
const MH_MAGIC_64 = 0xfeedfacf;
const FAT_MAGIC = 0xcafebabe;
const LC_SEGMENT = 0x1;
const LC_SEGMENT_64 = 0x19;
const VM_PROT_WRITE = 2;
/** sizeof(struct segment_command_64) and sizeof(struct segment_command). */
const SEGMENT_64_SIZE = 72;
const SEGMENT_32_SIZE = 56;

type Kind = { fat: true } | { fat: false; is64: boolean; little: boolean };

function kindOf(head: Buffer): Kind | undefined {
  if (head.length < 4) return undefined;
  const be = head.readUInt32BE(0);
  const le = head.readUInt32LE(0);
  if (be === FAT_MAGIC) return { fat: true };
  if (le === MH_MAGIC_64 || le === MH_MAGIC) return { fat: false, is64: le === MH_MAGIC_64, little: true };
  if (be === MH_MAGIC_64 || be === MH_MAGIC) return { fat: false, is64: be === MH_MAGIC_64, little: false };
  return undefined;
}

export function isMachO(head: Buffer): boolean {
  const k = kindOf(head);
  // 0xcafebabe is also a Java class file; a fat header has a small slice count where a class file
  // has its minor/major version (major >= 45).
  return k !== undefined && (!k.fat || (head.length >= 8 && head.readUInt32BE(4) < 20));
}

export function parseMachOLayout(head: Buffer): ExeLayout | NeedMore | null {
  const k = kindOf(head);
  if (!k) return null;
  if (k.fat) return { format: 'macho', segments: [], goNote: false };
  const hdr = k.is64 ? 32 : 28;
  if (head.length < hdr) return { need: hdr };
  const v = new HeaderView(head, k.little);
  const ncmds = v.u32(16) ?? 0;
  const sizeofcmds = v.u32(20) ?? 0;
  const end = hdr + sizeofcmds;
  if (end > MAX_HEADER_BYTES) return { format: 'macho', segments: [], goNote: false };
  if (end > head.length) return { need: end };
  const segments: Segment[] = [];
  let at = hdr;
  // every command is at least 8 bytes, so the walk advances and ends within sizeofcmds; a segment
  // command is read only when its own size covers its fields (no reading into the next command)
  for (let i = 0; i < ncmds && at + 8 <= end; i++) {
    const cmd = v.u32(at);
    const size = v.u32(at + 4) ?? 0;
    if (size < 8) return null;
    if (at + size > end) break;
    const seg =
      cmd === LC_SEGMENT_64 && size >= SEGMENT_64_SIZE ? segment64(v, at) : cmd === LC_SEGMENT && size >= SEGMENT_32_SIZE ? segment32(v, at) : undefined;
    if (seg && seg.size > 0) segments.push(seg);
    at += size;
  }
  return { format: 'macho', segments, goNote: false };
}

function segment64(v: HeaderView, at: number): Segment | undefined {
  const vaddr = v.u64(at + 24);
  const offset = v.u64n(at + 40);
  const size = v.u64n(at + 48);
  const initprot = v.u32(at + 60);
  if (vaddr === undefined || offset === undefined || size === undefined || initprot === undefined) return undefined;
  return { vaddr, offset, size, writable: (initprot & VM_PROT_WRITE) !== 0 };
}

function segment32(v: HeaderView, at: number): Segment | undefined {
  const vaddr = v.u32(at + 24);
  const offset = v.u32(at + 32);
  const size = v.u32(at + 36);
  const initprot = v.u32(at + 44);
  if (vaddr === undefined || offset === undefined || size === undefined || initprot === undefined) return undefined;
  return { vaddr: BigInt(vaddr), offset, size, writable: (initprot & VM_PROT_WRITE) !== 0 };
}
