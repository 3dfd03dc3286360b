import { sha256Digest, type Digest } from '../core/digest.js';
import { MEDIA } from '../image/media-types.js';
import type { Descriptor } from '../image/manifest.js';

/** Media type of a Sigstore bundle v0.3 (also the referrer manifest's artifactType). */
export const BUNDLE_V03_MEDIA_TYPE = 'application/vnd.dev.sigstore.bundle.v0.3+json';
/** Older bundle media types a verifier still meets in registries. */
export const BUNDLE_MEDIA_TYPES: readonly string[] = [
  BUNDLE_V03_MEDIA_TYPE,
  'application/vnd.dev.sigstore.bundle+json;version=0.3',
  'application/vnd.dev.sigstore.bundle+json;version=0.2',
  'application/vnd.dev.sigstore.bundle+json;version=0.1',
];
export const EMPTY_CONFIG_MEDIA_TYPE = 'application/vnd.oci.empty.v1+json';
export const EMPTY_CONFIG = Buffer.from('{}', 'utf8');
export const BUNDLE_CONTENT_ANNOTATION = 'dev.sigstore.bundle.content';
export const BUNDLE_PREDICATE_ANNOTATION = 'dev.sigstore.bundle.predicateType';
export const CREATED_ANNOTATION = 'org.opencontainers.image.created';
/** The predicate type cosign (v3) gives the statement of an image signature stored as a bundle. */
export const COSIGN_SIGN_PREDICATE_TYPE = 'https://sigstore.dev/cosign/sign/v1';

export function isBundleMediaType(mt: string | undefined): boolean {
  return mt !== undefined && BUNDLE_MEDIA_TYPES.includes(mt.replace(/\s+/g, ''));
}

export interface BundleReferrer {
  manifest: Buffer;
  bundle: Buffer;
  bundleDescriptor: Descriptor;
}

/**
 * The OCI 1.1 referrer manifest that stores a Sigstore bundle next to the image it signs: empty
 * config, one bundle layer, `subject` = the image, `artifactType` = the bundle media type, and the
 * annotations cosign writes (content kind, predicate type, creation time) so tools can filter without
 * fetching the bundle.
 */
export function bundleReferrerManifest(
  bundleJson: unknown,
  subject: { mediaType: string; digest: Digest; size: number },
  content: 'dsse-envelope' | 'message-signature',
  predicateType: string,
  created: Date,
): BundleReferrer {
  const bundle = Buffer.from(JSON.stringify(bundleJson), 'utf8');
  const bundleDescriptor: Descriptor = { mediaType: BUNDLE_V03_MEDIA_TYPE, digest: sha256Digest(bundle), size: bundle.length };
  const manifest = {
    schemaVersion: 2,
    mediaType: MEDIA.ociManifest,
    artifactType: BUNDLE_V03_MEDIA_TYPE,
    config: { mediaType: EMPTY_CONFIG_MEDIA_TYPE, digest: sha256Digest(EMPTY_CONFIG), size: EMPTY_CONFIG.length },
    layers: [{ mediaType: bundleDescriptor.mediaType, digest: bundleDescriptor.digest, size: bundleDescriptor.size }],
    subject: { mediaType: subject.mediaType, digest: subject.digest, size: subject.size },
    annotations: {
      [BUNDLE_CONTENT_ANNOTATION]: content,
      [BUNDLE_PREDICATE_ANNOTATION]: predicateType,
      [CREATED_ANNOTATION]: created.toISOString(),
    },
  };
  return { manifest: Buffer.from(JSON.stringify(manifest), 'utf8'), bundle, bundleDescriptor };
}
