import { randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { lstat, mkdir, readdir, readFile, rename, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Transform, type TransformCallback } from 'node:stream';
import { AppError, errorMessage, isAppError } from '../../core/errors.js';
import { digestAlgorithm, digestHex, verifyBuffer, type Digest } from '../../core/digest.js';
import type { Descriptor } from '../manifest.js';
import { MEDIA } from '../media-types.js';
import type { BlobOutcome, CopyDestination, ManifestPlacement, RawManifest } from './endpoint.js';
import { MAX_INDEX_BYTES, REF_NAME, isRefName, parseLayoutIndex, refNameOf, type LayoutIndex } from './layout-index.js';

const LAYOUT_FILE = JSON.stringify({ imageLayoutVersion: '1.0.0' });

/** lstat that answers undefined for a missing path. */
async function lstatOrNone(path: string): Promise<Awaited<ReturnType<typeof lstat>> | undefined> {
  try {
    return await lstat(path);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new AppError('INPUT', `${path}: ${errorMessage(err)}`);
  }
}

/** Counts the bytes flowing through (for progress) without holding them. */
function counter(onBytes: (n: number) => void): Transform {
  return new Transform({
    transform(chunk: Buffer, _enc: BufferEncoding, cb: TransformCallback) {
      onBytes(chunk.length);
      cb(null, chunk);
    },
  });
}

/**
 * An OCI image layout directory written to: blobs land atomically (a temporary file in the layout,
 * renamed once complete and verified), and index.json is rewritten (atomically) by `commit`, keeping
 * every entry the copy does not replace. Nothing is written outside DIR: blob paths come from checked
 * digests, and `blobs/` or `blobs/<alg>/` that are symlinks are refused.
 * Not safe against another writer of the same layout at the same time.
 */
export class LayoutCopyDestination implements CopyDestination {
  private readonly added: Descriptor[] = [];

  private constructor(
    private readonly dir: string,
    readonly what: string,
    private readonly existing: LayoutIndex | undefined,
  ) {}

  /** Open DIR for writing: an existing layout, an empty directory, or a path to create. */
  static async open(dir: string, what: string): Promise<LayoutCopyDestination> {
    const st = await lstatOrNone(dir);
    if (st !== undefined && !st.isDirectory() && !st.isSymbolicLink()) throw new AppError('INPUT', `${what}: ${dir} exists and is not a directory`);
    await mkdir(dir, { recursive: true }).catch((err: unknown) => {
      throw new AppError('INPUT', `${what}: cannot create ${dir}: ${errorMessage(err)}`);
    });
    const hasLayout = (await lstatOrNone(join(dir, 'oci-layout'))) !== undefined;
    if (!hasLayout && (await readdir(dir)).length > 0) {
      throw new AppError('INPUT', `${what}: ${dir} is neither empty nor an OCI image layout (no oci-layout file); refusing to write into it`);
    }
    let existing: LayoutIndex | undefined;
    const indexStat = await lstatOrNone(join(dir, 'index.json'));
    if (indexStat !== undefined) {
      if (!indexStat.isFile() || indexStat.size > MAX_INDEX_BYTES) throw new AppError('INPUT', `${what}: index.json is not a regular file of a sane size`);
      existing = parseLayoutIndex(await readFile(join(dir, 'index.json')), what);
    }
    if (!hasLayout) await writeFile(join(dir, 'oci-layout'), LAYOUT_FILE);
    return new LayoutCopyDestination(dir, what, existing);
  }

  /** `blobs/<alg>/`, created if needed; a symlink there could point anywhere and is refused. */
  private async blobDir(d: Digest): Promise<string> {
    const blobs = join(this.dir, 'blobs');
    const algDir = join(blobs, digestAlgorithm(d));
    for (const p of [blobs, algDir]) {
      // Several blobs are written at once: whoever creates the directory first wins, the check follows.
      await mkdir(p).catch((err: unknown) => {
        if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw new AppError('INPUT', `${this.what}: cannot create ${p}: ${errorMessage(err)}`);
      });
      const st = await lstatOrNone(p);
      if (st === undefined || !st.isDirectory()) throw new AppError('INPUT', `${this.what}: ${p} is not a directory (a symlink or file there is refused)`);
    }
    return algDir;
  }

  /** Present with the right size and as a regular file: trusted, as content-addressed stores are. */
  private async has(d: Pick<Descriptor, 'digest' | 'size'>): Promise<boolean> {
    const st = await lstatOrNone(join(await this.blobDir(d.digest), digestHex(d.digest)));
    if (st === undefined) return false;
    if (!st.isFile()) throw new AppError('INPUT', `${this.what}: blob ${d.digest} is not a regular file`);
    return st.size === d.size;
  }

  private tempPath(): string {
    return join(this.dir, `.drydock-tmp-${randomBytes(8).toString('hex')}`);
  }

  async putBlob(d: Descriptor, open: () => Promise<Readable>, _from: unknown, onBytes: (n: number) => void): Promise<BlobOutcome> {
    if (await this.has(d)) return 'present';
    const target = join(await this.blobDir(d.digest), digestHex(d.digest));
    const tmp = this.tempPath();
    try {
      // The source stream verifies digest and size before it ends: a mismatch fails the pipeline.
      await pipeline(await open(), counter(onBytes), createWriteStream(tmp, { flags: 'wx', mode: 0o644 }));
      await rename(tmp, target);
      return 'uploaded';
    } catch (err) {
      await unlink(tmp).catch(() => undefined);
      if (isAppError(err)) throw err;
      throw new AppError('INPUT', `${this.what}: cannot write blob ${d.digest}: ${errorMessage(err)}`, { cause: err });
    }
  }

  private async writeSmall(d: Digest, body: Buffer): Promise<void> {
    verifyBuffer(body, d, undefined, `${this.what}: manifest ${d}`);
    if (await this.has({ digest: d, size: body.length })) return;
    const tmp = this.tempPath();
    try {
      await writeFile(tmp, body, { flag: 'wx', mode: 0o644 });
      await rename(tmp, join(await this.blobDir(d), digestHex(d)));
    } catch (err) {
      await unlink(tmp).catch(() => undefined);
      throw new AppError('INPUT', `${this.what}: cannot write ${d}: ${errorMessage(err)}`, { cause: err });
    }
  }

  async putManifest(m: RawManifest, mediaType: string, placement: ManifestPlacement): Promise<void> {
    await this.writeSmall(m.digest, m.body);
    if (placement.as === 'child') return;
    const entry: Descriptor = { mediaType, digest: m.digest, size: m.body.length };
    if (placement.as === 'tag') {
      if (!isRefName(placement.tag)) throw new AppError('INPUT', `${this.what}: "${placement.tag}" is not a valid ref name for an OCI layout`);
      entry.annotations = { [REF_NAME]: placement.tag };
    }
    if (placement.as === 'referrer' && placement.artifactType !== undefined) entry.artifactType = placement.artifactType;
    // One entry per ref name (or, unnamed, per digest): the last write wins.
    const key = (e: Descriptor): string => refNameOf(e) ?? `@${e.digest}`;
    const at = this.added.findIndex((e) => key(e) === key(entry));
    if (at >= 0) this.added.splice(at, 1);
    this.added.push(entry);
  }

  /** index.json: new entries replace those of the same ref name (or, unnamed, of the same digest). */
  async commit(): Promise<void> {
    const replaced = (old: Descriptor): boolean => {
      const name = refNameOf(old);
      return this.added.some((e) => (name !== undefined ? refNameOf(e) === name : refNameOf(e) === undefined && e.digest === old.digest));
    };
    const base = this.existing?.raw ?? { schemaVersion: 2, mediaType: MEDIA.ociIndex };
    const oldEntries = (this.existing?.raw['manifests'] as unknown[] | undefined) ?? [];
    const kept = oldEntries.filter((_raw, i) => {
      const parsed = this.existing?.manifests[i];
      return parsed === undefined || !replaced(parsed);
    });
    const doc = { ...base, manifests: [...kept, ...this.added] };
    const tmp = this.tempPath();
    try {
      await writeFile(tmp, JSON.stringify(doc), { flag: 'wx', mode: 0o644 });
      await rename(tmp, join(this.dir, 'index.json'));
    } catch (err) {
      await unlink(tmp).catch(() => undefined);
      throw new AppError('INPUT', `${this.what}: cannot write index.json: ${errorMessage(err)}`, { cause: err });
    }
  }

  async close(): Promise<void> {
    // Nothing held open.
  }
}
