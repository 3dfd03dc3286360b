import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { BuildInfoScanner, type BuildInfoScan } from '../../../../src/inventory/parsers/go/buildinfo-scanner.js';
import { exeFormatOf } from '../../../../src/inventory/parsers/go/exe.js';
import { parseModinfo, type ModInfo } from '../../../../src/inventory/parsers/go/modinfo.js';
import { ensureFixtures, fixture } from '../../../helpers/fixtures.js';
import {
  framed,
  inlineBuildInfo,
  makeElf,
  MAGIC,
  placed,
  pointerBuildInfo,
  RO_VADDR,
  RW_VADDR,
  stringHeader,
  uvarint,
} from './exe-maker.js';

/** Feed bytes in chunks of the given sizes (cycled), as a layer stream would. */
function scan(bytes: Buffer, sizes: readonly number[] = [65536]): BuildInfoScan | null {
  const s = new BuildInfoScanner();
  let i = 0;
  for (let at = 0; at < bytes.length; i++) {
    const n = sizes[i % sizes.length] ?? 65536;
    s.data(bytes.subarray(at, at + n));
    at += n;
  }
  return s.end();
}

/** File offset of the Go build-ID note (namesz 4, type 4, owner "Go") of a 64-bit little-endian ELF. */
function goNoteOffset(elf: Buffer): number {
  const phoff = Number(elf.readBigUInt64LE(0x20));
  for (let i = 0; i < elf.readUInt16LE(0x38); i++) {
    const at = phoff + i * elf.readUInt16LE(0x36);
    if (elf.readUInt32LE(at) !== 4) continue;
    const off = Number(elf.readBigUInt64LE(at + 8));
    if (elf.readUInt32LE(off) === 4 && elf.readUInt32LE(off + 8) === 4 && elf.toString('latin1', off + 12, off + 14) === 'Go') return off;
  }
  return -1;
}

/** A fixed pseudo-random list of chunk sizes from 1 to 9000 bytes. */
function oddSizes(seed: number, count = 97): number[] {
  let x = seed;
  return Array.from({ length: count }, () => {
    x = (x * 1103515245 + 12345) % 2 ** 31;
    return 1 + (x % 9000);
  });
}

/** `go version -m` output (truth/go-version-m.txt) split per binary: toolchain and module info lines. */
function toolOutput(text: string): Map<string, { go: string; lines: string }> {
  const out = new Map<string, { go: string; lines: string }>();
  let current: { go: string; lines: string } | undefined;
  for (const line of text.split('\n')) {
    if (line.startsWith('\t')) {
      if (current) current.lines += `${line.slice(1)}\n`;
      continue;
    }
    const m = /^(.*): (go\S+.*|devel .*)$/.exec(line);
    if (!m?.[1] || !m[2]) continue;
    current = { go: m[2], lines: '' };
    out.set(m[1], current);
  }
  return out;
}

/** Everything but the `go` line (only `go version -m` prints one). */
const structure = (m: ModInfo): Omit<ModInfo, 'goVersion'> => {
  const { goVersion: _go, ...rest } = m;
  return rest;
};

describe('build info of real Go binaries (the go-apps image) against go version -m', () => {
  let tool: Map<string, { go: string; lines: string }>;
  let rootfs: string;

  beforeAll(async () => {
    await ensureFixtures(['go-apps']);
    const f = fixture('go-apps');
    rootfs = f.rootfs;
    tool = toolOutput(readFileSync(join(f.dir, 'truth', 'go-version-m.txt'), 'utf8'));
  });

  it('reads every binary go version -m reads, line for line, however the stream is chunked', () => {
    expect(tool.size).toBeGreaterThanOrEqual(19);
    const encodings = new Map<string, string | undefined>();
    for (const [path, want] of tool) {
      const bytes = readFileSync(join(rootfs, path));
      const whole = scan(bytes);
      expect(whole?.goVersion, path).toBe(want.go);
      const parsed = parseModinfo(whole?.modinfo ?? '');
      expect(structure(parsed), path).toEqual(structure(parseModinfo(want.lines)));
      expect(parsed.problems, path).toEqual([]);
      expect(scan(bytes, oddSizes(path.length)), path).toEqual(whole);
      encodings.set(path, whole?.encoding);
    }
    // the Go 1.16/1.17 builds use the pre-1.18 pointer format, in ELF, Mach-O and PE
    expect(encodings.get('/opt/esbuild/linux-64-0.11.23/bin/esbuild')).toBe('pointer');
    expect(encodings.get('/opt/esbuild/darwin-64-0.13.15/bin/esbuild')).toBe('pointer');
    expect(encodings.get('/opt/esbuild/windows-64-0.13.15/esbuild.exe')).toBe('pointer');
    expect(encodings.get('/usr/local/bin/hello')).toBe('inline');
  });

  it('reads a Go 1.16 ELF whose Go build-ID note is gone (owner "Go" rewritten to "Gx"), as go version -m does', () => {
    const path = 'opt/esbuild/linux-64-0.11.23/bin/esbuild';
    const bytes = Buffer.from(readFileSync(join(rootfs, path)));
    const note = goNoteOffset(bytes);
    expect(note).toBeGreaterThan(0);
    bytes.write('Gx', note + 12, 'latin1');
    const want = tool.get(`/${path}`);
    const got = scan(bytes);
    expect(got?.goNote).toBe(false);
    expect(got?.encoding).toBe('pointer');
    expect(got?.goVersion).toBe(want?.go);
    expect(structure(parseModinfo(got?.modinfo ?? ''))).toEqual(structure(parseModinfo(want?.lines ?? '')));
    expect(scan(bytes, oddSizes(11))).toEqual(got);
    // the Go tool does not need the note either
    const dir = mkdtempSync(join(tmpdir(), 'drydock-gonote-'));
    try {
      const copy = join(dir, 'esbuild');
      writeFileSync(copy, bytes, { mode: 0o755 });
      const r = spawnSync('go', ['version', '-m', copy], { encoding: 'utf8' });
      expect(r.error).toBeUndefined();
      expect(r.stdout).toContain(`: ${want?.go ?? '?'}`);
      expect(r.stdout).toContain('dep\tgolang.org/x/sys');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('knows the container format and reads big-endian and 32-bit builds', () => {
    expect(scan(readFileSync(join(rootfs, 'opt/cross/hello-darwin-arm64')))?.format).toBe('macho');
    expect(scan(readFileSync(join(rootfs, 'opt/cross/hello-windows-amd64.exe')))?.format).toBe('pe');
    for (const p of ['opt/cross/hello-linux-s390x', 'opt/cross/hello-linux-386']) {
      const r = scan(readFileSync(join(rootfs, p)));
      expect(r?.format).toBe('elf');
      expect(r?.goNote).toBe(true);
      expect(parseModinfo(r?.modinfo ?? '').main?.path).toBe('example.com/drydock/hello');
    }
  });

  it('survives one-byte chunks', () => {
    const bytes = readFileSync(join(rootfs, 'usr/local/bin/hello-pie'));
    expect(scan(bytes, [1])).toEqual(scan(bytes));
  });

  it('does not take non-Go executables and scripts for Go', () => {
    expect(scan(readFileSync(join(rootfs, 'usr/bin/dpkg')))).toBeNull();
    expect(scan(readFileSync(join(rootfs, 'bin/bash')))).toBeNull();
    expect(scan(Buffer.from('#!/bin/sh\necho hi\n'))).toBeNull();
    expect(scan(Buffer.from([0x7f, 0x45]))).toBeNull();
    expect(scan(Buffer.alloc(0))).toBeNull();
  });
});

describe('build info scanner edge cases (synthetic ELF)', () => {
  const MOD = 'path\texample.com/x\nmod\texample.com/x\t(devel)\t\ndep\texample.com/y\tv1.0.0\th1:abc=\n';

  it('reads inline build info in the writable segment and ignores a copy in read-only data', () => {
    const decoy = inlineBuildInfo('go1.99.9', framed('path\tdecoy\n'));
    const real = inlineBuildInfo('go1.21.3', framed(MOD));
    const elf = makeElf({ ro: placed(0x2000, [[0x100, decoy]]), rw: placed(0x1000, [[0x40, real]]) });
    expect(scan(elf)).toEqual({ format: 'elf', goNote: false, encoding: 'inline', goVersion: 'go1.21.3', modinfo: MOD });
  });

  it('needs the magic 16-byte aligned, as the linker writes it', () => {
    const elf = makeElf({ ro: Buffer.alloc(0x100), rw: placed(0x1000, [[0x48, inlineBuildInfo('go1.21.3', framed(MOD))]]) });
    expect(scan(elf)).toBeNull();
  });

  it('follows the pointers of the pre-1.18 format back to strings seen earlier', () => {
    const version = Buffer.from('go1.16.15', 'latin1');
    const mod = framed(MOD);
    const ro = placed(0x3000, [[0x200, Buffer.from('runtime error: go1.16.15x')], [0x800, version], [0x1000, mod]]);
    const rw = placed(0x1000, [
      [0x000, pointerBuildInfo(RW_VADDR + 0x40n, RW_VADDR + 0x50n)],
      [0x040, stringHeader(RO_VADDR + 0x800n, version.length)],
      [0x050, stringHeader(RO_VADDR + 0x1000n, mod.length)],
    ]);
    const elf = makeElf({ ro, rw, goNote: true });
    const want = { format: 'elf', goNote: true, encoding: 'pointer', goVersion: 'go1.16.15', modinfo: MOD };
    expect(scan(elf)).toEqual(want);
    expect(scan(elf, oddSizes(7))).toEqual(want);
  });

  it('falls back to the strings it kept when the pointers lead to bytes already gone by', () => {
    const version = Buffer.from('go1.15.15', 'latin1');
    const mod = framed(MOD);
    // the string headers sit in read-only data before the build info: not reachable by then
    const ro = placed(0x3000, [[0x800, version], [0x1000, mod], [0x2000, stringHeader(RO_VADDR + 0x800n, 9)], [0x2010, stringHeader(RO_VADDR + 0x1000n, mod.length)]]);
    const rw = placed(0x100, [[0, pointerBuildInfo(RO_VADDR + 0x2000n, RO_VADDR + 0x2010n)]]);
    expect(scan(makeElf({ ro, rw, goNote: true }))).toEqual({ format: 'elf', goNote: true, encoding: 'pointer-guess', goVersion: 'go1.15.15', modinfo: MOD });
    // two different toolchain strings: no guess at the version, the module info still read
    const ambiguous = placed(0x3000, [[0x700, Buffer.from('go1.14.1')], [0x800, version], [0x1000, mod], [0x2000, stringHeader(RO_VADDR + 0x800n, 9)], [0x2010, stringHeader(RO_VADDR + 0x1000n, mod.length)]]);
    expect(scan(makeElf({ ro: ambiguous, rw, goNote: true }))).toEqual({ format: 'elf', goNote: true, encoding: 'pointer-guess', modinfo: MOD });
  });

  it('keeps strings back for ELF files without the Go note too: the pre-1.18 version is read either way', () => {
    const version = Buffer.from('go1.16.15', 'latin1');
    const ro = placed(0x1000, [[0x800, version]]);
    const rw = placed(0x100, [[0, pointerBuildInfo(RW_VADDR + 0x40n, RW_VADDR + 0x50n)], [0x40, stringHeader(RO_VADDR + 0x800n, 9)], [0x50, stringHeader(RO_VADDR + 0x900n, 0)]]);
    expect(scan(makeElf({ ro, rw, goNote: false }))).toEqual({ format: 'elf', goNote: false, encoding: 'pointer', goVersion: 'go1.16.15', modinfo: '' });
    expect(scan(makeElf({ ro, rw, goNote: true }))).toEqual({ format: 'elf', goNote: true, encoding: 'pointer', goVersion: 'go1.16.15', modinfo: '' });
  });

  it('says so when a pre-1.18 header is found but neither string can be read', () => {
    // both string headers point at addresses no segment maps
    const rw = placed(0x100, [[0, pointerBuildInfo(0x10n, 0x20n)]]);
    expect(scan(makeElf({ ro: Buffer.alloc(0x100), rw, goNote: false }))).toEqual({ format: 'elf', goNote: false, unreadable: true });
  });

  it('reports a Go binary (Go note) without build info as such', () => {
    expect(scan(makeElf({ ro: Buffer.alloc(0x100), rw: Buffer.alloc(0x100), goNote: true }))).toEqual({ format: 'elf', goNote: true });
  });

  it('rejects truncated, oversized and malformed build info without keeping much', () => {
    const full = makeElf({ ro: Buffer.alloc(0x100), rw: placed(0x1000, [[0, inlineBuildInfo('go1.21.3', framed(MOD))]]) });
    expect(scan(full.subarray(0, full.length - 0x1000 + 60))).toBeNull(); // cut inside the module info
    const huge = Buffer.concat([inlineBuildInfo('go1.21.3', Buffer.alloc(0)).subarray(0, 32), uvarint(1 << 30), Buffer.from('x')]);
    expect(scan(makeElf({ ro: Buffer.alloc(0x100), rw: placed(0x1000, [[0, huge]]) }))).toBeNull();
    const badFlags = inlineBuildInfo('go1.21.3', framed(MOD));
    badFlags[15] = 0x40;
    expect(scan(makeElf({ ro: Buffer.alloc(0x100), rw: placed(0x1000, [[0, badFlags]]) }))).toBeNull();
    const unframed = inlineBuildInfo('go1.21.3', Buffer.from(MOD));
    expect(scan(makeElf({ ro: Buffer.alloc(0x100), rw: placed(0x1000, [[0, unframed]]) }))).toBeNull();
    const notGo = inlineBuildInfo('hello', framed(MOD));
    expect(scan(makeElf({ ro: Buffer.alloc(0x100), rw: placed(0x1000, [[0, notGo]]) }))).toBeNull();
  });

  it('finds a magic that straddles two chunks', () => {
    const elf = makeElf({ ro: Buffer.alloc(0x100), rw: placed(0x1000, [[0x40, inlineBuildInfo('go1.21.3', framed(MOD))]]) });
    const at = elf.indexOf(MAGIC);
    expect(at).toBeGreaterThan(0);
    for (const cut of [1, 5, 13]) expect(scan(elf, [at + cut, 1 << 20])?.goVersion).toBe('go1.21.3');
  });
});

describe('executable formats from the first bytes', () => {
  it('tells a fat Mach-O from a Java class file (both 0xcafebabe)', () => {
    expect(exeFormatOf(Buffer.from('cafebabe00000002', 'hex'))).toBe('macho');
    expect(exeFormatOf(Buffer.from('cafebabe00000034', 'hex'))).toBeUndefined();
    expect(exeFormatOf(Buffer.from('cffaedfe0c000001', 'hex'))).toBe('macho');
    expect(exeFormatOf(Buffer.from('4d5a900003000000', 'hex'))).toBe('pe');
    expect(exeFormatOf(Buffer.from('7f454c4602010100', 'hex'))).toBe('elf');
    expect(exeFormatOf(Buffer.from('#!/bin/sh'))).toBeUndefined();
  });
});
