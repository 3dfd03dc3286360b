import * as z from 'zod/mini';
import { AppError } from '../core/errors.js';
import { parseJsonDocument } from '../core/json.js';
import { isDigest, type Digest } from '../core/digest.js';
import type { Platform } from '../core/inventory.js';
import { MEDIA, isImageManifestMediaType, isIndexMediaType } from './media-types.js';
import { formatPlatform, platformMatches } from './platform.js';

const digestSchema = z.string().check(z.refine(isDigest, { message: 'not a sha256/sha512 digest' }));

const platformSchema = z.object({
  os: z.string(),
  architecture: z.string(),
  variant: z.optional(z.string()),
  'os.version': z.optional(z.string()),
});

export const descriptorSchema = z.object({
  mediaType: z.string(),
  digest: digestSchema,
  size: z.int().check(z.nonnegative()),
  urls: z.optional(z.array(z.string())),
  annotations: z.optional(z.record(z.string(), z.string())),
  platform: z.optional(platformSchema),
  artifactType: z.optional(z.string()),
});
export type Descriptor = Omit<z.infer<typeof descriptorSchema>, 'digest'> & { digest: Digest };

const imageManifestSchema = z.object({
  schemaVersion: z.literal(2),
  mediaType: z.optional(z.string()),
  config: descriptorSchema,
  layers: z.array(descriptorSchema),
  annotations: z.optional(z.record(z.string(), z.string())),
  subject: z.optional(descriptorSchema),
  artifactType: z.optional(z.string()),
});

const indexSchema = z.object({
  schemaVersion: z.literal(2),
  mediaType: z.optional(z.string()),
  manifests: z.array(descriptorSchema),
  annotations: z.optional(z.record(z.string(), z.string())),
});

export interface ImageManifest {
  kind: 'manifest';
  mediaType: string;
  config: Descriptor;
  layers: Descriptor[];
  annotations?: Record<string, string>;
}

export interface ImageIndex {
  kind: 'index';
  mediaType: string;
  manifests: Descriptor[];
  annotations?: Record<string, string>;
}

/** Every schema problem at once, as `path: message; path: message`. */
export function zodProblems(err: { issues: ReadonlyArray<{ path: PropertyKey[]; message: string }> }): string {
  return err.issues.map((i) => `${i.path.length ? i.path.map(String).join('.') : '(root)'}: ${i.message}`).join('; ');
}

/**
 * Parse a manifest or index document. `headerMediaType` is the Content-Type (registry) or the
 * descriptor's mediaType (layout); the document's own mediaType field wins when present.
 */
export function parseManifest(body: Buffer | string, headerMediaType: string | undefined, what: string): ImageManifest | ImageIndex {
  const json = parseJsonDocument(body, `${what}: manifest`);
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    throw new AppError('INPUT', `${what}: manifest is not a JSON object`);
  }
  const obj = json as Record<string, unknown>;
  const mediaType = typeof obj['mediaType'] === 'string' ? obj['mediaType'] : headerMediaType?.split(';')[0]?.trim();
  if (obj['schemaVersion'] === 1 || mediaType === MEDIA.dockerManifestV1 || mediaType === MEDIA.dockerManifestV1Signed) {
    throw new AppError('UNSUPPORTED', `${what}: Docker schema 1 manifests are deprecated and not supported; re-push the image with a current tool`);
  }
  const looksLikeIndex = isIndexMediaType(mediaType) || (mediaType === undefined && Array.isArray(obj['manifests']));
  if (looksLikeIndex) {
    const r = indexSchema.safeParse(obj);
    if (!r.success) throw new AppError('INPUT', `${what}: invalid image index: ${zodProblems(r.error)}`);
    const idx: ImageIndex = { kind: 'index', mediaType: mediaType ?? MEDIA.ociIndex, manifests: r.data.manifests as Descriptor[] };
    if (r.data.annotations) idx.annotations = r.data.annotations;
    return idx;
  }
  if (mediaType !== undefined && !isImageManifestMediaType(mediaType)) {
    throw new AppError('UNSUPPORTED', `${what}: media type "${mediaType}" is not an image manifest or index`);
  }
  const r = imageManifestSchema.safeParse(obj);
  if (!r.success) throw new AppError('INPUT', `${what}: invalid image manifest: ${zodProblems(r.error)}`);
  const m: ImageManifest = {
    kind: 'manifest',
    mediaType: mediaType ?? MEDIA.ociManifest,
    config: r.data.config as Descriptor,
    layers: r.data.layers as Descriptor[],
  };
  if (r.data.annotations) m.annotations = r.data.annotations;
  return m;
}

/** Pick the manifest for a platform from an index. Entries for attestations (`unknown/unknown`) never match. */
export function selectPlatform(index: ImageIndex, wanted: Platform, what: string): Descriptor {
  const candidates = index.manifests.filter((d) => isImageManifestMediaType(d.mediaType) || isIndexMediaType(d.mediaType));
  const match = candidates.find((d) => d.platform !== undefined && platformMatches(d.platform as Platform, wanted));
  if (match) return match;
  // An index with a single manifest and no platform information: take it (common for OCI layouts).
  const first = candidates[0];
  if (candidates.length === 1 && first !== undefined && first.platform === undefined) return first;
  const available = candidates
    .map((d) => (d.platform ? formatPlatform(d.platform as Platform) : '(no platform)'))
    .filter((p) => !p.startsWith('unknown/'));
  throw new AppError(
    'NOT_FOUND',
    `${what}: no image for platform ${formatPlatform(wanted)}; available: ${available.length ? available.join(', ') : 'none'} (use --platform)`,
  );
}
