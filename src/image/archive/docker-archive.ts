import * as z from 'zod/mini';
import { AppError } from '../../core/errors.js';
import { parseJsonDocument } from '../../core/json.js';
import { sha256Digest, type Digest } from '../../core/digest.js';
import { verifying } from './blob-store.js';
import type { Platform, SourceInfo } from '../../core/inventory.js';
import { requirePlatform } from '../platform.js';
import { describeLayers, parseImageConfig, summarizeConfig } from '../config.js';
import { zodProblems } from '../manifest.js';
import { formatReference, parseReference } from '../reference.js';
import type { LayerBlob, OpenedImage } from '../source-types.js';
import type { IndexedEntry, TarIndex } from './tar-index.js';

const manifestSchema = z.array(
  z.object({
    Config: z.string().check(z.minLength(1)),
    RepoTags: z.nullish(z.array(z.string())),
    Layers: z.array(z.string().check(z.minLength(1))),
  }),
);
type ArchiveImage = z.infer<typeof manifestSchema>[number];

const MAX_DOC = 32 << 20;
const HEX_NAME = /(?:^|\/)([a-f0-9]{64})(?:\.json)?$/;

export interface DockerArchiveOptions {
  reference: string;
  /** `name:tag` from RepoTags, or `@N` (0-based position in manifest.json). */
  selector?: string;
  /** A platform the user asked for explicitly: an image of another platform is refused. */
  platform?: Platform;
  close: () => Promise<void>;
}

function sameRef(a: string, b: string): boolean {
  if (a === b) return true;
  try {
    return formatReference(parseReference(a)) === formatReference(parseReference(b));
  } catch {
    return false;
  }
}

function pick(images: ArchiveImage[], what: string, selector: string | undefined): ArchiveImage {
  if (selector?.startsWith('@')) {
    const n = Number(selector.slice(1));
    const img = Number.isInteger(n) ? images[n] : undefined;
    if (!img) throw new AppError('NOT_FOUND', `${what}: no image at index ${selector.slice(1)} (the archive holds ${images.length})`);
    return img;
  }
  if (selector !== undefined) {
    const img = images.find((i) => (i.RepoTags ?? []).some((t) => sameRef(t, selector)));
    if (!img) {
      const tags = images.flatMap((i) => i.RepoTags ?? []);
      throw new AppError('NOT_FOUND', `${what}: no image tagged "${selector}" (tags: ${tags.length ? tags.join(', ') : 'none'})`);
    }
    return img;
  }
  const first = images[0];
  if (images.length === 1 && first) return first;
  throw new AppError('INPUT', `${what}: holds ${images.length} images; pick one with docker-archive:PATH:NAME:TAG or docker-archive:PATH:@N`);
}

function entry(index: TarIndex, name: string, what: string): IndexedEntry {
  const e = index.find(name);
  if (!e) throw new AppError('INPUT', `${what}: manifest.json names "${name}", which is not in the archive`);
  return e;
}

/** Open an image from a `docker save` / `buildah push docker-archive:` / `podman save` tarball. */
export async function openDockerArchive(index: TarIndex, what: string, opts: DockerArchiveOptions): Promise<OpenedImage> {
  const mEntry = index.find('manifest.json');
  if (!mEntry) throw new AppError('INPUT', `${what}: not a docker archive (no manifest.json)`);
  const parsed = parseJsonDocument(await index.read(mEntry, MAX_DOC, what), `${what}: manifest.json`);
  const r = manifestSchema.safeParse(parsed);
  if (!r.success) throw new AppError('INPUT', `${what}: invalid manifest.json: ${zodProblems(r.error)}`);
  const img = pick(r.data, what, opts.selector);
  const cfgBytes = await index.read(entry(index, img.Config, what), MAX_DOC, what);
  const configDigest = sha256Digest(cfgBytes);
  const named = HEX_NAME.exec(img.Config)?.[1];
  if (named && `sha256:${named}` !== configDigest) {
    throw new AppError('DIGEST_MISMATCH', `${what}: config ${img.Config} has digest ${configDigest}, not the one its name promises`);
  }
  const config = parseImageConfig(cfgBytes, `${what}: ${img.Config}`);
  if (img.Layers.length !== config.rootfs.diff_ids.length) {
    throw new AppError('INPUT', `${what}: manifest.json lists ${img.Layers.length} layers but the config has ${config.rootfs.diff_ids.length} diff_ids`);
  }
  const platform = { os: config.os, architecture: config.architecture, ...(config.variant ? { variant: config.variant } : {}) };
  requirePlatform(platform, opts.platform, what);
  const entries = img.Layers.map((l) => entry(index, l, what));
  const infos = describeLayers(
    config,
    entries.map((e) => ({ size: e.size })),
  );
  const layers: LayerBlob[] = infos.map((info, i) => ({
    ...info,
    diffId: config.rootfs.diff_ids[i] as string,
    open: async () => {
      const e = entries[i] as IndexedEntry;
      const stream = index.open(e);
      const hex = /^blobs\/sha256\/([a-f0-9]{64})$/.exec(img.Layers[i] ?? '')?.[1];
      if (!hex) return stream; // legacy <id>/layer.tar: the diffID check covers it
      return verifying(stream, `sha256:${hex}` as Digest, e.size, `${what}: ${img.Layers[i]}`);
    },
  }));
  const info: SourceInfo = {
    kind: 'docker-archive',
    reference: opts.reference,
    configDigest,
    platform,
    layers: infos,
    config: summarizeConfig(config),
  };
  const tag = img.RepoTags?.[0];
  if (tag) info.name = tag;
  if (config.created !== undefined) info.created = config.created;
  return { kind: 'image', info, config, layers, close: opts.close };
}
