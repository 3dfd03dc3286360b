import { createHash, randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, unlink, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import type { Analyzer } from './analyzer.js';
import type { LayerResult } from './layer-result.js';

/** Version of the walker/collector output; part of every key so a format change misses old entries. */
const WALKER_VERSION = 1;

/**
 * Per-layer results on disk, keyed by diffID + every analyzer's id and version. Writes go to a
 * unique temporary file renamed into place, so concurrent processes never see partial entries; a
 * corrupt or unreadable entry is a miss, never an error.
 */
export class LayerCache {
  constructor(private readonly dir: string) {}

  static key(diffId: string, analyzers: readonly Analyzer[]): string {
    const ids = analyzers.map((a) => `${a.id}@${a.version}`).sort();
    return createHash('sha256').update(JSON.stringify({ w: WALKER_VERSION, diffId, ids })).digest('hex');
  }

  private file(key: string): string {
    return join(this.dir, 'layers', key.slice(0, 2), `${key}.json.gz`);
  }

  async get(key: string, diffId: string): Promise<LayerResult | undefined> {
    let raw: Buffer;
    try {
      raw = await readFile(this.file(key));
    } catch {
      return undefined;
    }
    try {
      const parsed = JSON.parse(gunzipSync(raw).toString('utf8')) as LayerResult;
      if (parsed.format !== 1 || parsed.diffId !== diffId || !Array.isArray(parsed.entries)) return undefined;
      return parsed;
    } catch {
      return undefined;
    }
  }

  async put(key: string, result: LayerResult): Promise<void> {
    const target = this.file(key);
    await mkdir(dirname(target), { recursive: true });
    const tmp = `${target}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
    try {
      await writeFile(tmp, gzipSync(JSON.stringify(result), { level: 1 }));
      await rename(tmp, target);
    } catch (err) {
      await unlink(tmp).catch(() => undefined);
      throw err;
    }
  }
}
