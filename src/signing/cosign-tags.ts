import { digestAlgorithm, digestHex, sha256Digest, type Digest } from '../core/digest.js';
import { MEDIA } from '../image/media-types.js';
import type { Descriptor } from '../image/manifest.js';

/** Cosign's tag-based storage: signatures, attestations and SBOMs live under tags derived from the digest. */
export type CosignTagKind = 'sig' | 'att' | 'sbom';

/** `sha256:abc…` → `sha256-abc….sig` (or `.att`, `.sbom`). */
export function cosignTag(digest: Digest, kind: CosignTagKind): string {
  return `${digestAlgorithm(digest)}-${digestHex(digest)}.${kind}`;
}

/** Annotation holding the base64 signature of a `.sig` layer (empty on `.att` layers). */
export const SIGNATURE_ANNOTATION = 'dev.cosignproject.cosign/signature';
/** Annotations cosign adds for keyless signatures. */
export const CERTIFICATE_ANNOTATION = 'dev.sigstore.cosign/certificate';
export const CHAIN_ANNOTATION = 'dev.sigstore.cosign/chain';
export const REKOR_BUNDLE_ANNOTATION = 'dev.sigstore.cosign/bundle';
/** Annotation with the predicate type of an `.att` layer. */
export const PREDICATE_TYPE_ANNOTATION = 'predicateType';
/**
 * drydock's own annotation: the signing key's hint (base64 sha256 of its DER public key), so a verifier
 * can tell "signed by another key" from "signature does not verify". Cosign ignores it.
 */
export const KEY_HINT_ANNOTATION = 'dev.drydock/key-hint';

export const DSSE_MEDIA_TYPE = 'application/vnd.dsse.envelope.v1+json';

/** One layer of a `.sig`/`.att` manifest: the payload bytes and the layer's descriptor. */
export interface CosignLayer {
  descriptor: Descriptor;
  payload: Buffer;
}

export function cosignLayer(mediaType: string, payload: Buffer, annotations: Record<string, string>): CosignLayer {
  return { payload, descriptor: { mediaType, digest: sha256Digest(payload), size: payload.length, annotations } };
}

/**
 * The config blob of a signature image as go-containerregistry writes one for cosign: an empty image
 * whose rootfs lists each (uncompressed) layer, with one history entry per layer.
 */
export function cosignConfig(layers: readonly Descriptor[]): Buffer {
  const zero = '0001-01-01T00:00:00Z';
  const cfg = {
    architecture: '',
    created: zero,
    history: layers.map(() => ({ created: zero })),
    os: '',
    rootfs: { type: 'layers', diff_ids: layers.map((l) => l.digest) },
    config: {},
  };
  return Buffer.from(JSON.stringify(cfg), 'utf8');
}

function descriptorJson(d: Descriptor): Record<string, unknown> {
  return { mediaType: d.mediaType, size: d.size, digest: d.digest, ...(d.annotations && Object.keys(d.annotations).length ? { annotations: d.annotations } : {}) };
}

/** The OCI manifest of a `.sig`/`.att` tag over `layers`, with its config blob. */
export function cosignManifest(layers: readonly Descriptor[]): { manifest: Buffer; config: Buffer; configDescriptor: Descriptor } {
  const config = cosignConfig(layers);
  const configDescriptor: Descriptor = { mediaType: MEDIA.ociConfig, digest: sha256Digest(config), size: config.length };
  const manifest = {
    schemaVersion: 2,
    mediaType: MEDIA.ociManifest,
    config: descriptorJson(configDescriptor),
    layers: layers.map(descriptorJson),
  };
  return { manifest: Buffer.from(JSON.stringify(manifest), 'utf8'), config, configDescriptor };
}

/**
 * Append `layer` to the existing layers unless an identical one (same payload and same annotations)
 * is there already — signing twice with the same key and payload adds nothing (cosign does the same).
 */
export function appendLayer(existing: readonly Descriptor[], layer: Descriptor): { layers: Descriptor[]; added: boolean } {
  const same = (a: Descriptor): boolean =>
    a.digest === layer.digest && a.mediaType === layer.mediaType && JSON.stringify(a.annotations ?? {}) === JSON.stringify(layer.annotations ?? {});
  if (existing.some(same)) return { layers: [...existing], added: false };
  return { layers: [...existing, layer], added: true };
}
