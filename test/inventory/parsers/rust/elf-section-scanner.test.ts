import { describe, expect, it } from 'vitest';
import { ElfSectionScanner, type ScannerLimits, type SectionScan } from '../../../../src/inventory/parsers/rust/elf-section-scanner.js';
import { buildElf } from './elf-builder.js';

function scan(file: Buffer, chunk: number, limits?: ScannerLimits, size = file.length): SectionScan {
  const s = new ElfSectionScanner(size, '.dep-v0', limits);
  for (let i = 0; i < file.length; i += chunk) s.data(file.subarray(i, i + chunk));
  return s.end();
}

const PAYLOAD = Buffer.from('compressed audit data');
const sections = [
  { name: '.comment', data: Buffer.from('GCC: (Debian 12.2.0-14) 12.2.0\0') },
  { name: '.dep-v0', data: PAYLOAD },
  { name: '.symtab', data: Buffer.alloc(3000, 7) },
];

describe('ElfSectionScanner', () => {
  for (const is64 of [true, false]) {
    for (const little of [true, false]) {
      it(`finds the section in a ${is64 ? 64 : 32}-bit ${little ? 'little' : 'big'}-endian ELF, whatever the chunking`, () => {
        const elf = buildElf({ is64, little, loaded: 50_000, sections });
        for (const chunk of [1, 3, 61, 4096, elf.length]) {
          expect(scan(elf, chunk), `chunk ${chunk}`).toEqual({ kind: 'found', data: PAYLOAD });
        }
      });
    }
  }

  it('says the section is absent when there is none, or it takes no file space', () => {
    expect(scan(buildElf({ is64: true, little: true, loaded: 100, sections: sections.filter((s) => s.name !== '.dep-v0') }), 512)).toEqual({ kind: 'absent' });
    const nobits = sections.map((s) => (s.name === '.dep-v0' ? { ...s, type: 8 } : s));
    expect(scan(buildElf({ is64: true, little: true, loaded: 100, sections: nobits }), 512)).toEqual({ kind: 'absent' });
  });

  it('drops files that are not ELF after their first bytes', () => {
    expect(scan(Buffer.from('#!/bin/sh\necho hello\n'.repeat(100)), 7)).toEqual({ kind: 'not-elf' });
    expect(scan(Buffer.from('AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA'), 100)).toEqual({ kind: 'not-elf' });
    expect(scan(Buffer.from('\x7fEL'), 100)).toEqual({ kind: 'not-elf' });
    expect(scan(Buffer.from('\x7fELF\x09\x01'), 100)).toEqual({ kind: 'not-elf' });
  });

  it('keeps only bounded windows: a section beyond them is reported, not read', () => {
    const elf = buildElf({ is64: true, little: true, loaded: 100, sections: [{ name: '.debug', data: Buffer.alloc(10_000) }, ...sections] });
    const limits: ScannerLimits = { headMax: 4096, tailMax: 1000, beforeHeadersMax: 100, headersMax: 1 << 20 };
    const got = scan(elf, 4096, limits);
    expect(got.kind).toBe('unreadable');
    if (got.kind === 'unreadable') expect(got.reason).toMatch(/^section \.dep-v0 \(21 bytes at offset \d+\) lies outside the parts of the file scanned$/);
  });

  it('survives truncated and lying headers', () => {
    const elf = buildElf({ is64: true, little: true, loaded: 100, sections });
    expect(scan(elf.subarray(0, 40), 8, undefined, elf.length)).toEqual({ kind: 'not-elf' });
    expect(scan(elf.subarray(0, elf.length - 100), 64, undefined, elf.length)).toEqual({ kind: 'absent' });
    const lying = Buffer.from(elf);
    lying.writeBigUInt64LE(2n ** 62n, 40); // e_shoff far past the end
    lying.writeUInt16LE(0xffff, 60); // e_shnum
    expect(scan(lying, 1024)).toEqual({ kind: 'absent' });
    const hugeSection = Buffer.from(elf);
    const shoff = Number(elf.readBigUInt64LE(40));
    hugeSection.writeBigUInt64LE(2n ** 40n, shoff + 2 * 64 + 32); // .dep-v0's sh_size
    expect(scan(hugeSection, 1024)).toEqual({ kind: 'unreadable', reason: 'section .dep-v0 runs past the end of the file' });
  });
});
