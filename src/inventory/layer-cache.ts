import { createHash, randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, unlink, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import type { FsFacts } from '../core/fs-facts.js';
import type { OsInfo, Unknown } from '../core/inventory.js';
import type { Package } from '../core/package.js';
import type { SecretFinding } from '../core/secret-finding.js';
import type { Analyzer } from './analyzer.js';
import type { LayerResult } from './layer-result.js';

/** Version of the walker/collector output and of the merge; part of every key, so a change misses old entries. */
const FORMAT_VERSION = 2;

/** What the merge of a whole image produced: memoised per ordered list of diffIDs. */
export interface MergedImage {
  diffIds: string[];
  os?: OsInfo;
  packages: Package[];
  unknowns: Unknown[];
  fsFacts?: FsFacts;
  /** Secrets in the layers' files; layer refs hold `index` only (a created_by line may hold a build-arg secret). */
  secrets?: SecretFinding[];
}

function analyzerIds(analyzers: ReadonlyArray<{ id: string; version: number; variant?: string }>): string[] {
  return analyzers.map((a) => `${a.id}@${a.version}${a.variant === undefined ? '' : `+${a.variant}`}`).sort();
}

/** Output chunks no larger than this, whatever a gzip trailer claims. */
const MAX_CHUNK = 64 * 2 ** 20;

/**
 * gunzip into one output chunk of the size the gzip trailer states (ISIZE), instead of 16 KB chunks
 * concatenated at the end: a warm run reads a ~400 KB image entry in 0.6 ms instead of 1 ms. The
 * size only shapes buffering (a wrong one costs more chunks, never other bytes).
 */
function gunzipWhole(data: Buffer): Buffer {
  const size = data.length >= 18 ? data.readUInt32LE(data.length - 4) : 0;
  return gunzipSync(data, size > 0 && size < MAX_CHUNK ? { chunkSize: Math.max(64, size + 1) } : {});
}

/**
 * Results on disk: per layer (keyed by diffID + every analyzer's id and version) and per image
 * (the merge of an ordered list of layers, which is a pure function of them). Writes go to a
 * unique temporary file renamed into place, so concurrent processes never see partial entries; a
 * corrupt or unreadable entry is a miss, never an error.
 */
export class LayerCache {
  constructor(private readonly dir: string) {}

  static key(diffId: string, analyzers: readonly Analyzer[]): string {
    return createHash('sha256').update(JSON.stringify({ f: FORMAT_VERSION, diffId, ids: analyzerIds(analyzers) })).digest('hex');
  }

  /**
   * The merge depends on the layers, the analyzers, the history lines attributed to packages, and
   * drydock's own merge code (purls, ids, OS detection): all are in the key.
   */
  static mergedKey(layers: ReadonlyArray<{ diffId: string; createdBy?: string }>, analyzers: ReadonlyArray<{ id: string; version: number; variant?: string }>, toolVersion: string): string {
    const l = layers.map((x) => [x.diffId, x.createdBy ?? null]);
    return createHash('sha256').update(JSON.stringify({ f: FORMAT_VERSION, tool: toolVersion, merged: l, ids: analyzerIds(analyzers) })).digest('hex');
  }

  async get(key: string, diffId: string): Promise<LayerResult | undefined> {
    const parsed = (await this.read('layers', key)) as LayerResult | undefined;
    if (!parsed || parsed.format !== 1 || parsed.diffId !== diffId || !Array.isArray(parsed.entries)) return undefined;
    return parsed;
  }

  put(key: string, result: LayerResult): Promise<void> {
    return this.write('layers', key, result);
  }

  async getMerged(key: string, diffIds: readonly string[]): Promise<MergedImage | undefined> {
    const parsed = (await this.read('images', key)) as MergedImage | undefined;
    if (!parsed || !Array.isArray(parsed.packages) || JSON.stringify(parsed.diffIds) !== JSON.stringify(diffIds)) return undefined;
    return parsed;
  }

  putMerged(key: string, merged: MergedImage): Promise<void> {
    return this.write('images', key, merged);
  }

  private file(kind: string, key: string): string {
    return join(this.dir, kind, key.slice(0, 2), `${key}.json.gz`);
  }

  private async read(kind: string, key: string): Promise<unknown> {
    try {
      return JSON.parse(gunzipWhole(await readFile(this.file(kind, key))).toString('utf8'));
    } catch {
      return undefined;
    }
  }

  private async write(kind: string, key: string, value: unknown): Promise<void> {
    const target = this.file(kind, key);
    await mkdir(dirname(target), { recursive: true });
    const tmp = `${target}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
    try {
      await writeFile(tmp, gzipSync(JSON.stringify(value), { level: 1 }));
      await rename(tmp, target);
    } catch (err) {
      await unlink(tmp).catch(() => undefined);
      throw err;
    }
  }
}
