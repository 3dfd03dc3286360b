import { AppError } from '../../core/errors.js';
import type { Digest } from '../../core/digest.js';
import type { Platform, SourceInfo } from '../../core/inventory.js';
import { describeLayers, parseImageConfig, summarizeConfig, type ImageConfig } from '../config.js';
import { parseManifest, selectPlatform, type ImageManifest } from '../manifest.js';
import { MANIFEST_ACCEPT, MEDIA } from '../media-types.js';
import { defaultPlatform, formatPlatform, platformMatches } from '../platform.js';
import { formatReference, repositoryName, type ImageReference } from '../reference.js';
import type { LayerBlob, OpenedImage } from '../source-types.js';
import { RegistryClient } from './client.js';
import { DEFAULT_MAX_CONFIG_BYTES, DEFAULT_MAX_MANIFEST_BYTES, type RegistryOptions } from './options.js';

/** Indexes may nest (an index entry pointing at another index); this deep and no deeper. */
const MAX_INDEX_DEPTH = 2;

interface Resolved {
  manifest: ImageManifest;
  /** Digest of the image manifest that was selected. */
  digest: Digest;
  /** Digest of what the reference points at (the index, for a multi-platform image). */
  topDigest: Digest;
}

/** Fetch what the reference names and walk down indexes to the manifest for `platform`. */
async function resolveManifest(client: RegistryClient, ref: ImageReference, platform: Platform, maxBytes: number): Promise<Resolved> {
  const what = formatReference(ref);
  const top = await client.getManifest(ref.repository, ref.digest ?? ref.tag ?? 'latest', MANIFEST_ACCEPT, { maxBytes });
  let doc = parseManifest(top.body, top.mediaType, what);
  let digest = top.digest;
  for (let depth = 0; doc.kind === 'index'; depth++) {
    if (depth >= MAX_INDEX_DEPTH) throw new AppError('UNSUPPORTED', `${what}: image indexes nested deeper than ${MAX_INDEX_DEPTH}`);
    const entry = selectPlatform(doc, platform, what);
    const child = await client.getManifest(ref.repository, entry.digest, MANIFEST_ACCEPT, { maxBytes, expectedSize: entry.size });
    doc = parseManifest(child.body, child.mediaType ?? entry.mediaType, `${what} (${formatPlatform(platform)})`);
    digest = child.digest;
  }
  return { manifest: doc, digest, topDigest: top.digest };
}

function configPlatform(config: ImageConfig): Platform {
  const p: Platform = { os: config.os, architecture: config.architecture };
  if (config.variant !== undefined) p.variant = config.variant;
  return p;
}

function sourceInfo(reference: string, ref: ImageReference, r: Resolved, config: ImageConfig): SourceInfo {
  const repo = repositoryName(ref);
  const info: SourceInfo = {
    kind: 'registry',
    reference,
    name: ref.tag !== undefined ? `${repo}:${ref.tag}` : repo,
    digest: r.digest,
    // Like Docker's RepoDigests: the digest the repository serves for the reference (the index, if any).
    repoDigests: [`${repo}@${r.topDigest}`],
    configDigest: r.manifest.config.digest,
    platform: configPlatform(config),
    layers: describeLayers(config, r.manifest.layers),
    config: summarizeConfig(config),
  };
  if (config.created !== undefined) info.created = config.created;
  return info;
}

/**
 * Open an image in a registry: manifest (following an index to `opts.platform`), verified config, and
 * layers that stream verified blobs when opened. Layers are always fetched from the registry, even
 * foreign layers whose descriptors list external `urls`.
 */
export async function openRegistryImage(reference: string, ref: ImageReference, opts: RegistryOptions = {}): Promise<OpenedImage> {
  const client = new RegistryClient(ref.registry, opts);
  try {
    const what = formatReference(ref);
    const platform = opts.platform ?? defaultPlatform();
    const resolved = await resolveManifest(client, ref, platform, opts.maxManifestBytes ?? DEFAULT_MAX_MANIFEST_BYTES);
    const cfg = resolved.manifest.config;
    if (cfg.mediaType !== MEDIA.ociConfig && cfg.mediaType !== MEDIA.dockerConfig) {
      throw new AppError('UNSUPPORTED', `${what}: not a container image (config media type "${cfg.mediaType}")`);
    }
    const cfgBytes = await client.getBlobBuffer(ref.repository, cfg.digest, cfg.size, opts.maxConfigBytes ?? DEFAULT_MAX_CONFIG_BYTES, `${what}: config ${cfg.digest}`);
    const config = parseImageConfig(cfgBytes, `${what}: config`);
    // Like Docker: a platform asked for explicitly must be the image's, also when no index was involved.
    if (opts.platformExplicit === true && !platformMatches(configPlatform(config), platform)) {
      throw new AppError(
        'NOT_FOUND',
        `${what}: the image is for ${formatPlatform(configPlatform(config))}, not the requested platform ${formatPlatform(platform)}`,
      );
    }
    const blobs = resolved.manifest.layers;
    if (config.rootfs.diff_ids.length !== blobs.length) {
      throw new AppError('INPUT', `${what}: the manifest lists ${blobs.length} layers but the config has ${config.rootfs.diff_ids.length} diff_ids`);
    }
    const info = sourceInfo(reference, ref, resolved, config);
    const layers: LayerBlob[] = info.layers.map((layer, i) => {
      const blob = blobs[i] as (typeof blobs)[number];
      const label = `${what}: layer ${i + 1}/${blobs.length} ${blob.digest}`;
      return { ...layer, diffId: config.rootfs.diff_ids[i] as string, open: () => client.getBlob(ref.repository, blob.digest, blob.size, label) };
    });
    return { kind: 'image', info, config, layers, close: () => client.close() };
  } catch (err) {
    await client.close();
    throw err;
  }
}
