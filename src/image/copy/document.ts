import * as z from 'zod/mini';
import { AppError } from '../../core/errors.js';
import { parseJsonDocument } from '../../core/json.js';
import { descriptorSchema, zodProblems, type Descriptor } from '../manifest.js';
import { MEDIA, isIndexMediaType } from '../media-types.js';

/** The deprecated OCI artifact manifest (image-spec 1.1-rc): `blobs` instead of config + layers. */
export const OCI_ARTIFACT_MANIFEST = 'application/vnd.oci.artifact.manifest.v1+json';

/**
 * What copying needs to know of a manifest or index: what it points at. Unknown fields are kept
 * out of the way on purpose — the bytes are copied as they are, never re-serialized.
 */
const documentSchema = z.looseObject({
  schemaVersion: z.optional(z.number()),
  mediaType: z.optional(z.string()),
  artifactType: z.optional(z.string()),
  config: z.optional(descriptorSchema),
  layers: z.optional(z.array(descriptorSchema)),
  blobs: z.optional(z.array(descriptorSchema)),
  manifests: z.optional(z.array(descriptorSchema)),
  subject: z.optional(descriptorSchema),
});

export interface CopyDocument {
  kind: 'index' | 'manifest';
  /** The media type to push the bytes with: the document's own field, else the one it was served with. */
  mediaType: string;
  /** Manifests an index lists (empty for a manifest). */
  children: Descriptor[];
  /** Blobs a manifest references: config first, then layers (or an artifact's blobs). */
  blobs: Descriptor[];
  subject?: Descriptor;
  /** `artifactType`, else the config's media type (what the referrers API reports). */
  artifactType?: string;
}

/** Foreign (Windows base) and non-distributable layers live elsewhere (`urls`): they are not copied, as with skopeo and crane. */
export function isForeignLayer(d: Descriptor): boolean {
  return (d.urls?.length ?? 0) > 0 && /\.foreign\.|nondistributable/.test(d.mediaType);
}

function guessMediaType(doc: z.infer<typeof documentSchema>): string {
  if (doc.manifests !== undefined) return MEDIA.ociIndex;
  if (doc.blobs !== undefined && doc.config === undefined) return OCI_ARTIFACT_MANIFEST;
  return MEDIA.ociManifest;
}

/** Parse a manifest, index or artifact manifest read from a source, naming `what` in errors. */
export function parseCopyDocument(body: Buffer, servedAs: string | undefined, what: string): CopyDocument {
  const json = parseJsonDocument(body, what);
  if (typeof json !== 'object' || json === null || Array.isArray(json)) throw new AppError('INPUT', `${what}: not a JSON object`);
  const r = documentSchema.safeParse(json);
  if (!r.success) throw new AppError('INPUT', `${what}: invalid manifest: ${zodProblems(r.error)}`);
  const doc = r.data;
  if (doc.schemaVersion === 1) {
    throw new AppError('UNSUPPORTED', `${what}: Docker schema 1 manifests are deprecated and cannot be copied byte-exact to current registries`);
  }
  const mediaType = doc.mediaType ?? servedAs ?? guessMediaType(doc);
  const asDescriptors = (ds: ReadonlyArray<z.infer<typeof descriptorSchema>> | undefined): Descriptor[] => (ds ?? []) as Descriptor[];
  if (isIndexMediaType(mediaType) || (doc.manifests !== undefined && doc.config === undefined)) {
    const out: CopyDocument = { kind: 'index', mediaType, children: asDescriptors(doc.manifests), blobs: [] };
    if (doc.subject) out.subject = doc.subject as Descriptor;
    if (doc.artifactType !== undefined) out.artifactType = doc.artifactType;
    return out;
  }
  if (doc.config === undefined && doc.blobs === undefined) {
    throw new AppError('UNSUPPORTED', `${what}: media type "${mediaType}" is neither an image manifest nor an index (no config, layers or manifests)`);
  }
  const config = doc.config === undefined ? [] : [doc.config as Descriptor];
  const out: CopyDocument = { kind: 'manifest', mediaType, children: [], blobs: [...config, ...asDescriptors(doc.layers), ...asDescriptors(doc.blobs)] };
  if (doc.subject) out.subject = doc.subject as Descriptor;
  const artifactType = doc.artifactType ?? doc.config?.mediaType;
  if (artifactType !== undefined) out.artifactType = artifactType;
  return out;
}

