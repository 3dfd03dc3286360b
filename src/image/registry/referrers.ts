/**
 * OCI 1.1 referrers (distribution spec 1.1 "Listing Referrers", "Pushing Manifests with Subject",
 * "Referrers Tag Schema"): manifests whose `subject` names another manifest — signatures, SBOMs,
 * attestations. A registry with the referrers API indexes them itself; on one without it (such as
 * distribution 2.8) the client keeps an image index under the tag `<alg>-<hex>` of the subject.
 */
import * as z from 'zod/mini';
import { AppError, isAppError } from '../../core/errors.js';
import { parseJsonDocument } from '../../core/json.js';
import { isDigest, sha256Digest, type Digest } from '../../core/digest.js';
import { descriptorSchema, zodProblems } from '../manifest.js';
import { MANIFEST_ACCEPT, MEDIA } from '../media-types.js';
import type { FetchedManifest } from './client.js';
import { discard, header, readBody } from './http.js';
import { nextLink } from './link.js';
import { checkRepository, pullScope, subjectOf } from './names.js';
import { DEFAULT_MAX_MANIFEST_BYTES } from './options.js';
import type { RegistrySession } from './session.js';

export interface ReferrerDescriptor {
  mediaType: string;
  digest: Digest;
  size: number;
  artifactType?: string;
  annotations?: Record<string, string>;
}

export interface ReferrerList {
  descriptors: ReferrerDescriptor[];
  /** `api`: the registry's referrers API; `tag`: the referrers tag index; `none`: neither exists. */
  via: 'api' | 'tag' | 'none';
}

/** What the referrers code needs of a RegistryClient. */
export interface ReferrersIo {
  readonly registry: string;
  readonly session: RegistrySession;
  getManifest(repo: string, reference: string, accept?: readonly string[], opts?: { maxBytes?: number }): Promise<FetchedManifest>;
  putManifest(repo: string, reference: string, mediaType: string, body: Buffer): Promise<{ digest: Digest; ociSubject: string | undefined }>;
}

/** Caps of one listing over all its pages. */
export const MAX_REFERRER_PAGES = 1_000;
export const MAX_REFERRERS = 100_000;
export const MAX_REFERRERS_BYTES = 64 * 1024 * 1024;
/** Answers of the referrers endpoint that mean "this registry has no referrers API". */
const NO_API_STATUSES = [400, 404, 405, 406];

const annotationsSchema = z.record(z.string(), z.string());

const referrersIndexSchema = z.object({
  schemaVersion: z.literal(2),
  mediaType: z.optional(z.string()),
  manifests: z.array(descriptorSchema),
  annotations: z.optional(annotationsSchema),
});

const subjectManifestSchema = z.object({
  schemaVersion: z.literal(2),
  mediaType: z.optional(z.string()),
  artifactType: z.optional(z.string()),
  config: descriptorSchema,
  layers: z.array(descriptorSchema),
  subject: descriptorSchema,
  annotations: z.optional(annotationsSchema),
});

const subjectIndexSchema = z.object({
  schemaVersion: z.literal(2),
  mediaType: z.optional(z.string()),
  artifactType: z.optional(z.string()),
  manifests: z.array(descriptorSchema),
  subject: descriptorSchema,
  annotations: z.optional(annotationsSchema),
});

/**
 * The referrers tag of a digest (spec "Referrers Tag Schema"): the algorithm cut to 32 characters, `-`,
 * the encoded part cut to 64, characters a tag cannot hold replaced by `-`. `sha256:ab…` → `sha256-ab…`.
 */
export function referrersTag(digest: string): string {
  const colon = digest.indexOf(':');
  if (colon <= 0) throw new AppError('INPUT', `"${digest}" is not a digest of the form <algorithm>:<encoded>`);
  const tag = `${digest.slice(0, colon).slice(0, 32)}-${digest.slice(colon + 1).slice(0, 64)}`;
  return tag.replace(/[^a-zA-Z0-9_.-]/g, '-');
}

/** Only the descriptor fields a referrer list carries (no urls, platform, …). */
function toReferrer(d: z.infer<typeof descriptorSchema>): ReferrerDescriptor {
  const out: ReferrerDescriptor = { mediaType: d.mediaType, digest: d.digest as Digest, size: d.size };
  if (d.artifactType !== undefined) out.artifactType = d.artifactType;
  if (d.annotations !== undefined) out.annotations = d.annotations;
  return out;
}

/** Parse a referrers index (an API page or the tag's index) from the registry; faults are REGISTRY errors. */
function parseReferrersIndex(body: Buffer, contentType: string | undefined, what: string): { raw: Record<string, unknown>; descriptors: ReferrerDescriptor[] } {
  let json: unknown;
  try {
    json = parseJsonDocument(body, what);
  } catch (err) {
    throw isAppError(err) ? new AppError('REGISTRY', err.message) : err;
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    throw new AppError('REGISTRY', `${what} is not a JSON object`);
  }
  const raw = json as Record<string, unknown>;
  const mediaType = typeof raw['mediaType'] === 'string' ? raw['mediaType'] : contentType;
  if (mediaType !== MEDIA.ociIndex) {
    throw new AppError('REGISTRY', `${what} is a ${mediaType ?? 'document without media type'}, not an OCI image index`);
  }
  const r = referrersIndexSchema.safeParse(raw);
  if (!r.success) throw new AppError('REGISTRY', `${what} is not a valid OCI image index: ${zodProblems(r.error)}`);
  return { raw, descriptors: r.data.manifests.map(toReferrer) };
}

function filterAndDedupe(descriptors: ReferrerDescriptor[], artifactType: string | undefined): ReferrerDescriptor[] {
  const seen = new Set<string>();
  return descriptors.filter((d) => {
    if (artifactType !== undefined && d.artifactType !== artifactType) return false;
    if (seen.has(d.digest)) return false;
    seen.add(d.digest);
    return true;
  });
}

function checkSubject(io: ReferrersIo, repo: string, subject: string): asserts subject is Digest {
  checkRepository(io.registry, repo);
  if (!isDigest(subject)) {
    throw new AppError('INPUT', `${io.registry}/${repo}: referrers subject "${subject}" is not a valid sha256/sha512 digest`);
  }
}

/**
 * The pages of `GET /v2/<repo>/referrers/<subject>`, or undefined when the registry has no referrers
 * API (a 400/404/405/406 answer, or a first answer that is not an OCI image index).
 */
async function referrersByApi(io: ReferrersIo, repo: string, subject: Digest, artifactType: string | undefined): Promise<ReferrerDescriptor[] | undefined> {
  const what = `${subjectOf(io.registry, repo, subject)}: referrers`;
  let url = new URL(`/v2/${repo}/referrers/${subject}`, await io.session.root(what));
  if (artifactType !== undefined) url.searchParams.set('artifactType', artifactType);
  const seen = new Set<string>();
  const found: ReferrerDescriptor[] = [];
  let bytes = 0;
  for (let page = 0; page < MAX_REFERRER_PAGES; page++) {
    seen.add(url.href);
    const res = await io.session.exchange({
      method: 'GET',
      path: url.href,
      headers: { accept: MEDIA.ociIndex },
      scopes: [pullScope(repo)],
      subject: what,
      // Only the first answer may say "no referrers API"; a later page that fails is an error.
      ...(page === 0 ? { allowStatus: NO_API_STATUSES } : {}),
    });
    const contentType = header(res, 'content-type')?.split(';')[0]?.trim();
    if (page === 0 && (res.status !== 200 || contentType !== MEDIA.ociIndex)) {
      await discard(res);
      return undefined;
    }
    const body = await readBody(res, DEFAULT_MAX_MANIFEST_BYTES, what);
    bytes += body.length;
    if (bytes > MAX_REFERRERS_BYTES) throw new AppError('LIMIT', `${what}: the referrers list is larger than ${MAX_REFERRERS_BYTES} bytes`);
    const { descriptors } = parseReferrersIndex(body, contentType, `${what} (page ${page + 1})`);
    if (found.length + descriptors.length > MAX_REFERRERS) throw new AppError('LIMIT', `${what}: more than ${MAX_REFERRERS} referrers`);
    found.push(...descriptors);
    const next = nextLink(header(res, 'link'));
    if (next === undefined) return found;
    url = new URL(next, url);
    if (seen.has(url.href)) throw new AppError('REGISTRY', `${what}: the referrers pages loop`);
  }
  throw new AppError('LIMIT', `${what}: more than ${MAX_REFERRER_PAGES} pages of referrers`);
}

/** The referrers tag's index, or undefined when the tag does not exist. */
async function readReferrersTag(io: ReferrersIo, repo: string, subject: Digest): Promise<ReturnType<typeof parseReferrersIndex> | undefined> {
  const tag = referrersTag(subject);
  let fetched: FetchedManifest;
  try {
    fetched = await io.getManifest(repo, tag, MANIFEST_ACCEPT, { maxBytes: DEFAULT_MAX_MANIFEST_BYTES });
  } catch (err) {
    if (isAppError(err) && err.code === 'NOT_FOUND') return undefined;
    throw err;
  }
  return parseReferrersIndex(fetched.body, fetched.mediaType, `${subjectOf(io.registry, repo, tag)}: referrers tag index`);
}

/**
 * The referrers of `subject` in `repo`: from the referrers API when the registry has one, else from
 * the referrers tag index; `artifactType` keeps only referrers of that type (also when the registry
 * ignored the filter). Duplicate digests are listed once.
 */
export async function listReferrers(io: ReferrersIo, repo: string, subject: string, opts: { artifactType?: string } = {}): Promise<ReferrerList> {
  checkSubject(io, repo, subject);
  const artifactType = opts.artifactType === '' ? undefined : opts.artifactType;
  const byApi = await referrersByApi(io, repo, subject, artifactType);
  if (byApi !== undefined) return { descriptors: filterAndDedupe(byApi, artifactType), via: 'api' };
  const byTag = await readReferrersTag(io, repo, subject);
  if (byTag === undefined) return { descriptors: [], via: 'none' };
  return { descriptors: filterAndDedupe(byTag.descriptors, artifactType), via: 'tag' };
}

interface ParsedReferrer {
  subject: Digest;
  descriptor: ReferrerDescriptor;
}

/** Check a manifest to push as a referrer and describe it the way a referrers list does. */
function parseReferrerManifest(manifest: Buffer, mediaType: string, what: string): ParsedReferrer {
  if (mediaType !== MEDIA.ociManifest && mediaType !== MEDIA.ociIndex) {
    throw new AppError('INPUT', `${what}: media type "${mediaType}" is not an OCI image manifest or index`);
  }
  const json = parseJsonDocument(manifest, what);
  if (typeof json !== 'object' || json === null || Array.isArray(json)) throw new AppError('INPUT', `${what} is not a JSON object`);
  const declared = (json as Record<string, unknown>)['mediaType'];
  if (declared !== undefined && declared !== mediaType) {
    throw new AppError('INPUT', `${what}: its mediaType "${String(declared)}" differs from the media type to push it with, "${mediaType}"`);
  }
  const isIndex = mediaType === MEDIA.ociIndex;
  const r = isIndex ? subjectIndexSchema.safeParse(json) : subjectManifestSchema.safeParse(json);
  if (!r.success) {
    throw new AppError('INPUT', `${what} is not a valid OCI image ${isIndex ? 'index' : 'manifest'} with a subject: ${zodProblems(r.error)}`);
  }
  const doc = r.data;
  const descriptor: ReferrerDescriptor = { mediaType, digest: sha256Digest(manifest), size: manifest.length };
  // An image manifest without an artifactType is typed by its config; an index without one stays untyped.
  const artifactType = doc.artifactType || ('config' in doc ? doc.config.mediaType : undefined);
  if (artifactType) descriptor.artifactType = artifactType;
  if (doc.annotations !== undefined) descriptor.annotations = doc.annotations;
  return { subject: doc.subject.digest as Digest, descriptor };
}

/** Add `descriptor` to the subject's referrers tag index unless it is listed there already. */
async function addToReferrersTag(io: ReferrersIo, repo: string, subject: Digest, descriptor: ReferrerDescriptor): Promise<void> {
  const current = await readReferrersTag(io, repo, subject);
  if (current?.descriptors.some((d) => d.digest === descriptor.digest)) return;
  const base = current?.raw ?? { schemaVersion: 2, mediaType: MEDIA.ociIndex, manifests: [] };
  const manifests = [...((base['manifests'] as unknown[] | undefined) ?? []), descriptor];
  const index = Buffer.from(JSON.stringify({ ...base, manifests }));
  await io.putManifest(repo, referrersTag(subject), MEDIA.ociIndex, index);
}

/**
 * Push a manifest that has a `subject` (its blobs must be pushed first) by its digest. When the
 * registry answers with `OCI-Subject: <subject>` it indexed the referrer itself (`api`); otherwise the
 * referrers tag index is updated (`tag`). Pushing the same manifest again changes nothing.
 */
export async function pushReferrerManifest(io: ReferrersIo, repo: string, manifest: Buffer, mediaType: string): Promise<{ digest: Digest; via: 'api' | 'tag' }> {
  checkRepository(io.registry, repo);
  const digest = sha256Digest(manifest);
  const { subject, descriptor } = parseReferrerManifest(manifest, mediaType, `${subjectOf(io.registry, repo, digest)}: referrer to push`);
  const pushed = await io.putManifest(repo, digest, mediaType, manifest);
  if (pushed.ociSubject?.trim() === subject) return { digest, via: 'api' };
  await addToReferrersTag(io, repo, subject, descriptor);
  return { digest, via: 'tag' };
}
