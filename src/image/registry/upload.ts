import type { Readable } from 'node:stream';
import { AppError, errorMessage, isAppError } from '../../core/errors.js';
import type { Digest } from '../../core/digest.js';
import { discard, header, type HttpResponse } from './http.js';
import { checkRepository, pullScope, pushScope, subjectOf } from './names.js';
import type { RegistrySession } from './session.js';

/**
 * What happened to a blob pushed with `pushBlobStream`: the registry had it already, mounted it
 * from another repository of the same registry, or received its bytes.
 */
export type BlobPushOutcome = 'present' | 'mounted' | 'uploaded';

export interface BlobStreamOptions {
  /** A repository of the same registry that holds the blob: tried first with a cross-repo mount. */
  mountFrom?: string;
  /** Bytes per PATCH (default 16 MiB): the most memory one upload holds. */
  chunkBytes?: number;
  /** Whole uploads tried when the connection (to the source or the registry) fails (default 3). */
  attempts?: number;
  /** Called with the number of bytes each chunk sent. */
  onBytes?: (n: number) => void;
}

export const DEFAULT_CHUNK_BYTES = 16 * 1024 * 1024;
/** The OCI distribution spec lets a registry ask for a minimum chunk size; a sane cap on what we accept. */
const MAX_CHUNK_BYTES = 256 * 1024 * 1024;

interface Ctx {
  session: RegistrySession;
  repo: string;
  digest: Digest;
  subject: string;
  scopes: string[];
}

function locationOf(res: HttpResponse, ctx: Ctx, step: string): URL {
  const location = header(res, 'location');
  if (location === undefined) throw new AppError('REGISTRY', `${ctx.subject}: the registry answered the ${step} without a Location`);
  return new URL(location, res.url);
}

async function isPresent(ctx: Ctx): Promise<boolean> {
  const head = await ctx.session.exchange({ method: 'HEAD', path: `/v2/${ctx.repo}/blobs/${ctx.digest}`, scopes: ctx.scopes, subject: ctx.subject, allowStatus: [404] });
  await discard(head);
  return head.status === 200;
}

/** POST an upload (with a mount request when `from` is given): mounted, or where to send the bytes. */
async function startUpload(ctx: Ctx, from: string | undefined): Promise<{ mounted: true } | { mounted: false; location: URL; minChunk: number }> {
  let path = `/v2/${ctx.repo}/blobs/uploads/`;
  if (from !== undefined) path += `?mount=${encodeURIComponent(ctx.digest)}&from=${encodeURIComponent(from)}`;
  const scopes = from === undefined ? ctx.scopes : [...ctx.scopes, pullScope(from)];
  const res = await ctx.session.exchange({ method: 'POST', path, body: Buffer.alloc(0), scopes, subject: ctx.subject });
  await discard(res);
  if (res.status === 201 && from !== undefined) return { mounted: true };
  const min = Number(header(res, 'oci-chunk-min-length'));
  return { mounted: false, location: locationOf(res, ctx, 'upload start'), minChunk: Number.isFinite(min) && min > 0 ? min : 0 };
}

/** Abandon an upload session; best effort, never throws. */
async function cancel(ctx: Ctx, location: URL): Promise<void> {
  try {
    const res = await ctx.session.exchange({ method: 'DELETE', path: location.href, scopes: ctx.scopes, subject: ctx.subject, allowStatus: [400, 404, 405] });
    await discard(res);
  } catch {
    // The registry expires abandoned uploads anyway.
  }
}

/** PATCH one chunk at `offset`; returns where the next request goes. */
async function sendChunk(ctx: Ctx, location: URL, chunk: Buffer, offset: number): Promise<URL> {
  const res = await ctx.session.exchange({
    method: 'PATCH',
    path: location.href,
    headers: {
      'content-type': 'application/octet-stream',
      'content-range': `${offset}-${offset + chunk.length - 1}`,
    },
    body: chunk,
    scopes: ctx.scopes,
    subject: ctx.subject,
  });
  await discard(res);
  const range = /^(?:bytes=)?0-(\d+)$/.exec(header(res, 'range') ?? '');
  if (range && Number(range[1]) !== offset + chunk.length - 1) {
    throw new AppError('REGISTRY', `${ctx.subject}: the registry holds bytes 0-${range[1]} of the upload, ${offset + chunk.length} were sent`);
  }
  return locationOf(res, ctx, 'chunk upload');
}

/**
 * Read the source in chunks and upload them: PATCH every full chunk, then PUT the rest with the
 * digest. The PUT goes out only after the source stream ended, i.e. after its own verification passed.
 */
async function upload(ctx: Ctx, source: Readable, start: URL, chunkBytes: number, onBytes: (n: number) => void): Promise<void> {
  let location = start;
  let offset = 0;
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  const flush = async (n: number): Promise<void> => {
    const all = Buffer.concat(pending, pendingBytes);
    const chunk = all.subarray(0, n);
    location = await sendChunk(ctx, location, chunk, offset);
    offset += n;
    onBytes(n);
    pending = n < all.length ? [all.subarray(n)] : [];
    pendingBytes = all.length - n;
  };
  for await (const piece of source as AsyncIterable<Buffer>) {
    pending.push(piece);
    pendingBytes += piece.length;
    while (pendingBytes >= chunkBytes) await flush(chunkBytes);
  }
  const rest = Buffer.concat(pending, pendingBytes);
  const target = new URL(location.href);
  target.searchParams.set('digest', ctx.digest);
  const put = await ctx.session.exchange({
    method: 'PUT',
    path: target.href,
    headers: { 'content-type': 'application/octet-stream' },
    body: rest,
    scopes: ctx.scopes,
    subject: ctx.subject,
  });
  await discard(put);
  onBytes(rest.length);
}

/** A failed try worth repeating with a fresh source stream and a fresh upload: a lost connection. */
function retryable(err: unknown): boolean {
  return isAppError(err) && err.code === 'NETWORK';
}

/**
 * Push a blob of any size in bounded memory: HEAD (present → done), a cross-repo mount when
 * `mountFrom` is given, else a chunked upload of the stream `open()` returns. A try that loses its
 * connection starts over with a new stream and a new upload (a stream cannot be replayed).
 * A source that fails (DIGEST_MISMATCH from a verifying stream) cancels the upload: nothing is committed.
 */
export async function pushBlobStream(
  session: RegistrySession,
  registry: string,
  repo: string,
  digest: Digest,
  open: () => Promise<Readable>,
  opts: BlobStreamOptions = {},
): Promise<BlobPushOutcome> {
  checkRepository(registry, repo);
  if (opts.mountFrom !== undefined) checkRepository(registry, opts.mountFrom);
  const ctx: Ctx = { session, repo, digest, subject: subjectOf(registry, repo, digest), scopes: [pushScope(repo)] };
  if (await isPresent(ctx)) return 'present';
  const attempts = Math.max(1, opts.attempts ?? 3);
  for (let attempt = 1; ; attempt++) {
    const started = await startUpload(ctx, attempt === 1 ? opts.mountFrom : undefined);
    if (started.mounted) return 'mounted';
    const chunkBytes = Math.min(MAX_CHUNK_BYTES, Math.max(opts.chunkBytes ?? DEFAULT_CHUNK_BYTES, started.minChunk));
    let source: Readable | undefined;
    try {
      source = await open();
      await upload(ctx, source, started.location, chunkBytes, opts.onBytes ?? (() => undefined));
      return 'uploaded';
    } catch (err) {
      source?.destroy();
      await cancel(ctx, started.location);
      if (attempt >= attempts || !retryable(err)) {
        throw isAppError(err) ? err : new AppError('NETWORK', `${ctx.subject}: upload failed (${errorMessage(err)})`, { cause: err });
      }
    }
  }
}
