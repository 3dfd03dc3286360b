/**
 * Test harness: an in-process OCI registry (node:http on 127.0.0.1, a free port, memory storage, no
 * auth) speaking enough of the distribution API for clients: `GET /v2/`, blobs (HEAD/GET, uploads by
 * POST then PATCH/PUT or a single POST, digests verified), manifests by tag or digest (HEAD/GET/PUT,
 * Content-Type kept, referenced blobs and manifests must exist), tag lists, and — unlike the Debian
 * distribution 2.8 — the OCI 1.1 referrers API: `GET /v2/<name>/referrers/<digest>` with the
 * `artifactType` filter, `OCI-Filters-Applied`, `Link` pages, and `OCI-Subject` on a PUT with a subject.
 */
import { createHash, randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';

export interface OciRegistryOptions {
  /** Serve the referrers API (default true); without it, `/referrers/` answers 404 as distribution 2.8 does. */
  referrers?: boolean;
  /** Referrers per page (default: all in one); a smaller `n` query parameter wins. */
  referrersPageSize?: number;
  /** Apply the `artifactType` filter and say so in `OCI-Filters-Applied` (default true). */
  applyArtifactTypeFilter?: boolean;
}

export interface StoredManifest {
  repo: string;
  digest: string;
  mediaType: string;
  body: Buffer;
}

export interface RawAnswer {
  status: number;
  headers?: Record<string, string>;
  body?: string | Buffer;
}

export interface OciRegistry {
  /** `127.0.0.1:PORT` */
  host: string;
  /** Every request, in order: method and path with query. */
  requests: { method: string; path: string }[];
  /** Stored manifests, in push order (of one repository, or all). */
  manifests(repo?: string): StoredManifest[];
  /** Tag → digest of a repository. */
  tags(repo: string): Record<string, string>;
  /** Store a manifest as is, without any check (for registries that hold bad documents). */
  putRaw(repo: string, reference: string, mediaType: string, body: string | Buffer): void;
  /** Answer requests in its place while it returns an answer. */
  intercept: ((method: string, path: string) => RawAnswer | undefined) | undefined;
  stop(): Promise<void>;
}

interface Repo {
  blobs: Map<string, Buffer>;
  manifests: Map<string, { mediaType: string; body: Buffer }>;
  tags: Map<string, string>;
}

const NAME = '[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*';
const DIGEST_RE = /^(sha256:[a-f0-9]{64}|sha512:[a-f0-9]{128})$/;
const ROUTES: [string, RegExp][] = [
  ['upload', new RegExp(`^/v2/(${NAME})/blobs/uploads/([^/]*)$`)],
  ['blob', new RegExp(`^/v2/(${NAME})/blobs/([^/]+)$`)],
  ['manifest', new RegExp(`^/v2/(${NAME})/manifests/([^/]+)$`)],
  ['tags', new RegExp(`^/v2/(${NAME})/tags/(list)$`)],
  ['referrers', new RegExp(`^/v2/(${NAME})/referrers/([^/]+)$`)],
];
const INDEX = 'application/vnd.oci.image.index.v1+json';

class HttpFail extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
  ) {
    super(code.toLowerCase().replaceAll('_', ' '));
  }
}

function digestOf(data: Buffer, alg = 'sha256'): string {
  return `${alg}:${createHash(alg).update(data).digest('hex')}`;
}

function send(res: ServerResponse, status: number, headers: Record<string, string | number>, body?: Buffer | string, head = false): void {
  const buf = body === undefined ? Buffer.alloc(0) : Buffer.from(body);
  res.writeHead(status, { 'docker-distribution-api-version': 'registry/2.0', 'content-length': buf.length, ...headers });
  res.end(head ? undefined : buf);
}

function parseJson(body: Buffer): Record<string, unknown> {
  try {
    const json = JSON.parse(body.toString('utf8')) as unknown;
    if (typeof json === 'object' && json !== null && !Array.isArray(json)) return json as Record<string, unknown>;
  } catch {
    // refused below
  }
  throw new HttpFail(400, 'MANIFEST_INVALID');
}

function descriptorsOf(value: unknown): { mediaType?: string; digest?: string }[] {
  return Array.isArray(value) ? (value as { mediaType?: string; digest?: string }[]) : [];
}

/** The referrers-list descriptor of a stored manifest whose subject is `subject`, or undefined. */
function referrerOf(digest: string, m: { mediaType: string; body: Buffer }, subject: string): Record<string, unknown> | undefined {
  let doc: Record<string, unknown>;
  try {
    doc = parseJson(m.body);
  } catch {
    return undefined;
  }
  if ((doc['subject'] as { digest?: unknown } | undefined)?.digest !== subject) return undefined;
  const config = doc['config'] as { mediaType?: string } | undefined;
  const artifactType = (doc['artifactType'] as string | undefined) || config?.mediaType;
  return {
    mediaType: m.mediaType,
    digest,
    size: m.body.length,
    ...(artifactType ? { artifactType } : {}),
    ...(doc['annotations'] ? { annotations: doc['annotations'] } : {}),
  };
}

export async function startOciRegistry(opts: OciRegistryOptions = {}): Promise<OciRegistry> {
  const repos = new Map<string, Repo>();
  const uploads = new Map<string, { repo: string; chunks: Buffer[] }>();
  const repoOf = (name: string, create = false): Repo => {
    let r = repos.get(name);
    if (r === undefined) {
      if (!create) throw new HttpFail(404, 'NAME_UNKNOWN');
      r = { blobs: new Map(), manifests: new Map(), tags: new Map() };
      repos.set(name, r);
    }
    return r;
  };

  function storeBlob(name: string, digest: string, data: Buffer, res: ServerResponse): void {
    if (!DIGEST_RE.test(digest) || digestOf(data, digest.split(':')[0]) !== digest) throw new HttpFail(400, 'DIGEST_INVALID');
    repoOf(name, true).blobs.set(digest, data);
    send(res, 201, { location: `/v2/${name}/blobs/${digest}`, 'docker-content-digest': digest });
  }

  function upload(req: IncomingMessage, res: ServerResponse, url: URL, name: string, id: string, body: Buffer): void {
    const digest = url.searchParams.get('digest');
    if (req.method === 'POST' && id === '') {
      if (digest !== null) return storeBlob(name, digest, body, res);
      const uuid = randomUUID();
      uploads.set(uuid, { repo: name, chunks: [] });
      return send(res, 202, { location: `/v2/${name}/blobs/uploads/${uuid}`, 'docker-upload-uuid': uuid, range: '0-0' });
    }
    const session = uploads.get(id);
    if (session === undefined || session.repo !== name) throw new HttpFail(404, 'BLOB_UPLOAD_UNKNOWN');
    session.chunks.push(body);
    const size = session.chunks.reduce((n, c) => n + c.length, 0);
    if (req.method === 'PATCH') return send(res, 202, { location: `/v2/${name}/blobs/uploads/${id}`, range: `0-${Math.max(0, size - 1)}` });
    if (req.method !== 'PUT' || digest === null) throw new HttpFail(400, 'BLOB_UPLOAD_INVALID');
    uploads.delete(id);
    storeBlob(name, digest, Buffer.concat(session.chunks), res);
  }

  function blob(req: IncomingMessage, res: ServerResponse, name: string, digest: string): void {
    const data = repoOf(name).blobs.get(digest);
    if (data === undefined) throw new HttpFail(404, 'BLOB_UNKNOWN');
    send(res, 200, { 'content-type': 'application/octet-stream', 'docker-content-digest': digest }, data, req.method === 'HEAD');
  }

  function putManifest(req: IncomingMessage, res: ServerResponse, name: string, ref: string, body: Buffer): void {
    const mediaType = (req.headers['content-type'] ?? '').split(';')[0]?.trim() || 'application/octet-stream';
    const doc = parseJson(body);
    const digest = digestOf(body, DIGEST_RE.test(ref) ? ref.split(':')[0] : 'sha256');
    if (DIGEST_RE.test(ref) && ref !== digest) throw new HttpFail(400, 'DIGEST_INVALID');
    const repo = repoOf(name, true);
    const blobs = [doc['config'], ...descriptorsOf(doc['layers'])].filter((d) => d !== undefined) as { digest?: string }[];
    const children = descriptorsOf(doc['manifests']);
    const missing = blobs.some((d) => !repo.blobs.has(d.digest ?? '')) || children.some((d) => !repo.manifests.has(d.digest ?? ''));
    if (missing) throw new HttpFail(400, 'MANIFEST_BLOB_UNKNOWN');
    repo.manifests.set(digest, { mediaType, body });
    if (!DIGEST_RE.test(ref)) repo.tags.set(ref, digest);
    const subject = (doc['subject'] as { digest?: unknown } | undefined)?.digest;
    const indexed = opts.referrers !== false && typeof subject === 'string' ? { 'oci-subject': subject } : {};
    send(res, 201, { location: `/v2/${name}/manifests/${digest}`, 'docker-content-digest': digest, ...indexed });
  }

  function manifest(req: IncomingMessage, res: ServerResponse, name: string, ref: string, body: Buffer): void {
    if (req.method === 'PUT') return putManifest(req, res, name, ref, body);
    const repo = repoOf(name);
    const digest = DIGEST_RE.test(ref) ? ref : repo.tags.get(ref);
    const m = digest === undefined ? undefined : repo.manifests.get(digest);
    if (digest === undefined || m === undefined) throw new HttpFail(404, 'MANIFEST_UNKNOWN');
    send(res, 200, { 'content-type': m.mediaType, 'docker-content-digest': digest }, m.body, req.method === 'HEAD');
  }

  function tagList(res: ServerResponse, url: URL, name: string): void {
    const all = [...repoOf(name).tags.keys()].sort();
    const last = url.searchParams.get('last');
    const n = url.searchParams.has('n') ? Number(url.searchParams.get('n')) : all.length;
    const rest = all.filter((t) => last === null || t > last);
    const page = rest.slice(0, n);
    const more = rest.length > page.length && page.length > 0;
    const link = more ? { link: `</v2/${name}/tags/list?n=${n}&last=${page[page.length - 1]}>; rel="next"` } : {};
    send(res, 200, { 'content-type': 'application/json', ...link }, JSON.stringify({ name, tags: page }));
  }

  function referrers(res: ServerResponse, url: URL, name: string, subject: string): void {
    if (opts.referrers === false) return send(res, 404, { 'content-type': 'text/plain; charset=utf-8' }, '404 page not found\n');
    if (!DIGEST_RE.test(subject)) throw new HttpFail(400, 'DIGEST_INVALID');
    const artifactType = url.searchParams.get('artifactType');
    const filter = artifactType !== null && opts.applyArtifactTypeFilter !== false;
    const all = [...repoOf(name).manifests]
      .map(([digest, m]) => referrerOf(digest, m, subject))
      .filter((d): d is Record<string, unknown> => d !== undefined && (!filter || d['artifactType'] === artifactType));
    const start = Number(url.searchParams.get('offset') ?? '0');
    const n = Math.min(opts.referrersPageSize ?? Infinity, url.searchParams.has('n') ? Number(url.searchParams.get('n')) : Infinity);
    const page = all.slice(start, start + n);
    const headers: Record<string, string> = { 'content-type': INDEX, ...(filter ? { 'oci-filters-applied': 'artifactType' } : {}) };
    if (start + page.length < all.length) {
      const next = new URLSearchParams(url.searchParams);
      next.set('offset', String(start + page.length));
      headers['link'] = `</v2/${name}/referrers/${subject}?${next.toString()}>; rel="next"`;
    }
    send(res, 200, headers, JSON.stringify({ schemaVersion: 2, mediaType: INDEX, manifests: page }));
  }

  function route(req: IncomingMessage, res: ServerResponse, url: URL, body: Buffer): void {
    if (url.pathname === '/v2/' || url.pathname === '/v2') return send(res, 200, { 'content-type': 'application/json' }, '{}');
    for (const [kind, re] of ROUTES) {
      const m = re.exec(url.pathname);
      if (m === null) continue;
      const [name, ref] = [m[1] as string, m[2] as string];
      if (kind === 'upload') return upload(req, res, url, name, ref, body);
      if (kind === 'blob' && (req.method === 'GET' || req.method === 'HEAD')) return blob(req, res, name, ref);
      if (kind === 'manifest') return manifest(req, res, name, ref, body);
      if (kind === 'tags' && req.method === 'GET') return tagList(res, url, name);
      if (kind === 'referrers' && req.method === 'GET') return referrers(res, url, name, ref);
    }
    send(res, 404, { 'content-type': 'text/plain; charset=utf-8' }, '404 page not found\n');
  }

  const registry: OciRegistry = {
    host: '',
    requests: [],
    intercept: undefined,
    manifests: (repo) =>
      [...repos].filter(([name]) => repo === undefined || name === repo).flatMap(([name, r]) => [...r.manifests].map(([digest, m]) => ({ repo: name, digest, ...m }))),
    tags: (repo) => Object.fromEntries(repos.get(repo)?.tags ?? []),
    putRaw: (repo, reference, mediaType, body) => {
      const buf = Buffer.from(body);
      const digest = digestOf(buf);
      const r = repoOf(repo, true);
      r.manifests.set(digest, { mediaType, body: buf });
      if (!DIGEST_RE.test(reference)) r.tags.set(reference, digest);
    },
    stop: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://registry.invalid');
      registry.requests.push({ method: req.method ?? '', path: `${url.pathname}${url.search}` });
      const own = registry.intercept?.(req.method ?? '', `${url.pathname}${url.search}`);
      if (own !== undefined) return send(res, own.status, own.headers ?? {}, own.body, req.method === 'HEAD');
      try {
        route(req, res, url, Buffer.concat(chunks));
      } catch (err) {
        const fail = err instanceof HttpFail ? err : new HttpFail(500, 'UNKNOWN');
        send(res, fail.status, { 'content-type': 'application/json' }, JSON.stringify({ errors: [{ code: fail.code, message: fail.message }] }));
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const addr = server.address();
  registry.host = `127.0.0.1:${typeof addr === 'object' && addr !== null ? addr.port : 0}`;
  return registry;
}
