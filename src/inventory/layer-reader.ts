import { createHash } from 'node:crypto';
import { AppError } from '../core/errors.js';
import { digestAlgorithm, isDigest } from '../core/digest.js';
import type { Analyzer } from './analyzer.js';
import { LayerCollector } from './layer-collector.js';
import type { LayerResult } from './layer-result.js';
import { decompressed } from './tar/decompress.js';
import { TarParser } from './tar/reader.js';

export interface LayerReadOptions {
  /** Expected digest of the uncompressed tar (rootfs.diff_ids); verified when given. */
  diffId?: string;
  /** Names the layer in errors: `layer 2 (sha256:...)`. */
  what: string;
  analyzers: readonly Analyzer[];
  /** Uncompressed bytes allowed for this layer (decompression-bomb guard). */
  maxLayerBytes: number;
  /** Called with the count of uncompressed bytes as they are read (progress). */
  onBytes?: (n: number) => void;
  /** Where analyzers' scratch files go (under the cache dir in the CLI). */
  scratchRoot?: string;
}

/**
 * Read one stored layer (tar, tar+gzip or tar+zstd) in a single streaming pass: decompress, verify
 * the diffID, walk the tar through the collector, run the analyzers. Memory is bounded by the files
 * the analyzers ask for, not by the layer.
 */
export async function readLayer(stored: AsyncIterable<Buffer>, opts: LayerReadOptions): Promise<LayerResult> {
  const { compression, stream } = await decompressed(stored, opts.what);
  const collector = new LayerCollector(opts.analyzers, opts.scratchRoot !== undefined ? { scratchRoot: opts.scratchRoot } : {});
  try {
    return await readInto(collector, compression, stream, opts);
  } finally {
    collector.dispose();
  }
}

async function readInto(collector: LayerCollector, compression: string, stream: AsyncIterable<Buffer>, opts: LayerReadOptions): Promise<LayerResult> {
  const parser = new TarParser(collector, { what: opts.what });
  const diffId = opts.diffId !== undefined && isDigest(opts.diffId) ? opts.diffId : undefined;
  const hash = diffId ? createHash(digestAlgorithm(diffId)) : undefined;
  let total = 0;
  for await (const chunk of stream) {
    total += chunk.length;
    if (total > opts.maxLayerBytes) {
      throw new AppError(
        'LIMIT',
        `${opts.what}: uncompressed layer exceeds ${opts.maxLayerBytes} bytes — refusing a possible decompression bomb (raise --max-layer-size if the image is genuine)`,
      );
    }
    hash?.update(chunk);
    parser.write(chunk);
    opts.onBytes?.(chunk.length);
  }
  parser.end();
  if (hash && diffId) {
    const got = `${digestAlgorithm(diffId)}:${hash.digest('hex')}`;
    if (got !== diffId) {
      throw new AppError('DIGEST_MISMATCH', `${opts.what}: uncompressed content digest is ${got}, but the image config says ${diffId}`);
    }
  }
  const meta: { diffId?: string; uncompressedBytes: number; compression: string } = { uncompressedBytes: total, compression };
  if (opts.diffId !== undefined) meta.diffId = opts.diffId;
  return collector.finish(meta);
}
