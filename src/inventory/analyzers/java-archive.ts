import { open } from 'node:fs/promises';
import { errorMessage } from '../../core/errors.js';
import type { PackageRecord } from '../../core/package.js';
import type { Analyzer, CapturedFile, FileResult, LayerContext } from '../analyzer.js';
import { DEFAULT_WALK_LIMITS, walkArchive, type WalkLimits } from '../parsers/java/archive-walk.js';
import { FileSlice } from '../parsers/java/byte-source.js';
import { archiveExtension } from '../parsers/java/file-name.js';
import { NestedMemo } from '../parsers/java/nested-memo.js';

/**
 * Java archives (`.jar .war .ear .par .sar .nar .kar .jpi .hpi .lpkg`) and the archives nested in
 * them, as Maven packages (see parsers/java/identity.ts for the order of evidence). Archives need
 * random access to their central directory, so they arrive as scratch files (`capture: 'file'`)
 * and are read through a file handle; nested archives are read in place when stored (Spring Boot)
 * or inflated one at a time to the layer's scratch directory.
 *
 * One result per archive file; its packages' location is that file, and `metadata.archive` says
 * where inside it each was found (`/app/app.jar!/BOOT-INF/lib/x.jar`). The same identity found
 * twice in one file (the same library in two nested archives) is reported once, at its first place.
 * A nested library met again in the same layer (same CRC-32, size and file name) is not read again: what was
 * found in it is reused (parsers/java/nested-memo.ts).
 * Jars that an OS package installed (Debian's lib*-java) fold into that package as an extra purl.
 */

const CONCURRENCY = 4;

export function createJavaArchiveAnalyzer(limits: WalkLimits = DEFAULT_WALK_LIMITS): Analyzer {
  return {
    id: 'java-archive',
    version: 2,
    maxFileSize: 4 * 2 ** 30,
    capture: 'file',
    osOwned: 'fold',
    required: (path, info) => info.size > 0 && archiveExtension(path) !== undefined,
    analyzeLayer: (files, ctx) => analyzeAll(files, ctx, limits),
  };
}

export const javaArchiveAnalyzer: Analyzer = createJavaArchiveAnalyzer();

async function analyzeAll(files: CapturedFile[], ctx: LayerContext, limits: WalkLimits): Promise<FileResult[]> {
  const results: FileResult[] = new Array<FileResult>(files.length);
  const memo = new NestedMemo();
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < files.length) {
      const i = next++;
      const file = files[i];
      if (file) results[i] = await analyzeFile(file, ctx, limits, memo);
    }
  };
  await Promise.all(Array.from({ length: Math.min(CONCURRENCY, files.length) }, worker));
  return results;
}

async function analyzeFile(file: CapturedFile, ctx: LayerContext, limits: WalkLimits, memo: NestedMemo): Promise<FileResult> {
  const result: FileResult = { path: file.path };
  if (file.tempPath === undefined) return { ...result, unknowns: ['archive content was not captured'] };
  let handle;
  try {
    handle = await open(file.tempPath, 'r');
  } catch (err) {
    return { ...result, unknowns: [`could not open the captured archive (${(err as { code?: string }).code ?? 'error'})`] };
  }
  try {
    const { size } = await handle.stat();
    const walked = await walkArchive(new FileSlice(handle, 0, size), `/${file.path}`, { scratchRoot: () => ctx.scratchDir(), limits, memo });
    const packages = dedupe(walked.packages);
    if (packages.length > 0) result.packages = packages;
    if (walked.problems.length > 0) result.unknowns = walked.problems;
    return result;
  } catch (err) {
    // I/O trouble with the scratch copies (disk full, ...): this archive is unread, the layer goes on.
    return { ...result, unknowns: [`archive could not be read: ${errorMessage(err)}`] };
  } finally {
    await handle.close();
  }
}

/** One package per name@version in a file: the first place it was found. */
function dedupe(packages: PackageRecord[]): PackageRecord[] {
  const seen = new Set<string>();
  return packages.filter((p) => {
    const key = `${p.name}@${p.version}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
