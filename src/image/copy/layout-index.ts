import * as z from 'zod/mini';
import { AppError } from '../../core/errors.js';
import { parseJsonDocument } from '../../core/json.js';
import { descriptorSchema, zodProblems, type Descriptor } from '../manifest.js';

/** The annotation that names an entry of an OCI layout's index.json (its "tag"). */
export const REF_NAME = 'org.opencontainers.image.ref.name';
/** What containerd and `docker save` (OCI flavour) name entries with. */
export const CONTAINERD_NAME = 'io.containerd.image.name';
export const MAX_INDEX_BYTES = 16 << 20;
/** Entries of one index.json, at most. */
export const MAX_INDEX_ENTRIES = 100_000;

/** index.json: entries are checked descriptors (a digest is `sha256:<64 hex>`, never a path); other fields are kept. */
const indexJsonSchema = z.looseObject({
  schemaVersion: z.literal(2),
  mediaType: z.optional(z.string()),
  manifests: z.array(descriptorSchema).check(z.maxLength(MAX_INDEX_ENTRIES)),
});

export interface LayoutIndex {
  /** The whole document, unknown fields included (they are written back unchanged). */
  raw: Record<string, unknown>;
  manifests: Descriptor[];
}

/**
 * The OCI image-spec grammar of a ref name: components of alphanumerics joined by `-._:@+` or `--`,
 * separated by `/`. It has no room for `..`, a leading `/` or control characters.
 */
const REF_NAME_RE = /^[A-Za-z0-9]+(?:(?:[-._:@+]|--)[A-Za-z0-9]+)*(?:\/[A-Za-z0-9]+(?:(?:[-._:@+]|--)[A-Za-z0-9]+)*)*$/;

export function isRefName(name: string): boolean {
  return name.length <= 4096 && REF_NAME_RE.test(name);
}

export function refNameOf(d: Descriptor): string | undefined {
  return d.annotations?.[REF_NAME];
}

/** Parse index.json, naming `what` in errors; every descriptor problem is reported at once. */
export function parseLayoutIndex(body: Buffer, what: string): LayoutIndex {
  const json = parseJsonDocument(body, `${what}: index.json`);
  const r = indexJsonSchema.safeParse(json);
  if (!r.success) throw new AppError('INPUT', `${what}: invalid index.json: ${zodProblems(r.error)}`);
  const bad = r.data.manifests.map((d) => d.annotations?.[REF_NAME]).find((n) => n !== undefined && !isRefName(n));
  if (bad !== undefined) throw new AppError('INPUT', `${what}: index.json names an entry "${bad.slice(0, 200)}", which is not a valid ref name`);
  return { raw: json as Record<string, unknown>, manifests: r.data.manifests as Descriptor[] };
}
