import { AppError } from '../../core/errors.js';
import { isDigest, type Digest } from '../../core/digest.js';
import type { Platform, SourceInfo, SourceKind } from '../../core/inventory.js';
import { describeLayers, parseImageConfig, summarizeConfig } from '../config.js';
import { parseManifest, selectPlatform, type Descriptor, type ImageIndex, type ImageManifest } from '../manifest.js';
import { isLayerMediaType, MEDIA } from '../media-types.js';
import { formatReference, parseReference } from '../reference.js';
import { requirePlatform } from '../platform.js';
import type { LayerBlob, OpenedImage } from '../source-types.js';
import type { BlobStore } from './blob-store.js';

export const REF_NAME = 'org.opencontainers.image.ref.name';
const CONTAINERD_NAME = 'io.containerd.image.name';
const MAX_DOC = 16 << 20;

export interface LayoutOpenOptions {
  kind: SourceKind;
  /** The user's target string. */
  reference: string;
  /** Tag / ref name or digest that picks one image from index.json. */
  selector?: string;
  platform: Platform;
  /** The user named the platform: a single-platform image of another one is refused. */
  platformExplicit?: boolean;
  close: () => Promise<void>;
}

function refNames(d: Descriptor): string[] {
  return [d.annotations?.[REF_NAME], d.annotations?.[CONTAINERD_NAME]].filter((x): x is string => !!x);
}

function sameReference(a: string, b: string): boolean {
  try {
    return formatReference(parseReference(a)) === formatReference(parseReference(b));
  } catch {
    return false;
  }
}

/** A ref name matches literally, or as the same normalised image reference (`alpine:3` = `docker.io/library/alpine:3`). */
function nameMatches(d: Descriptor, selector: string): boolean {
  return refNames(d).some((n) => n === selector || sameReference(n, selector));
}

async function readIndex(store: BlobStore): Promise<ImageIndex> {
  const layout = await store.readRootFile('oci-layout', 4096);
  if (!layout) throw new AppError('INPUT', `${store.what}: not an OCI image layout (no oci-layout file)`);
  const body = await store.readRootFile('index.json', MAX_DOC);
  if (!body) throw new AppError('INPUT', `${store.what}: OCI layout has no index.json`);
  const idx = parseManifest(body, MEDIA.ociIndex, `${store.what}: index.json`);
  if (idx.kind !== 'index') throw new AppError('INPUT', `${store.what}: index.json is not an image index`);
  return idx;
}

/** Pick the descriptor the selector names from index.json. */
function pickEntry(idx: ImageIndex, store: BlobStore, opts: LayoutOpenOptions): Descriptor | Digest {
  const sel = opts.selector;
  if (sel !== undefined && isDigest(sel)) return idx.manifests.find((d) => d.digest === sel) ?? sel;
  if (sel !== undefined) {
    const hit = idx.manifests.filter((d) => nameMatches(d, sel));
    const first = hit[0];
    if (first && hit.length === 1) return first;
    if (hit.length > 1) {
      // Several entries under one name are platform variants of it.
      return selectPlatform({ ...idx, manifests: hit }, opts.platform, `${store.what}:${sel}`);
    }
    const names = idx.manifests.flatMap(refNames);
    throw new AppError('NOT_FOUND', `${store.what}: no image named "${sel}" (names in this layout: ${names.length ? names.join(', ') : 'none'})`);
  }
  const only = idx.manifests[0];
  if (idx.manifests.length === 1 && only) return only;
  const named = new Set(idx.manifests.flatMap(refNames));
  if (named.size > 1) {
    throw new AppError('INPUT', `${store.what}: holds several images (${[...named].join(', ')}); pick one with ${opts.kind === 'oci-layout' ? 'oci' : opts.kind}:PATH:NAME`);
  }
  return selectPlatform(idx, opts.platform, store.what);
}

/** Follow index → (platform) → image manifest, reading and verifying each document. */
async function resolveManifest(store: BlobStore, start: Descriptor | Digest, platform: Platform): Promise<{ digest: Digest; manifest: ImageManifest }> {
  let desc: { digest: Digest; mediaType?: string; size?: number } = typeof start === 'string' ? { digest: start } : start;
  for (let depth = 0; depth < 4; depth++) {
    const body = await store.readBlob(desc.digest, desc.size, MAX_DOC);
    const doc = parseManifest(body, desc.mediaType, `${store.what}: manifest ${desc.digest}`);
    if (doc.kind === 'manifest') return { digest: desc.digest, manifest: doc };
    desc = selectPlatform(doc, platform, `${store.what}: index ${desc.digest}`);
  }
  throw new AppError('INPUT', `${store.what}: image indexes nested too deeply`);
}

/** Open one image of an OCI layout (directory or archive). */
export async function openOciLayout(store: BlobStore, opts: LayoutOpenOptions): Promise<OpenedImage> {
  const idx = await readIndex(store);
  const entry = pickEntry(idx, store, opts);
  const { digest, manifest } = await resolveManifest(store, entry, opts.platform);
  const cfgDesc = manifest.config;
  const config = parseImageConfig(await store.readBlob(cfgDesc.digest, cfgDesc.size, MAX_DOC * 2), `${store.what}: config ${cfgDesc.digest}`);
  if (manifest.layers.length !== config.rootfs.diff_ids.length) {
    throw new AppError('INPUT', `${store.what}: manifest lists ${manifest.layers.length} layers but the config has ${config.rootfs.diff_ids.length} diff_ids`);
  }
  const bad = manifest.layers.find((l) => !isLayerMediaType(l.mediaType));
  if (bad) throw new AppError('UNSUPPORTED', `${store.what}: layer media type "${bad.mediaType}" is not an image layer`);
  const platform = { os: config.os, architecture: config.architecture, ...(config.variant ? { variant: config.variant } : {}) };
  requirePlatform(platform, opts.platformExplicit ? opts.platform : undefined, store.what);
  const infos = describeLayers(config, manifest.layers);
  const layers: LayerBlob[] = infos.map((info, i) => {
    const d = manifest.layers[i] as Descriptor;
    return { ...info, diffId: config.rootfs.diff_ids[i] as string, open: () => store.openBlob(d.digest, d.size) };
  });
  // A ref name that is only a tag ("latest") does not name an image; a full reference does.
  const name = typeof entry === 'string' ? undefined : refNames(entry).find((n) => n.includes('/') || n.includes(':'));
  const info: SourceInfo = {
    kind: opts.kind,
    reference: opts.reference,
    digest,
    configDigest: cfgDesc.digest,
    platform,
    layers: infos,
    config: summarizeConfig(config),
  };
  if (name !== undefined) info.name = name;
  if (config.created !== undefined) info.created = config.created;
  return { kind: 'image', info, config, layers, close: opts.close };
}
