import * as z from 'zod/mini';
import type { PackageRecord } from '../../core/package.js';
import type { Analyzer, CapturedFile, EntryInfo, FileResult, StreamConsumer } from '../analyzer.js';
import { baseName, candidateRule } from '../fingerprints/candidates.js';
import { binaryConsumer, textConsumer } from '../fingerprints/consumers.js';
import { cpe23 } from '../fingerprints/products.js';
import type { Fingerprint } from '../fingerprints/types.js';
import { makePurl } from '../purl.js';

/**
 * Runtimes, servers and libraries copied into an image without a package manager (a `COPY
 * --from=build /usr/local`, a tarball unpacked into /opt), identified by the version strings in
 * their binaries — node, python, ruby, php, openssl, nginx, httpd, redis, postgres, mariadb, curl,
 * busybox, bash — and by the small files that state a version (a JDK's `release`, a GOROOT's
 * `VERSION`). The rules live in ../fingerprints; each looks only at its own candidate files.
 *
 * Binaries are streamed: a rolling window per file, nothing kept but distinct version strings.
 * A file an OS package owns is that package already: `osOwned: 'drop'` keeps it from being
 * counted twice.
 */

const fingerprintSchema = z.object({
  rule: z.string(),
  name: z.string(),
  cpeVendor: z.string(),
  cpeProduct: z.string(),
  version: z.string(),
  evidence: z.string(),
  metadata: z.optional(z.record(z.string(), z.string())),
  problem: z.optional(z.string()),
});

export const binaryFingerprintAnalyzer: Analyzer = {
  id: 'binary-fingerprint',
  version: 1,
  // streamed, so size costs time, not memory
  maxFileSize: 4 * 2 ** 30,
  capture: 'stream',
  osOwned: 'drop',
  required: (path: string, info: EntryInfo) => candidateRule(path, info) !== undefined,
  stream(path: string, info: EntryInfo): StreamConsumer | null {
    const rule = candidateRule(path, info);
    if (!rule) return null;
    return rule.kind === 'text' ? textConsumer(rule) : binaryConsumer(rule, baseName(path));
  },
  analyzeLayer: (files) => files.flatMap(resultFor),
};

function resultFor(file: CapturedFile): FileResult[] {
  if (file.streamed == null) return [];
  const parsed = fingerprintSchema.safeParse(file.streamed);
  if (!parsed.success) return [{ path: file.path, unknowns: ['binary fingerprint: unexpected scan result (internal error)'] }];
  const fp: Fingerprint = parsed.data;
  const result: FileResult = { path: file.path, packages: [packageOf(fp)] };
  if (fp.problem !== undefined) result.unknowns = [`${fp.rule}: ${fp.problem}`];
  return [result];
}

export function packageOf(fp: Fingerprint): PackageRecord {
  const record: PackageRecord = {
    type: 'generic',
    name: fp.name,
    version: fp.version,
    licenses: [],
    purl: makePurl('generic', undefined, fp.name, fp.version),
    foundIn: 'binary',
    evidence: [`fingerprint rule ${fp.rule}`, `version string "${fp.evidence}"`],
    cpes: [cpe23(fp.cpeVendor, fp.cpeProduct, fp.version)],
  };
  if (fp.metadata && Object.keys(fp.metadata).length > 0) record.metadata = fp.metadata;
  return record;
}
