import type { PackageRecord } from '../../core/package.js';
import type { Analyzer, CapturedFile, FileResult, StreamConsumer } from '../analyzer.js';
import { parseAuditSection, type AuditedCrate } from '../parsers/rust/auditable.js';
import { ElfSectionScanner } from '../parsers/rust/elf-section-scanner.js';
import { makePurl } from '../purl.js';

/**
 * Crates compiled into Rust binaries built with cargo-auditable, which embeds the dependency tree
 * in an ELF section `.dep-v0` (zlib-compressed JSON). Every executable is streamed past an
 * ElfSectionScanner that keeps only the bytes where such a section can be (memory stays bounded,
 * nothing is copied to disk); non-ELF files are dropped after 4 bytes. Build-time-only crates are
 * not in the binary and are not reported. The crates inside a binary an OS package installed add
 * information the OS package does not give, so they are kept (`osOwned: 'keep'`).
 *
 * A `local` crate (the binary's own crate, a workspace member or path dependency) is first-party
 * code that only shares a name with whatever crates.io has: it gets no registry identity,
 * `pkg:generic/<name>@<version>` (type stays `cargo`, `metadata.source` is `local`), as in the
 * Cargo.lock analyzer.
 */

const SECTION = '.dep-v0';

type Streamed = { kind: 'found'; data: string } | { kind: 'unreadable'; reason: string } | null;

export const rustBinaryAnalyzer: Analyzer = {
  id: 'rust-binary',
  version: 2,
  maxFileSize: 16 * 1024 ** 3,
  capture: 'stream',
  osOwned: 'keep',
  required: (_path, info) => (info.mode & 0o111) !== 0 && info.size >= 64,
  stream: (_path, info) => scannerFor(info.size),
  analyzeLayer: (files) => files.flatMap(analyzeFile),
};

function scannerFor(size: number): StreamConsumer {
  const scanner = new ElfSectionScanner(size, SECTION);
  return {
    data: (chunk) => scanner.data(chunk),
    end: (): Streamed => {
      const scan = scanner.end();
      if (scan.kind === 'found') return { kind: 'found', data: scan.data.toString('base64') };
      if (scan.kind === 'unreadable') return scan;
      return null;
    },
  };
}

function analyzeFile(file: CapturedFile): FileResult[] {
  const streamed = file.streamed as Streamed | undefined;
  if (!streamed) return [];
  if (streamed.kind === 'unreadable') return [{ path: file.path, unknowns: [streamed.reason] }];
  const audit = parseAuditSection(Buffer.from(streamed.data, 'base64'));
  const result: FileResult = { path: file.path, packages: crateRecords(audit.crates), facts: { auditFormat: audit.format } };
  if (audit.problems.length > 0) result.unknowns = audit.problems;
  return [result];
}

export function crateRecords(crates: ReadonlyArray<AuditedCrate | undefined>): PackageRecord[] {
  const ref = (c: AuditedCrate): string => `${c.name}@${c.version}`;
  const runtime = (i: number): AuditedCrate | undefined => (crates[i]?.kind === 'runtime' ? crates[i] : undefined);
  const roots = crates.filter((c): c is AuditedCrate => c?.root === true && c.kind === 'runtime');
  const direct = new Set(roots.flatMap((r) => r.dependencies.flatMap((d) => (runtime(d) ? [ref(runtime(d) as AuditedCrate)] : []))));
  const out: PackageRecord[] = [];
  for (const c of crates) {
    if (!c || c.kind !== 'runtime') continue;
    const record: PackageRecord = {
      type: 'cargo',
      name: c.name,
      version: c.version,
      licenses: [],
      purl: makePurl(c.source === 'local' ? 'generic' : 'cargo', undefined, c.name, c.version),
      foundIn: 'binary',
      evidence: [`cargo-auditable ${SECTION} section`],
      metadata: { source: c.source },
    };
    if (roots.length > 0) record.relationship = c.root ? 'root' : direct.has(ref(c)) ? 'direct' : 'indirect';
    const deps = [...new Set(c.dependencies.flatMap((d) => (runtime(d) ? [ref(runtime(d) as AuditedCrate)] : [])))].sort();
    if (deps.length > 0) record.dependsOn = deps;
    out.push(record);
  }
  return out;
}
