import { AppError, unlessNotFound } from '../../core/errors.js';
import type { Digest } from '../../core/digest.js';
import { cosignManifest, cosignTag, appendLayer, type CosignLayer, type CosignTagKind } from '../../signing/cosign-tags.js';
import { EMPTY_CONFIG, isBundleMediaType, type BundleReferrer } from '../../signing/bundle-referrer.js';
import { MEDIA } from '../media-types.js';
import { parseManifest, type Descriptor } from '../manifest.js';
import type { RegistryClient } from './client.js';
import type { ReferrerDescriptor } from './referrers.js';

/** Largest signature/attestation payload read (an SBOM attestation of a big image is tens of MB). */
export const MAX_PAYLOAD_BYTES = 128 * 1024 * 1024;
/** Most layers read from one `.sig`/`.att` manifest, and most referrers read per image. */
const MAX_ENTRIES = 1000;

/** A `.sig`/`.att`/`.sbom` tag as found: its manifest digest and its layers with their payloads. */
export interface CosignTagContent {
  tag: string;
  manifestDigest: Digest;
  layers: CosignLayer[];
}

/** A Sigstore bundle stored as an OCI referrer of the image. */
export interface StoredBundle {
  referrer: ReferrerDescriptor;
  bundleDescriptor: Descriptor;
  bundle: Buffer;
}

/** Read the cosign tag of `kind` for `digest` with every layer's payload; undefined when there is none. */
export async function readCosignTag(client: RegistryClient, repo: string, digest: Digest, kind: CosignTagKind): Promise<CosignTagContent | undefined> {
  const tag = cosignTag(digest, kind);
  // A tag holds at most 128 characters: a sha512 digest's `sha512-<128 hex>.sig` cannot exist.
  if (tag.length > 128) return undefined;
  const got = await unlessNotFound(client.getManifest(repo, tag, [MEDIA.ociManifest, MEDIA.dockerManifest]));
  if (got === undefined) return undefined;
  const what = `${client.registry}/${repo}:${tag}`;
  const manifest = parseManifest(got.body, got.mediaType, what);
  if (manifest.kind !== 'manifest') throw new AppError('INPUT', `${what}: expected a signature manifest, found an index`);
  if (manifest.layers.length > MAX_ENTRIES) throw new AppError('LIMIT', `${what}: more than ${MAX_ENTRIES} layers`);
  const layers: CosignLayer[] = [];
  for (const [i, descriptor] of manifest.layers.entries()) {
    const payload = await client.getBlobBuffer(repo, descriptor.digest, descriptor.size, MAX_PAYLOAD_BYTES, `${what}: layer ${i + 1} ${descriptor.digest}`);
    layers.push({ descriptor, payload });
  }
  return { tag, manifestDigest: got.digest, layers };
}

/**
 * Add one layer to the cosign tag of `kind` for `digest` (creating the tag, or appending to the layers
 * already there, as cosign does). `isDuplicate` may declare an existing layer equivalent (e.g. the
 * same payload already signed by the same key): then nothing is written.
 */
export async function appendCosignLayer(
  client: RegistryClient,
  repo: string,
  digest: Digest,
  kind: CosignTagKind,
  layer: CosignLayer,
  isDuplicate: (existing: CosignLayer) => boolean = () => false,
): Promise<{ tag: string; manifestDigest: Digest; added: boolean }> {
  const tag = cosignTag(digest, kind);
  if (tag.length > 128) {
    throw new AppError('INPUT', `${client.registry}/${repo}@${digest}: cosign's tag for this digest (${tag.slice(0, 20)}…) is longer than a tag may be; store it as a bundle referrer (--storage bundle)`);
  }
  const existing = await readCosignTag(client, repo, digest, kind);
  if (existing?.layers.some(isDuplicate)) return { tag, manifestDigest: existing.manifestDigest, added: false };
  const { layers, added } = appendLayer(existing?.layers.map((l) => l.descriptor) ?? [], layer.descriptor);
  if (!added && existing) return { tag, manifestDigest: existing.manifestDigest, added: false };
  await client.pushBlob(repo, layer.payload, layer.descriptor.digest);
  const { manifest, config, configDescriptor } = cosignManifest(layers);
  await client.pushBlob(repo, config, configDescriptor.digest);
  const manifestDigest = await client.pushManifest(repo, tag, MEDIA.ociManifest, manifest);
  return { tag, manifestDigest, added: true };
}

/** Push a bundle referrer (bundle blob, empty config, manifest with subject; referrers tag kept when needed). */
export async function pushBundleReferrer(client: RegistryClient, repo: string, referrer: BundleReferrer): Promise<{ digest: Digest; via: 'api' | 'tag' }> {
  await client.pushBlob(repo, EMPTY_CONFIG);
  await client.pushBlob(repo, referrer.bundle, referrer.bundleDescriptor.digest);
  return client.pushReferrer(repo, referrer.manifest, MEDIA.ociManifest);
}

/** Every Sigstore bundle stored as a referrer of `digest`, with the bundle bytes; also how they were listed. */
export async function readBundleReferrers(client: RegistryClient, repo: string, digest: Digest): Promise<{ bundles: StoredBundle[]; via: 'api' | 'tag' | 'none' }> {
  const list = await client.getReferrers(repo, digest);
  const bundles: StoredBundle[] = [];
  const candidates = list.descriptors.filter((d) => isBundleMediaType(d.artifactType) || d.artifactType === undefined);
  for (const referrer of candidates.slice(0, MAX_ENTRIES)) {
    const what = `${client.registry}/${repo}@${referrer.digest} (referrer of ${digest})`;
    const got = await unlessNotFound(client.getManifest(repo, referrer.digest, [MEDIA.ociManifest], { expectedSize: referrer.size }));
    if (got === undefined) continue;
    const manifest = parseManifest(got.body, got.mediaType, what);
    if (manifest.kind !== 'manifest') continue;
    const layer = manifest.layers.find((l) => isBundleMediaType(l.mediaType));
    if (layer === undefined) continue;
    const bundle = await client.getBlobBuffer(repo, layer.digest, layer.size, MAX_PAYLOAD_BYTES, `${what}: bundle ${layer.digest}`);
    bundles.push({ referrer, bundleDescriptor: layer, bundle });
  }
  return { bundles, via: list.via };
}
