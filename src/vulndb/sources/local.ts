import { open, opendir, stat } from 'node:fs/promises';
import { join, relative, resolve, sep } from 'node:path';
import { AppError, errorMessage } from '../../core/errors.js';
import type { FeedSource } from '../importer.js';

/** Documents larger than this are refused (a feed file is never this big; a hostile one might be). */
export const DEFAULT_MAX_DOCUMENT_BYTES = 4 * 1024 * 1024 * 1024;

/**
 * A feed mirrored on disk: a file (one document) or a directory laid out like the feed's URL tree.
 * Relative paths never leave the root (`..` and absolute paths are refused).
 */
export class LocalFeedSource implements FeedSource {
  readonly remote = false;
  readonly location: string;
  private readonly root: string;
  private readonly maxBytes: number;

  constructor(path: string, options: { maxDocumentBytes?: number } = {}) {
    this.location = path;
    this.root = resolve(path);
    this.maxBytes = options.maxDocumentBytes ?? DEFAULT_MAX_DOCUMENT_BYTES;
  }

  private pathOf(relPath: string): string {
    if (relPath === '') return this.root;
    const p = resolve(this.root, relPath);
    if (p !== this.root && !p.startsWith(this.root + sep)) {
      throw new AppError('INPUT', `feed path ${relPath} leaves ${this.location}`);
    }
    return p;
  }

  private describe(relPath: string): string {
    return relPath === '' ? this.location : join(this.location, relPath);
  }

  async kind(relPath: string): Promise<'file' | 'dir' | 'missing'> {
    const st = await stat(this.pathOf(relPath)).catch(() => undefined);
    if (!st) return 'missing';
    return st.isDirectory() ? 'dir' : 'file';
  }

  async readOptional(relPath: string): Promise<Uint8Array | undefined> {
    const p = this.pathOf(relPath);
    let fh;
    try {
      fh = await open(p, 'r');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw new AppError('INPUT', `cannot read ${this.describe(relPath)}: ${errorMessage(err)}`);
    }
    try {
      const st = await fh.stat();
      if (st.isDirectory()) throw new AppError('INPUT', `${this.describe(relPath)} is a directory, expected a file`);
      if (st.size > this.maxBytes) throw new AppError('LIMIT', `${this.describe(relPath)} is ${st.size} bytes, over the ${this.maxBytes}-byte limit`);
      return await fh.readFile();
    } finally {
      await fh.close();
    }
  }

  async read(relPath: string): Promise<Uint8Array> {
    const data = await this.readOptional(relPath);
    if (!data) throw new AppError('NOT_FOUND', `${this.describe(relPath)} does not exist`);
    return data;
  }

  async localFile(relPath: string): Promise<string> {
    const p = this.pathOf(relPath);
    const st = await stat(p).catch(() => undefined);
    if (!st) throw new AppError('NOT_FOUND', `${this.describe(relPath)} does not exist`);
    if (!st.isFile()) throw new AppError('INPUT', `${this.describe(relPath)} is not a regular file`);
    return p;
  }

  async *list(relPath: string): AsyncIterable<string> {
    const start = this.pathOf(relPath);
    const found: string[] = [];
    const walk = async (dir: string): Promise<void> => {
      const d = await opendir(dir).catch((err: unknown) => {
        throw new AppError('INPUT', `cannot list ${dir}: ${errorMessage(err)}`);
      });
      for await (const e of d) {
        const p = join(dir, e.name);
        if (e.isDirectory()) await walk(p);
        else if (e.isFile()) found.push(relative(this.root, p).split(sep).join('/'));
      }
    };
    await walk(start);
    found.sort();
    yield* found;
  }
}
