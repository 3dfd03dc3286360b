import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildSync } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { parseElfLayout } from '../../../../src/inventory/parsers/go/elf.js';
import { parseMachOLayout } from '../../../../src/inventory/parsers/go/macho.js';
import { parsePeLayout } from '../../../../src/inventory/parsers/go/pe.js';
import { REPO_ROOT } from '../../../helpers/fixtures.js';

/**
 * Executable headers built to make the Go build-info scanner's header parsers misbehave: sizes
 * near 2^31 and 2^32 (which wrap under JavaScript's 32-bit bitwise operators), commands and
 * headers too small for the fields read from them.
 */

/** An ELF64 head of `size` bytes with one PT_NOTE of `filesz` bytes at `noteOff`. */
function elfWithNote(size: number, noteOff: number, filesz: number): Buffer {
  const b = Buffer.alloc(size);
  b.set([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1], 0);
  b.writeUInt16LE(2, 0x10);
  b.writeUInt16LE(0x3e, 0x12);
  b.writeBigUInt64LE(64n, 0x20); // e_phoff
  b.writeUInt16LE(64, 0x34);
  b.writeUInt16LE(56, 0x36);
  b.writeUInt16LE(1, 0x38);
  b.writeUInt32LE(4, 64); // PT_NOTE
  b.writeUInt32LE(4, 68);
  b.writeBigUInt64LE(BigInt(noteOff), 72);
  b.writeBigUInt64LE(BigInt(filesz), 64 + 32);
  return b;
}

function note(b: Buffer, at: number, namesz: number, descsz: number, type: number, name = ''): void {
  b.writeUInt32LE(namesz, at);
  b.writeUInt32LE(descsz, at + 4);
  b.writeUInt32LE(type, at + 8);
  b.write(name, at + 12, 'latin1');
}

/**
 * Run the build-info scanner over `bytes` in a child process (bundled from the sources with
 * esbuild), so that a parser that never returns fails the test instead of hanging the run.
 */
function scanIsolated(bytes: Buffer): { status: number | null; stdout: string; timedOut: boolean } {
  const dir = mkdtempSync(join(tmpdir(), 'drydock-hostile-'));
  try {
    const entry = `import { readFileSync } from 'node:fs';
import { BuildInfoScanner } from './src/inventory/parsers/go/buildinfo-scanner.js';
const s = new BuildInfoScanner();
const bytes = readFileSync(process.argv[2]);
for (let at = 0; at < bytes.length; at += 65536) s.data(bytes.subarray(at, at + 65536));
process.stdout.write(JSON.stringify(s.end()));
`;
    const out = buildSync({ stdin: { contents: entry, resolveDir: REPO_ROOT, loader: 'ts', sourcefile: 'entry.ts' }, bundle: true, platform: 'node', format: 'esm', write: false });
    const script = join(dir, 'scan.mjs');
    writeFileSync(script, out.outputFiles[0]?.text ?? '');
    const input = join(dir, 'input');
    writeFileSync(input, bytes);
    const r = spawnSync(process.execPath, [script, input], { encoding: 'utf8', timeout: 20_000, killSignal: 'SIGKILL' });
    return { status: r.status, stdout: r.stdout, timedOut: r.signal === 'SIGKILL' };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('ELF notes with sizes near 2^31', () => {
  it('a 300 KiB executable whose note sizes wrap under 32-bit maths is scanned to the end (no endless loop)', () => {
    // the reviewer's input (/tmp/rv/mkelf.py): namesz 0x7ffffffd and descsz 0x7ffffff4 made the
    // rounded sizes add up to -12 and the note walk stand still
    const elf = elfWithNote(300 * 1024, 0x100, 0x100);
    note(elf, 0x100, 0x7ffffffd, 0x7ffffff4, 4);
    const r = scanIsolated(elf);
    expect(r.timedOut).toBe(false);
    expect(r.status).toBe(0);
    expect(r.stdout).toBe('null');
    // only once it is known to end: in this process
    expect(parseElfLayout(elf.subarray(0, 0x200))).toEqual({ format: 'elf', segments: [], goNote: false });
  });

  it('never steps backwards onto bytes outside the note segment', () => {
    // a real Go note sits before the PT_NOTE segment; the first note's sizes, rounded with 32-bit
    // maths, step from 0x1000 back to it
    const elf = elfWithNote(0x2000, 0x1000, 0x100);
    note(elf, 0x800, 4, 4, 4, 'Go\u0000\u0000');
    note(elf, 0x1000, 0x7ffffffd, 0x7ffff7f4, 1);
    expect(parseElfLayout(elf)).toEqual({ format: 'elf', segments: [], goNote: false });
  });

  it('stops at a note that runs past its segment and still finds a Go note before it', () => {
    const elf = elfWithNote(0x2000, 0x1000, 0x40);
    note(elf, 0x1000, 4, 4, 4, 'Go\u0000\u0000');
    expect(parseElfLayout(elf)).toMatchObject({ goNote: true });
    note(elf, 0x1000, 4, 0x1000, 1, 'Xx\u0000\u0000');
    note(elf, 0x1018, 4, 4, 4, 'Go\u0000\u0000'); // beyond the first note's (impossible) end
    expect(parseElfLayout(elf)).toMatchObject({ goNote: false });
  });
});

describe('Mach-O and PE headers too small for the fields read', () => {
  it('reads a segment command only when its own size covers the segment fields', () => {
    const b = Buffer.alloc(0x200);
    b.writeUInt32LE(0xfeedfacf, 0);
    b.writeUInt32LE(2, 16); // ncmds
    b.writeUInt32LE(8 + 72, 20); // sizeofcmds
    // an LC_SEGMENT_64 that claims 8 bytes: its "fields" would be the next command's
    b.writeUInt32LE(0x19, 32);
    b.writeUInt32LE(8, 36);
    const seg = 40;
    b.writeUInt32LE(0x19, seg);
    b.writeUInt32LE(72, seg + 4);
    b.writeBigUInt64LE(0x100000000n, seg + 24); // vmaddr
    b.writeBigUInt64LE(0x1000n, seg + 32); // vmsize
    b.writeBigUInt64LE(0x1000n, seg + 40); // fileoff
    b.writeBigUInt64LE(0x1000n, seg + 48); // filesize
    b.writeUInt32LE(5, seg + 60); // initprot r-x
    expect(parseMachOLayout(b)).toEqual({ format: 'macho', goNote: false, segments: [{ vaddr: 0x100000000n, offset: 0x1000, size: 0x1000, writable: false }] });
  });

  it('refuses a PE optional header too small to hold ImageBase, and reads the write flag of the top bit', () => {
    const b = Buffer.alloc(0x400);
    b.write('MZ', 0, 'latin1');
    b.writeUInt32LE(0x80, 0x3c);
    b.write('PE\u0000\u0000', 0x80, 'latin1');
    b.writeUInt16LE(1, 0x86); // one section
    b.writeUInt16LE(0, 0x94); // no optional header: the section table starts where it would be
    const table = 0x98;
    b.write('\u000b\u0002data', table, 'latin1'); // a section name that reads as the PE32+ magic
    b.writeUInt32LE(0x1000, table + 12);
    b.writeUInt32LE(0x200, table + 16);
    b.writeUInt32LE(0x200, table + 20);
    b.writeUInt32LE(0xc0000040, table + 36);
    expect(parsePeLayout(b)).toBeNull();
    // the same section behind a real PE32+ optional header is writable (IMAGE_SCN_MEM_WRITE, bit 31)
    const ok = Buffer.alloc(0x400);
    b.copy(ok, 0, 0, 0x98);
    ok.writeUInt16LE(0xf0, 0x94);
    ok.writeUInt16LE(0x20b, 0x98);
    ok.writeBigUInt64LE(0x140000000n, 0x98 + 24);
    b.copy(ok, 0x98 + 0xf0, table, table + 40);
    expect(parsePeLayout(ok)).toEqual({ format: 'pe', goNote: false, segments: [{ vaddr: 0x140001000n, offset: 0x200, size: 0x200, writable: true }] });
  });
});
