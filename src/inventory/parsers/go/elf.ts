import { HeaderView, MAX_HEADER_BYTES, type ExeLayout, type NeedMore, type Segment } from './layout.js';

/**
 * ELF program headers (System V gABI): the PT_LOAD segments map file ranges to addresses, and a
 * PT_NOTE with owner "Go" and type 4 is the Go toolchain's build ID, present in every binary Go's
 * linker makes (internal or external linking). Only what fits in the first MAX_HEADER_BYTES is read.
 */

const PT_LOAD = 1;
const PT_NOTE = 4;
const PF_X = 1;
const PF_W = 2;
const NT_GO_BUILDID = 4;

export function isElf(head: Buffer): boolean {
  return head.length >= 4 && head[0] === 0x7f && head[1] === 0x45 && head[2] === 0x4c && head[3] === 0x46;
}

interface ProgramHeader {
  type: number;
  flags: number;
  offset: number;
  vaddr: bigint;
  filesz: number;
}

/** The layout of an ELF file from its head, or how many bytes are needed, or null if malformed. */
export function parseElfLayout(head: Buffer): ExeLayout | NeedMore | null {
  if (head.length < 64) return { need: 64 };
  const is64 = head[4] === 2;
  if (head[4] !== 1 && !is64) return null;
  if (head[5] !== 1 && head[5] !== 2) return null;
  const v = new HeaderView(head, head[5] === 1);
  const phoff = is64 ? v.u64n(0x20) : v.u32(0x1c);
  const phentsize = v.u16(is64 ? 0x36 : 0x2a);
  const phnum = v.u16(is64 ? 0x38 : 0x2c);
  if (phoff === undefined || phentsize === undefined || phnum === undefined) return null;
  if (phnum === 0) return { format: 'elf', segments: [], goNote: false };
  if (phentsize < (is64 ? 56 : 32)) return null;
  const end = phoff + phentsize * phnum;
  if (end > MAX_HEADER_BYTES) return { format: 'elf', segments: [], goNote: false };
  if (end > head.length) return { need: end };
  const phdrs: ProgramHeader[] = [];
  for (let i = 0; i < phnum; i++) {
    const ph = readProgramHeader(v, phoff + i * phentsize, is64);
    if (ph) phdrs.push(ph);
  }
  // the notes are read from the head too: ask for them when they lie within the header limit
  const notesEnd = Math.max(0, ...phdrs.filter((p) => p.type === PT_NOTE && p.offset + p.filesz <= MAX_HEADER_BYTES).map((p) => p.offset + p.filesz));
  if (notesEnd > head.length) return { need: notesEnd };
  const segments: Segment[] = phdrs
    .filter((p) => p.type === PT_LOAD && p.filesz > 0)
    .map((p) => ({ vaddr: p.vaddr, offset: p.offset, size: p.filesz, writable: (p.flags & (PF_W | PF_X)) === PF_W }));
  return { format: 'elf', segments, goNote: phdrs.some((p) => p.type === PT_NOTE && hasGoNote(v, p)) };
}

function readProgramHeader(v: HeaderView, at: number, is64: boolean): ProgramHeader | undefined {
  const type = v.u32(at);
  const flags = v.u32(is64 ? at + 4 : at + 24);
  const offset = is64 ? v.u64n(at + 8) : v.u32(at + 4);
  const vaddr = is64 ? v.u64(at + 16) : toBig(v.u32(at + 8));
  const filesz = is64 ? v.u64n(at + 32) : v.u32(at + 16);
  if (type === undefined || flags === undefined || offset === undefined || vaddr === undefined || filesz === undefined) return undefined;
  return { type, flags, offset, vaddr, filesz };
}

const toBig = (n: number | undefined): bigint | undefined => (n === undefined ? undefined : BigInt(n));

/**
 * Walk the notes of a PT_NOTE segment that lies in the head, looking for the Go build ID. Sizes are
 * 32-bit values from the file: they are added as plain numbers (no 32-bit bitwise maths, which
 * would wrap to a negative step), and the walk stops when a note does not fit in the segment.
 */
function hasGoNote(v: HeaderView, p: ProgramHeader): boolean {
  const end = Math.min(p.offset + p.filesz, v.buf.length);
  let at = p.offset;
  while (at + 12 <= end) {
    const namesz = v.u32(at) ?? 0;
    const descsz = v.u32(at + 4) ?? 0;
    const type = v.u32(at + 8);
    const name = at + 12;
    if ((namesz === 3 || namesz === 4) && name + namesz <= end && type === NT_GO_BUILDID && v.buf.toString('latin1', name, name + 2) === 'Go') return true;
    const next = name + align4(namesz) + align4(descsz);
    if (next <= at || next > end) return false;
    at = next;
  }
  return false;
}

/** Round up to a multiple of 4 without 32-bit bitwise operators (sizes may be up to 2^32 - 1). */
const align4 = (n: number): number => n + ((4 - (n % 4)) % 4);
