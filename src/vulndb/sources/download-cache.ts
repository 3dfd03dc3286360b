import { createHash, randomBytes } from 'node:crypto';
import { mkdir, readdir, readFile, rename, stat, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/** What the cache knows about one downloaded document. */
export interface CachedDocument {
  /** The URL, redacted (for people looking at the cache). */
  url: string;
  etag?: string;
  lastModified?: string;
  /** SHA-256 of the (decoded) document; also its body file's name. */
  sha256: string;
  size: number;
  fetchedAt: string;
}

export interface CacheEntry {
  meta: CachedDocument;
  bodyPath: string;
}

/**
 * Downloaded feed documents under `<cacheDir>/feeds/<feed>/<hash of URL>/`: the body is stored by
 * content (`<sha256>.body`) and `meta.json` (validators, hash) names it. Both are written to unique
 * temporary files and renamed, meta last, so a reader — or another process updating the same
 * document — only ever sees a complete body and a meta that points at one.
 */
export class DownloadCache {
  constructor(readonly root: string) {}

  entryDir(url: URL): string {
    return join(this.root, createHash('sha256').update(url.href).digest('hex').slice(0, 32));
  }

  async load(url: URL): Promise<CacheEntry | undefined> {
    const dir = this.entryDir(url);
    let meta: CachedDocument;
    try {
      meta = parseMeta(JSON.parse(await readFile(join(dir, 'meta.json'), 'utf8')));
    } catch {
      return undefined;
    }
    const bodyPath = join(dir, `${meta.sha256}.body`);
    const st = await stat(bodyPath).catch(() => undefined);
    if (!st?.isFile() || st.size !== meta.size) return undefined;
    return { meta, bodyPath };
  }

  /** A fresh temporary file name in the entry's directory (created on the way). */
  async tempPath(url: URL): Promise<string> {
    const dir = this.entryDir(url);
    await mkdir(dir, { recursive: true });
    return join(dir, `.${process.pid}-${randomBytes(6).toString('hex')}.tmp`);
  }

  /** Move a fully written and hashed body into place, then point meta.json at it. */
  async commit(url: URL, tmpBody: string, meta: CachedDocument): Promise<CacheEntry> {
    const dir = this.entryDir(url);
    const bodyPath = join(dir, `${meta.sha256}.body`);
    await rename(tmpBody, bodyPath);
    const tmpMeta = join(dir, `.${process.pid}-${randomBytes(6).toString('hex')}.meta.tmp`);
    await writeFile(tmpMeta, JSON.stringify(meta, null, 2));
    await rename(tmpMeta, join(dir, 'meta.json'));
    await this.prune(dir, `${meta.sha256}.body`);
    return { meta, bodyPath };
  }

  /**
   * Remove bodies that meta.json no longer names (best effort; a process still reading one keeps
   * its open file on POSIX) and temporary files older than a day (left by a crashed run).
   */
  private async prune(dir: string, keep: string): Promise<void> {
    const names = await readdir(dir).catch(() => [] as string[]);
    const dayAgo = Date.now() - 86_400_000;
    for (const name of names) {
      const p = join(dir, name);
      if (name.endsWith('.body') && name !== keep) await unlink(p).catch(() => undefined);
      else if (name.endsWith('.tmp')) {
        const st = await stat(p).catch(() => undefined);
        if (st && st.mtimeMs < dayAgo) await unlink(p).catch(() => undefined);
      }
    }
  }
}

function parseMeta(v: unknown): CachedDocument {
  const o = v as Record<string, unknown>;
  if (typeof o !== 'object' || o === null) throw new Error('bad meta');
  const { url, etag, lastModified, sha256, size, fetchedAt } = o;
  if (typeof url !== 'string' || typeof sha256 !== 'string' || !/^[0-9a-f]{64}$/.test(sha256) || typeof size !== 'number' || typeof fetchedAt !== 'string') {
    throw new Error('bad meta');
  }
  const meta: CachedDocument = { url, sha256, size, fetchedAt };
  if (typeof etag === 'string') meta.etag = etag;
  if (typeof lastModified === 'string') meta.lastModified = lastModified;
  return meta;
}
