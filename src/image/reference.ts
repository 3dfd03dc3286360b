import { AppError } from '../core/errors.js';
import { isDigest, type Digest } from '../core/digest.js';

/**
 * A registry image reference, normalised the way Docker does it:
 * `alpine` → registry `docker.io`, repository `library/alpine`, tag `latest`.
 */
export interface ImageReference {
  /** Registry host (and port) as written, normalised: `docker.io`, `localhost:5000`, `[::1]:5000`. */
  registry: string;
  /** Repository path without the registry: `library/alpine`, `team/app`. */
  repository: string;
  tag?: string;
  digest?: Digest;
}

export const DOCKER_HUB = 'docker.io';
const DOCKER_HUB_ALIASES = new Set(['docker.io', 'index.docker.io', 'registry-1.docker.io']);

const COMPONENT_RE = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/;
const TAG_RE = /^[\w][\w.-]{0,127}$/;
// host: DNS-ish name or IPv4, optional port; or a bracketed IPv6 literal with optional port
const HOST_RE = /^(?:[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)*|\[[0-9a-fA-F:.]+\])(?::[0-9]{1,5})?$/;

/** Parse `[registry/]repo[:tag][@digest]`. Throws AppError('INPUT') naming the reference and the fault. */
export function parseReference(input: string): ImageReference {
  const fail = (why: string): never => {
    throw new AppError('INPUT', `invalid image reference "${input}": ${why}`);
  };
  if (input.length === 0) fail('empty');
  if (input.length > 4096) fail('too long');
  let rest = input;
  let digest: Digest | undefined;
  const at = rest.indexOf('@');
  if (at >= 0) {
    const d = rest.slice(at + 1);
    if (!isDigest(d)) fail(`"${d}" is not a sha256/sha512 digest`);
    digest = d as Digest;
    rest = rest.slice(0, at);
  }
  let tag: string | undefined;
  const lastSlash = rest.lastIndexOf('/');
  const colon = rest.lastIndexOf(':');
  if (colon > lastSlash) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
    if (!TAG_RE.test(tag)) fail(`"${tag}" is not a valid tag`);
  }
  const parts = rest.split('/');
  let registry = DOCKER_HUB;
  const first = parts[0] ?? '';
  if (parts.length > 1 && (first.includes('.') || first.includes(':') || first === 'localhost' || first.startsWith('['))) {
    if (!HOST_RE.test(first)) fail(`"${first}" is not a valid registry host`);
    const port = /:(\d+)$/.exec(first)?.[1];
    if (port !== undefined && Number(port) > 65535) fail(`port ${port} is out of range`);
    registry = first.toLowerCase();
    parts.shift();
  }
  if (DOCKER_HUB_ALIASES.has(registry)) registry = DOCKER_HUB;
  if (parts.length === 0 || parts.some((p) => !COMPONENT_RE.test(p))) {
    fail('repository name must be lowercase path components of [a-z0-9] separated by ".", "_", "__" or "-"');
  }
  if (registry === DOCKER_HUB && parts.length === 1) parts.unshift('library');
  const repository = parts.join('/');
  if (repository.length > 255) fail('repository name longer than 255 characters');
  const ref: ImageReference = { registry, repository };
  if (tag !== undefined) ref.tag = tag;
  if (digest !== undefined) ref.digest = digest;
  if (tag === undefined && digest === undefined) ref.tag = 'latest';
  return ref;
}

/** `registry/repository[:tag][@digest]` in full. */
export function formatReference(ref: ImageReference): string {
  let s = `${ref.registry}/${ref.repository}`;
  if (ref.tag !== undefined) s += `:${ref.tag}`;
  if (ref.digest !== undefined) s += `@${ref.digest}`;
  return s;
}

/** `registry/repository` only. */
export function repositoryName(ref: Pick<ImageReference, 'registry' | 'repository'>): string {
  return `${ref.registry}/${ref.repository}`;
}

/** The host the API is served from: Docker Hub's API lives on registry-1.docker.io. */
export function apiHost(registry: string): string {
  return registry === DOCKER_HUB ? 'registry-1.docker.io' : registry;
}

/** Loopback registries may be spoken to over plain HTTP without `--insecure`, as Docker allows. */
export function isLoopbackRegistry(registry: string): boolean {
  const host = registry.startsWith('[') ? registry.slice(1, registry.indexOf(']')) : registry.replace(/:\d+$/, '');
  return host === 'localhost' || host === '::1' || /^127\.\d+\.\d+\.\d+$/.test(host);
}
