import * as z from 'zod/mini';
import type { PackageRecord } from '../../core/package.js';
import type { Analyzer, CapturedFile, EntryInfo, FileResult } from '../analyzer.js';
import { binaryPackages } from '../parsers/go/binary-packages.js';
import { BuildInfoScanner, type BuildInfoScan } from '../parsers/go/buildinfo-scanner.js';
import { parseModinfo } from '../parsers/go/modinfo.js';

/**
 * Go binaries: the build info the Go linker embeds (Go >= 1.13; module info for module-mode builds,
 * build settings since Go 1.18), read from ELF, Mach-O and PE executables as their bytes stream by
 * — nothing is kept but the headers and the build-info strings. Go >= 1.18 binaries carry the
 * strings inline; Go 1.13-1.17 build info points back into read-only data, which is followed
 * through the segment tables (ELF, Mach-O, PE; an ELF need not have the Go build-ID note), by
 * pattern where the pointers lead to bytes already gone by. Go <= 1.12 binaries have no build info
 * and are not read; nor are binaries whose build info was stripped (a Go ELF without it becomes an
 * unknown), and a pre-1.18 build-info header whose strings cannot be read is an unknown too.
 *
 * Modules compiled into a binary add information to the OS package that installed it (Debian's
 * Go programs are built from their own package sources, but with their own Go toolchain): osOwned
 * `keep`.
 */

/** The smallest Go executable is about 1 MiB; anything much smaller is not worth streaming. */
const MIN_SIZE = 256 * 1024;

/** Trees and names that hold no executables worth scanning. */
const SKIP_PREFIXES = ['usr/share/doc/', 'usr/share/man/', 'usr/share/locale/', 'usr/include/', 'usr/share/zoneinfo/'];
const SKIP_SUFFIXES = ['.py', '.sh', '.pl', '.rb', '.js', '.txt', '.json', '.jar', '.gz', '.zip', '.png', '.a', '.o'];

const scanSchema = z.object({
  format: z.enum(['elf', 'macho', 'pe']),
  goNote: z.boolean(),
  encoding: z.optional(z.enum(['inline', 'pointer', 'pointer-guess'])),
  goVersion: z.optional(z.string()),
  modinfo: z.optional(z.string()),
  unreadable: z.optional(z.literal(true)),
});

export function isExecutableCandidate(path: string, info: EntryInfo): boolean {
  if (info.size < MIN_SIZE) return false;
  if ((info.mode & 0o111) === 0 && !path.endsWith('.exe')) return false;
  for (const p of SKIP_PREFIXES) if (path.startsWith(p)) return false;
  for (const s of SKIP_SUFFIXES) if (path.endsWith(s)) return false;
  return true;
}

export const goBinaryAnalyzer: Analyzer = {
  id: 'go-binary',
  version: 2,
  maxFileSize: 16 * 1024 ** 3,
  capture: 'stream',
  osOwned: 'keep',
  required: isExecutableCandidate,
  stream: () => new BuildInfoScanner(),
  analyzeLayer: (files) => files.flatMap(analyzeFile),
};

function analyzeFile(file: CapturedFile): FileResult[] {
  if (file.streamed === null || file.streamed === undefined) return [];
  const parsed = scanSchema.safeParse(file.streamed);
  if (!parsed.success) return [{ path: file.path, unknowns: ['go-binary: scanner result of an unexpected shape (a bug)'] }];
  const scan = parsed.data as BuildInfoScan;
  const facts = { format: scan.format, ...(scan.encoding ? { encoding: scan.encoding } : {}) };
  if (scan.goVersion === undefined && scan.modinfo === undefined) {
    const reason = scan.unreadable
      ? 'Go build info found but not readable (a pre-Go 1.18 header whose strings could not be followed): its modules and Go version are unknown'
      : 'a Go binary (it has the Go build-ID note) without Go build info: its modules and Go version are unknown';
    return [{ path: file.path, facts, unknowns: [reason] }];
  }
  const info = parseModinfo(scan.modinfo ?? '');
  const unknowns = [...info.problems];
  if (scan.goVersion === undefined) unknowns.push('Go build info without a readable toolchain version: no stdlib package');
  if (scan.modinfo === undefined) unknowns.push('Go build info whose module information could not be read');
  const packages = binaryPackages(scan.goVersion, info);
  if (scan.encoding === 'pointer-guess') for (const p of packages) addEvidence(p, 'pre-Go 1.18 build info read by pattern (its pointers led to bytes not kept)');
  const result: FileResult = { path: file.path, packages, facts };
  if (unknowns.length) result.unknowns = unknowns;
  return [result];
}

function addEvidence(p: PackageRecord, e: string): void {
  p.evidence = [...(p.evidence ?? []), e];
}
