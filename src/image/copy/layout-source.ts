import { mkdir, stat } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import { AppError, errorMessage, isAppError } from '../../core/errors.js';
import { isDigest, type Digest } from '../../core/digest.js';
import type { Platform } from '../../core/inventory.js';
import { DirBlobStore, TarBlobStore, type BlobStore } from '../archive/blob-store.js';
import { TarIndex } from '../archive/tar-index.js';
import { decompressToTemp, fileCompression } from '../archive/unpack-outer.js';
import { selectPlatform, type Descriptor } from '../manifest.js';
import { MEDIA } from '../media-types.js';
import { parseCopyDocument, type CopyDocument } from './document.js';
import type { CopySource, RawManifest, ReferrerEntry } from './endpoint.js';
import { CONTAINERD_NAME, MAX_INDEX_BYTES, parseLayoutIndex, refNameOf, type LayoutIndex } from './layout-index.js';

/** Why `docker-archive:` cannot be a copy source. */
export const DOCKER_ARCHIVE_REFUSED =
  'a docker save archive has no manifest to copy byte-exact (its manifest.json is not an OCI manifest, so digests and signatures could not survive); ' +
  'load it and push it, or copy an oci-archive:/oci: layout instead';

/** Largest manifest read from a layout. */
const MAX_MANIFEST_BYTES = 4 << 20;

function namesOf(d: Descriptor): string[] {
  return [refNameOf(d), d.annotations?.[CONTAINERD_NAME]].filter((n): n is string => n !== undefined);
}

/** An OCI image layout (directory, or the same inside a tar) read from. */
export class LayoutCopySource implements CopySource {
  private index: Promise<LayoutIndex> | undefined;
  private byReferred: Promise<Map<Digest, ReferrerEntry[]>> | undefined;

  constructor(
    private readonly store: BlobStore,
    private readonly selector: string | undefined,
    private readonly platform: Platform | undefined,
    private readonly cleanup: () => Promise<void>,
  ) {}

  get what(): string {
    return this.store.what;
  }

  private readIndex(): Promise<LayoutIndex> {
    this.index ??= (async () => {
      const layout = await this.store.readRootFile('oci-layout', 4096);
      if (!layout) throw new AppError('INPUT', `${this.what}: not an OCI image layout (no oci-layout file)`);
      const body = await this.store.readRootFile('index.json', MAX_INDEX_BYTES);
      if (!body) throw new AppError('INPUT', `${this.what}: the OCI layout has no index.json`);
      return parseLayoutIndex(body, this.what);
    })();
    return this.index;
  }

  /** The entry the selector names: by digest, by ref name, or the only one. */
  private async pick(): Promise<Descriptor> {
    const { manifests } = await this.readIndex();
    const sel = this.selector;
    if (sel !== undefined && isDigest(sel)) {
      const hit = manifests.find((d) => d.digest === sel);
      if (hit) return hit;
      const size = await this.store.blobSize(sel);
      if (size === undefined) throw new AppError('NOT_FOUND', `${this.what}: no manifest ${sel} in this layout`);
      return { mediaType: '', digest: sel, size };
    }
    const candidates = sel === undefined ? manifests : manifests.filter((d) => namesOf(d).includes(sel));
    const only = candidates[0];
    if (candidates.length === 1 && only) return only;
    const names = [...new Set(manifests.flatMap(namesOf))];
    if (candidates.length === 0) {
      const known = names.length ? names.join(', ') : 'none';
      throw new AppError('NOT_FOUND', sel === undefined ? `${this.what}: the layout holds no image` : `${this.what}: no image named "${sel}" (names in this layout: ${known})`);
    }
    // Several entries under one name are platform variants of it.
    if (this.platform) return selectPlatform({ kind: 'index', mediaType: MEDIA.ociIndex, manifests: candidates }, this.platform, this.what);
    const how = sel === undefined ? `name one of them (${names.join(', ') || 'no names'}) as oci:DIR:NAME` : 'pick one with --platform';
    throw new AppError('INPUT', `${this.what}: ${candidates.length} images match; ${how}`);
  }

  async root(): Promise<RawManifest & { tag?: string }> {
    const entry = await this.pick();
    const m = await this.manifest(entry);
    const tag = refNameOf(entry);
    return tag !== undefined && !isDigest(this.selector ?? '') ? { ...m, tag } : m;
  }

  async manifest(d: Pick<Descriptor, 'digest' | 'mediaType'> & { size?: number }): Promise<RawManifest> {
    const body = await this.store.readBlob(d.digest, d.size, MAX_MANIFEST_BYTES);
    return { digest: d.digest, servedAs: d.mediaType === '' ? undefined : d.mediaType, body };
  }

  openBlob(d: Pick<Descriptor, 'digest' | 'size'>): Promise<Readable> {
    return this.store.openBlob(d.digest, d.size);
  }

  async tagged(tag: string): Promise<RawManifest | undefined> {
    const { manifests } = await this.readIndex();
    const entry = manifests.find((d) => refNameOf(d) === tag);
    return entry === undefined ? undefined : this.manifest(entry);
  }

  /** A layout has no referrers API: the entries of index.json whose manifest has a `subject` are the referrers. */
  async referrers(subject: Digest): Promise<ReferrerEntry[]> {
    this.byReferred ??= this.scanReferrers();
    return (await this.byReferred).get(subject) ?? [];
  }

  private async scanReferrers(): Promise<Map<Digest, ReferrerEntry[]>> {
    const out = new Map<Digest, ReferrerEntry[]>();
    for (const entry of (await this.readIndex()).manifests) {
      if (entry.size > MAX_MANIFEST_BYTES) continue;
      const doc = await this.entryDocument(entry);
      if (doc?.subject === undefined) continue;
      const list = out.get(doc.subject.digest) ?? [];
      list.push({ digest: entry.digest, mediaType: doc.mediaType, size: entry.size, ...(doc.artifactType === undefined ? {} : { artifactType: doc.artifactType }) });
      out.set(doc.subject.digest, list);
    }
    return out;
  }

  /** An entry's manifest; undefined for an entry that is no readable manifest (other content is no concern of this copy). */
  private async entryDocument(entry: Descriptor): Promise<CopyDocument | undefined> {
    try {
      const m = await this.manifest(entry);
      return parseCopyDocument(m.body, m.servedAs, `${this.what}: manifest ${entry.digest}`);
    } catch (err) {
      if (isAppError(err) && (err.code === 'INPUT' || err.code === 'UNSUPPORTED' || err.code === 'NOT_FOUND')) return undefined;
      throw err;
    }
  }

  close(): Promise<void> {
    return this.cleanup();
  }
}

/** Open `oci:DIR` (an existing layout directory). */
export async function openLayoutDir(dir: string, input: string, selector: string | undefined, platform: Platform | undefined): Promise<LayoutCopySource> {
  const st = await stat(dir).catch((err: unknown) => {
    throw new AppError('NOT_FOUND', `${input}: ${errorMessage(err)}`);
  });
  if (!st.isDirectory()) throw new AppError('INPUT', `${input}: ${dir} is not a directory`);
  return new LayoutCopySource(new DirBlobStore(dir, input), selector, platform, async () => undefined);
}

/** Open `oci-archive:FILE` (an OCI layout in a tar, compressed or not; compressed ones are unpacked under `tmpDir`). */
export async function openLayoutArchive(
  file: string,
  input: string,
  selector: string | undefined,
  platform: Platform | undefined,
  opts: { tmpDir: string; maxArchiveBytes: number },
): Promise<LayoutCopySource> {
  await stat(file).catch((err: unknown) => {
    throw new AppError('NOT_FOUND', `${input}: ${errorMessage(err)}`);
  });
  let path = file;
  let cleanup = async (): Promise<void> => undefined;
  if ((await fileCompression(file)) !== 'none') {
    await mkdir(opts.tmpDir, { recursive: true });
    ({ file: path, cleanup } = await decompressToTemp(file, opts.tmpDir, opts.maxArchiveBytes, input));
  }
  try {
    const index = await TarIndex.build(path, input);
    if (index.find('oci-layout') === undefined) {
      if (index.find('manifest.json') !== undefined) throw new AppError('UNSUPPORTED', `${input}: ${DOCKER_ARCHIVE_REFUSED}`);
      throw new AppError('INPUT', `${input}: not an OCI archive (no oci-layout inside)`);
    }
    return new LayoutCopySource(new TarBlobStore(index, input), selector, platform, cleanup);
  } catch (err) {
    await cleanup();
    throw err;
  }
}
