import type { OpenedImage } from '../image/source-types.js';
import type { Analyzer } from './analyzer.js';
import { LayerCache } from './layer-cache.js';
import { readLayer } from './layer-reader.js';
import type { LayerResult } from './layer-result.js';
import type { ProgressSink } from './progress.js';

export interface ReadLayersOptions {
  analyzers: readonly Analyzer[];
  cache: LayerCache | undefined;
  /** Layers read at once. */
  concurrency: number;
  maxLayerBytes: number;
  progress: ProgressSink;
  scratchRoot?: string;
}

/** Read every layer (cached ones from the cache), several at a time, results in layer order. */
export async function readLayers(image: OpenedImage, opts: ReadLayersOptions): Promise<LayerResult[]> {
  const results: LayerResult[] = new Array<LayerResult>(image.layers.length);
  let next = 0;
  let failed = false;
  const worker = async (): Promise<void> => {
    while (!failed && next < image.layers.length) {
      const i = next++;
      try {
        results[i] = await readOne(image, i, opts);
      } catch (err) {
        failed = true;
        throw err;
      }
    }
  };
  const n = Math.max(1, Math.min(opts.concurrency, image.layers.length));
  await Promise.all(Array.from({ length: n }, worker));
  return results;
}

async function readOne(image: OpenedImage, i: number, opts: ReadLayersOptions): Promise<LayerResult> {
  const layer = image.layers[i];
  if (!layer) throw new Error(`layer ${i} missing`);
  const key = LayerCache.key(layer.diffId, opts.analyzers);
  opts.progress.layerStart(i, image.layers.length, layer.size);
  const cached = await opts.cache?.get(key, layer.diffId);
  if (cached) {
    opts.progress.layerDone(i, true);
    return cached;
  }
  const stream = await layer.open();
  const result = await readLayer(stream, {
    diffId: layer.diffId,
    what: `layer ${i + 1}/${image.layers.length} (${layer.diffId})`,
    analyzers: opts.analyzers,
    maxLayerBytes: opts.maxLayerBytes,
    onBytes: (b) => opts.progress.bytes(b),
    ...(opts.scratchRoot !== undefined ? { scratchRoot: opts.scratchRoot } : {}),
  });
  await opts.cache?.put(key, result).catch(() => undefined); // a cache that cannot be written only costs speed
  opts.progress.layerDone(i, false);
  return result;
}
