import type { Readable } from 'node:stream';
import * as z from 'zod';
import { AppError, errorMessage, isAppError } from '../../core/errors.js';
import { DigestVerifier, digestAlgorithm, hasherFor, isDigest, sha256Digest, verifyBuffer, type Digest } from '../../core/digest.js';
import { MANIFEST_ACCEPT } from '../media-types.js';
import { discard, header } from './http.js';
import { nextLink } from './link.js';
import { checkRepository, checkTagOrDigest, pullScope, pushScope, subjectOf } from './names.js';
import { DEFAULT_MAX_MANIFEST_BYTES, type RegistryClientOptions } from './options.js';
import { listReferrers, pushReferrerManifest, type ReferrerList, type ReferrersIo } from './referrers.js';
import { RegistrySession } from './session.js';
import { pushBlobStream, type BlobPushOutcome, type BlobStreamOptions } from './upload.js';

export interface FetchedManifest {
  /** Content-Type of the answer, without parameters. */
  mediaType: string | undefined;
  /** Digest of the exact bytes received (verified against the requested digest, if any). */
  digest: Digest;
  body: Buffer;
}

const tagListSchema = z.object({ name: z.string().optional(), tags: z.array(z.string()).nullish() }).loose();
const MAX_TAG_PAGES = 10_000;
/** Caps of a whole tag listing, over all its pages. */
export const MAX_TAGS = 1_000_000;
export const MAX_TAG_LIST_BYTES = 64 * 1024 * 1024;
const MAX_TAG_PAGE_BYTES = 16 * 1024 * 1024;

/** Check a registry's Docker-Content-Digest header, when it sent a usable one, against the bytes. */
function checkAnnouncedDigest(body: Buffer, announced: string | undefined, what: string): void {
  if (announced === undefined || !isDigest(announced)) return;
  const got = `${digestAlgorithm(announced)}:${hasherFor(announced).update(body).digest('hex')}`;
  if (got !== announced) {
    throw new AppError('DIGEST_MISMATCH', `${what}: content digest is ${got}, the registry announced ${announced}`);
  }
}

function parseJson(body: Buffer): unknown {
  try {
    return JSON.parse(body.toString('utf8'));
  } catch {
    return undefined;
  }
}

/** Is this body a Docker schema 1 manifest (whatever the Content-Type claims)? */
function isSchema1(body: Buffer): boolean {
  const json = parseJson(body);
  return typeof json === 'object' && json !== null && (json as { schemaVersion?: unknown }).schemaVersion === 1;
}

/**
 * The blob's bytes through a DigestVerifier. A connection lost mid-way fails the stream with
 * AppError NETWORK naming the blob; destroying the returned stream releases the connection.
 */
function verifiedStream(body: Readable, digest: Digest, size: number | undefined, subject: string): Readable {
  const verifier = new DigestVerifier(digest, size, subject);
  body.on('error', (err: unknown) => {
    const wrapped = isAppError(err) ? err : new AppError('NETWORK', `${subject}: download interrupted (${errorMessage(err)})`, { cause: err });
    verifier.destroy(wrapped);
  });
  verifier.on('close', () => body.destroy());
  body.pipe(verifier);
  return verifier;
}

/**
 * The OCI distribution API of one registry: manifests and blobs (verified against their digests),
 * tag lists, and simple pushes. Credentials, TLS and retries come from the options.
 */
export class RegistryClient {
  private readonly session: RegistrySession;

  constructor(
    readonly registry: string,
    opts: RegistryClientOptions = {},
  ) {
    this.session = new RegistrySession(registry, opts);
  }

  /**
   * GET a manifest or index by tag or digest. By digest the bytes must hash to it (and match
   * `expectedSize`); by tag the computed sha256 is returned, checked against Docker-Content-Digest.
   */
  async getManifest(
    repo: string,
    reference: string,
    accept: readonly string[] = MANIFEST_ACCEPT,
    opts: { maxBytes?: number; expectedSize?: number } = {},
  ): Promise<FetchedManifest> {
    checkRepository(this.registry, repo);
    checkTagOrDigest(this.registry, repo, reference);
    const subject = subjectOf(this.registry, repo, reference);
    const { res, body } = await this.session.fetchSmall(
      {
        method: 'GET',
        path: `/v2/${repo}/manifests/${reference}`,
        headers: { accept: accept.join(', ') },
        scopes: [pullScope(repo)],
        subject,
      },
      { maxBytes: opts.maxBytes ?? DEFAULT_MAX_MANIFEST_BYTES, what: `${subject}: manifest` },
    );
    const mediaType = header(res, 'content-type')?.split(';')[0]?.trim() || undefined;
    let digest: Digest;
    if (isDigest(reference)) {
      verifyBuffer(body, reference, opts.expectedSize, `${subject}: manifest`);
      digest = reference;
    } else {
      // Signed schema 1 manifests are digested without their signatures; parseManifest refuses them anyway.
      // What counts is the body, not the Content-Type: any other body is checked against the header.
      if (!isSchema1(body)) checkAnnouncedDigest(body, header(res, 'docker-content-digest'), `${subject}: manifest`);
      digest = sha256Digest(body);
      if (opts.expectedSize !== undefined) verifyBuffer(body, digest, opts.expectedSize, `${subject}: manifest`);
    }
    return { mediaType, digest, body };
  }

  /** Stream a blob; the stream fails with DIGEST_MISMATCH if its bytes or size differ from the promise. */
  async getBlob(repo: string, digest: Digest, size?: number, what?: string): Promise<Readable> {
    checkRepository(this.registry, repo);
    const subject = what ?? subjectOf(this.registry, repo, digest);
    const res = await this.session.exchange({ method: 'GET', path: `/v2/${repo}/blobs/${digest}`, scopes: [pullScope(repo)], subject });
    const declared = Number(header(res, 'content-length'));
    if (size !== undefined && Number.isFinite(declared) && declared !== size) {
      res.body.destroy();
      throw new AppError('DIGEST_MISMATCH', `${subject}: the registry sends ${declared} bytes, declared size is ${size}`);
    }
    return verifiedStream(res.body, digest, size, subject);
  }

  /** Read a whole (small) blob such as an image config, verified, refusing more than `maxBytes`. */
  async getBlobBuffer(repo: string, digest: Digest, size: number | undefined, maxBytes: number, what?: string): Promise<Buffer> {
    checkRepository(this.registry, repo);
    const subject = what ?? subjectOf(this.registry, repo, digest);
    if (size !== undefined && size > maxBytes) {
      throw new AppError('LIMIT', `${subject}: ${size} bytes is more than the limit of ${maxBytes}`);
    }
    const { body } = await this.session.fetchSmall(
      { method: 'GET', path: `/v2/${repo}/blobs/${digest}`, scopes: [pullScope(repo)], subject },
      // A config may be large: only the idle body timeout applies, not the small-read deadline.
      { maxBytes, what: subject, deadline: false },
    );
    verifyBuffer(body, digest, size, subject);
    return body;
  }

  /** All tags of a repository, following `Link: <...>; rel="next"` pages of `pageSize`. */
  async listTags(repo: string, opts: { pageSize?: number } = {}): Promise<string[]> {
    checkRepository(this.registry, repo);
    const subject = `${this.registry}/${repo}`;
    const root = await this.session.root(subject);
    let url = new URL(`/v2/${repo}/tags/list`, root);
    if (opts.pageSize !== undefined) url.searchParams.set('n', String(opts.pageSize));
    const tags: string[] = [];
    const seen = new Set<string>();
    let bytes = 0;
    for (let page = 0; page < MAX_TAG_PAGES; page++) {
      seen.add(url.href);
      const { res, body } = await this.session.fetchSmall(
        { method: 'GET', path: url.href, scopes: [pullScope(repo)], subject },
        { maxBytes: MAX_TAG_PAGE_BYTES, what: `${subject}: tag list` },
      );
      bytes += body.length;
      if (bytes > MAX_TAG_LIST_BYTES) throw new AppError('LIMIT', `${subject}: the tag list is larger than ${MAX_TAG_LIST_BYTES} bytes`);
      const r = tagListSchema.safeParse(parseJson(body));
      if (!r.success) throw new AppError('REGISTRY', `${subject}: the tag list is not JSON of the form {"name", "tags": [...]}`);
      const got = r.data.tags ?? [];
      if (tags.length + got.length > MAX_TAGS) throw new AppError('LIMIT', `${subject}: more than ${MAX_TAGS} tags`);
      for (const tag of got) tags.push(tag);
      const next = nextLink(header(res, 'link'));
      if (next === undefined) return tags;
      url = new URL(next, url);
      if (seen.has(url.href)) throw new AppError('REGISTRY', `${subject}: the tag list pages loop`);
    }
    throw new AppError('LIMIT', `${subject}: more than ${MAX_TAG_PAGES} pages of tags`);
  }

  /** Upload a blob in one piece (POST, then PUT with the digest) unless the registry has it already. */
  async pushBlob(repo: string, data: Buffer, digest: Digest = sha256Digest(data)): Promise<Digest> {
    checkRepository(this.registry, repo);
    const subject = subjectOf(this.registry, repo, digest);
    verifyBuffer(data, digest, data.length, `${subject}: blob to push`);
    const scopes = [pushScope(repo)];
    const path = `/v2/${repo}/blobs/${digest}`;
    const head = await this.session.exchange({ method: 'HEAD', path, scopes, subject, allowStatus: [404] });
    await discard(head);
    if (head.status === 200) return digest;
    const start = await this.session.exchange({ method: 'POST', path: `/v2/${repo}/blobs/uploads/`, body: Buffer.alloc(0), scopes, subject });
    await discard(start);
    const location = header(start, 'location');
    if (location === undefined) throw new AppError('REGISTRY', `${subject}: the registry started an upload without a Location`);
    const target = new URL(location, start.url);
    target.searchParams.set('digest', digest);
    const put = await this.session.exchange({
      method: 'PUT',
      path: target.href,
      headers: { 'content-type': 'application/octet-stream' },
      body: data,
      scopes,
      subject,
    });
    await discard(put);
    return digest;
  }

  /** Upload a blob of any size from a stream, in bounded memory (see upload.ts); `open` is called again on a retry. */
  pushBlobStream(repo: string, digest: Digest, open: () => Promise<Readable>, opts?: BlobStreamOptions): Promise<BlobPushOutcome> {
    return pushBlobStream(this.session, this.registry, repo, digest, open, opts);
  }

  /** PUT a manifest under a tag or its digest; returns the manifest's digest. */
  async pushManifest(repo: string, reference: string, mediaType: string, body: Buffer): Promise<Digest> {
    return (await this.putManifest(repo, reference, mediaType, body)).digest;
  }

  /**
   * PUT a manifest under a tag or its digest; returns its digest and the registry's `OCI-Subject`
   * header (an OCI 1.1 registry sends it when it indexed the manifest's `subject`).
   */
  async putManifest(repo: string, reference: string, mediaType: string, body: Buffer): Promise<{ digest: Digest; ociSubject: string | undefined }> {
    checkRepository(this.registry, repo);
    checkTagOrDigest(this.registry, repo, reference);
    const subject = subjectOf(this.registry, repo, reference);
    if (isDigest(reference)) verifyBuffer(body, reference, undefined, `${subject}: manifest to push`);
    const res = await this.session.exchange({
      method: 'PUT',
      path: `/v2/${repo}/manifests/${reference}`,
      headers: { 'content-type': mediaType },
      body,
      scopes: [pushScope(repo)],
      subject,
    });
    await discard(res);
    checkAnnouncedDigest(body, header(res, 'docker-content-digest'), `${subject}: pushed manifest`);
    return { digest: isDigest(reference) ? reference : sha256Digest(body), ociSubject: header(res, 'oci-subject') };
  }

  /**
   * HEAD a manifest: its digest, or undefined when the registry has no manifest under that tag or digest.
   * By tag the digest is the registry's Docker-Content-Digest, not checked against any bytes: where the
   * digest matters (what gets signed), resolve it with getManifest.
   */
  async manifestExists(repo: string, reference: string): Promise<Digest | undefined> {
    checkRepository(this.registry, repo);
    checkTagOrDigest(this.registry, repo, reference);
    const subject = subjectOf(this.registry, repo, reference);
    const path = `/v2/${repo}/manifests/${reference}`;
    const headers = { accept: MANIFEST_ACCEPT.join(', ') };
    const res = await this.session.exchange({ method: 'HEAD', path, headers, scopes: [pullScope(repo)], subject, allowStatus: [404] });
    await discard(res);
    if (res.status === 404) return undefined;
    if (isDigest(reference)) return reference;
    const announced = header(res, 'docker-content-digest');
    // Without a usable digest header, the digest is that of the bytes.
    return announced !== undefined && isDigest(announced) ? announced : (await this.getManifest(repo, reference)).digest;
  }

  /** OCI 1.1 referrers of `subject`: from the referrers API, else the referrers tag index (see referrers.ts). */
  getReferrers(repo: string, subject: Digest, opts: { artifactType?: string } = {}): Promise<ReferrerList> {
    return listReferrers(this.referrersIo(), repo, subject, opts);
  }

  /** Push an OCI manifest or index that has a `subject`, indexed by the registry or in the referrers tag. */
  pushReferrer(repo: string, manifest: Buffer, mediaType: string): Promise<{ digest: Digest; via: 'api' | 'tag' }> {
    return pushReferrerManifest(this.referrersIo(), repo, manifest, mediaType);
  }

  private referrersIo(): ReferrersIo {
    return { registry: this.registry, session: this.session, getManifest: this.getManifest.bind(this), putManifest: this.putManifest.bind(this) };
  }

  async close(): Promise<void> {
    await this.session.close();
  }
}
