import type { Digest } from '../../core/digest.js';
import { bundleReferrerManifest, COSIGN_SIGN_PREDICATE_TYPE } from '../../signing/bundle-referrer.js';
import { bundleForDsse } from '../../signing/bundle/build.js';
import { bundleForImageSignature } from '../../signing/bundle/cosign-sign.js';
import { cosignTag, SIGNATURE_ANNOTATION, type CosignLayer, type CosignTagKind } from '../../signing/cosign-tags.js';
import { verificationKeyFrom } from '../../signing/keys/algorithms.js';
import type { SigningKey } from '../../signing/keys/types.js';
import { attestationEnvelope, attestationLayer, signatureLayer } from '../../signing/sign.js';
import { MANIFEST_ACCEPT } from '../media-types.js';
import { repositoryName, type ImageReference } from '../reference.js';
import type { RegistryClient } from './client.js';
import { referrersTag } from './referrers.js';
import { appendCosignLayer, pushBundleReferrer, readBundleReferrers, readCosignTag, type StoredBundle } from './signature-store.js';

/** Where signatures and attestations are written: cosign's tags, a Sigstore bundle referrer, or both. */
export type SignatureStorage = 'tag' | 'bundle' | 'both';

/** The image a signature is about: a manifest (or index) digest in a repository. */
export interface SignTarget {
  registry: string;
  repository: string;
  /** `registry/repository`: the docker-reference cosign signs. */
  name: string;
  digest: Digest;
  mediaType: string;
  size: number;
  /** The manifest's bytes, as read (their sha256 is `digest`). */
  manifest: Buffer;
  /** The tag the user named, when the digest was resolved from one. */
  tag?: string;
}

/** Resolve the reference to the digest that will be signed or verified (a tag is read once, here). */
export async function resolveSignTarget(client: RegistryClient, ref: ImageReference): Promise<SignTarget> {
  const reference = ref.digest ?? ref.tag ?? 'latest';
  const got = await client.getManifest(ref.repository, reference, MANIFEST_ACCEPT);
  const mediaType = got.mediaType ?? (JSON.parse(got.body.toString('utf8')) as { mediaType?: string }).mediaType ?? 'application/vnd.oci.image.manifest.v1+json';
  return {
    registry: ref.registry,
    repository: ref.repository,
    name: repositoryName(ref),
    digest: got.digest,
    mediaType,
    size: got.body.length,
    manifest: got.body,
    ...(ref.digest === undefined ? { tag: reference } : {}),
  };
}

export interface StoredAt {
  storage: 'tag' | 'bundle';
  /** `sha256-….sig` or the referrer manifest digest. */
  location: string;
  /** False when an equivalent signature was already there (nothing written). */
  added: boolean;
  via?: 'api' | 'tag';
}

async function storeBundle(client: RegistryClient, target: SignTarget, bundle: unknown, predicateType: string, now: Date): Promise<StoredAt> {
  const referrer = bundleReferrerManifest(bundle, target, 'dsse-envelope', predicateType, now);
  const { digest, via } = await pushBundleReferrer(client, target.repository, referrer);
  return { storage: 'bundle', location: digest, added: true, via };
}

async function storeTagLayer(client: RegistryClient, target: SignTarget, kind: CosignTagKind, layer: CosignLayer, isDuplicate: (l: CosignLayer) => boolean): Promise<StoredAt> {
  const r = await appendCosignLayer(client, target.repository, target.digest, kind, layer, isDuplicate);
  return { storage: 'tag', location: r.tag, added: r.added };
}

/** Sign the image's digest and store the signature the chosen way(s). */
export async function signImage(
  client: RegistryClient,
  target: SignTarget,
  key: SigningKey,
  opts: { storage: SignatureStorage; annotations?: Record<string, string>; now: Date },
): Promise<StoredAt[]> {
  const out: StoredAt[] = [];
  if (opts.storage !== 'bundle') {
    const layer = signatureLayer(key, target, opts.annotations);
    // The same payload (same image, same annotations) already carries a signature by this key: nothing to add.
    const ours = verificationKeyFrom(key.publicKey, 'the signing key');
    const dup = (l: CosignLayer): boolean => {
      const sig = l.descriptor.annotations?.[SIGNATURE_ANNOTATION];
      return l.descriptor.digest === layer.descriptor.digest && sig !== undefined && ours.verify(l.payload, Buffer.from(sig, 'base64'));
    };
    out.push(await storeTagLayer(client, target, 'sig', layer, dup));
  }
  if (opts.storage !== 'tag') {
    const bundle = bundleForImageSignature(target.digest, key, opts.annotations ? { annotations: opts.annotations } : {});
    out.push(await storeBundle(client, target, bundle, COSIGN_SIGN_PREDICATE_TYPE, opts.now));
  }
  return out;
}

/** Attest the image: an in-toto statement in a DSSE envelope, stored the chosen way(s). */
export async function attestImage(
  client: RegistryClient,
  target: SignTarget,
  key: SigningKey,
  opts: { storage: SignatureStorage; predicateType: string; predicate: unknown; now: Date },
): Promise<StoredAt[]> {
  const envelope = attestationEnvelope(key, target, opts.predicateType, opts.predicate);
  const out: StoredAt[] = [];
  if (opts.storage !== 'bundle') out.push(await storeTagLayer(client, target, 'att', attestationLayer(key, envelope, opts.predicateType), () => false));
  if (opts.storage !== 'tag') out.push(await storeBundle(client, target, bundleForDsse(envelope, key), opts.predicateType, opts.now));
  return out;
}

/** Everything stored about an image that may sign or attest it, and where drydock looked. */
export interface StoredEvidence {
  tag?: { tag: string; layers: CosignLayer[] };
  bundles: StoredBundle[];
  looked: string[];
}

/** Read the bundle referrers (first) and the cosign tag of `kind`. */
export async function readEvidence(client: RegistryClient, target: SignTarget, kind: 'sig' | 'att'): Promise<StoredEvidence> {
  const { bundles, via } = await readBundleReferrers(client, target.repository, target.digest);
  const looked = [via === 'api' ? 'the referrers API' : via === 'tag' ? `the referrers tag ${referrersTag(target.digest)}` : 'referrers (none)'];
  const tag = await readCosignTag(client, target.repository, target.digest, kind);
  looked.push(`tag ${tag?.tag ?? cosignTag(target.digest, kind)}${tag ? '' : ' (absent)'}`);
  return { ...(tag ? { tag: { tag: tag.tag, layers: tag.layers } } : {}), bundles, looked };
}
