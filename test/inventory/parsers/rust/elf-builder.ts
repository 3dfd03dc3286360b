/** Test helper (not a test file): builds small ELF files for the scanner and the rust-binary analyzer. */

/**
 * Synthetic ELF files laid out as linkers do: file header, program headers, a loaded segment,
 * then non-loaded sections, the section name table and the section header table at the end.
 */
export interface ElfSpec {
  is64: boolean;
  little: boolean;
  loaded: number;
  sections: Array<{ name: string; data: Buffer; type?: number }>;
}

export function buildElf(spec: ElfSpec): Buffer {
  const { is64, little } = spec;
  const ehsize = is64 ? 64 : 52;
  const phentsize = is64 ? 56 : 32;
  const shentsize = is64 ? 64 : 40;
  const loadEnd = ehsize + phentsize + spec.loaded;
  const names = Buffer.from(`\0${spec.sections.map((s) => `${s.name}\0`).join('')}.shstrtab\0`, 'latin1');
  const parts: Buffer[] = [];
  let offset = loadEnd;
  const placed = spec.sections.map((s) => {
    const at = offset;
    offset += s.data.length;
    parts.push(s.data);
    return { ...s, at };
  });
  const namesAt = offset;
  offset += names.length;
  const shoff = offset;
  const shnum = spec.sections.length + 2;
  const out = Buffer.alloc(shoff + shnum * shentsize, 0xaa);
  const w = writer(out, little, is64);
  out.fill(0, 0, ehsize + phentsize);
  out.write('\x7fELF', 0, 'latin1');
  out[4] = is64 ? 2 : 1;
  out[5] = little ? 1 : 2;
  out[6] = 1;
  w.u16(16, 2);
  if (is64) {
    w.word(32, ehsize); w.word(40, shoff); w.u16(54, phentsize); w.u16(56, 1); w.u16(58, shentsize); w.u16(60, shnum); w.u16(62, shnum - 1);
    w.u32(ehsize, 1); w.word(ehsize + 8, 0); w.word(ehsize + 32, loadEnd);
  } else {
    w.word(28, ehsize); w.word(32, shoff); w.u16(42, phentsize); w.u16(44, 1); w.u16(46, shentsize); w.u16(48, shnum); w.u16(50, shnum - 1);
    w.u32(ehsize, 1); w.word(ehsize + 4, 0); w.word(ehsize + 16, loadEnd);
  }
  Buffer.concat(parts).copy(out, loadEnd);
  names.copy(out, namesAt);
  out.fill(0, shoff);
  let nameOff = 1;
  const header = (i: number, nameAt: number, type: number, at: number, size: number): void => {
    const base = shoff + i * shentsize;
    w.u32(base, nameAt);
    w.u32(base + 4, type);
    if (is64) { w.word(base + 24, at); w.word(base + 32, size); } else { w.word(base + 16, at); w.word(base + 20, size); }
  };
  placed.forEach((s, i) => {
    header(i + 1, nameOff, s.type ?? 1, s.at, s.data.length);
    nameOff += s.name.length + 1;
  });
  header(shnum - 1, nameOff, 3, namesAt, names.length);
  return out;
}

function writer(b: Buffer, little: boolean, is64: boolean) {
  return {
    u16: (at: number, v: number) => (little ? b.writeUInt16LE(v, at) : b.writeUInt16BE(v, at)),
    u32: (at: number, v: number) => (little ? b.writeUInt32LE(v, at) : b.writeUInt32BE(v, at)),
    word: (at: number, v: number) =>
      is64 ? (little ? b.writeBigUInt64LE(BigInt(v), at) : b.writeBigUInt64BE(BigInt(v), at)) : little ? b.writeUInt32LE(v, at) : b.writeUInt32BE(v, at),
  };
}
