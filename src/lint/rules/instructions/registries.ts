/**
 * Trusted-registry matching for DL3026 (`trustedRegistries:` in .hadolint.yaml): exact host names
 * (with port), `*` (anything), `*.example.com` (any host ending in `.example.com`) and `prefix*`.
 * Docker Hub is written many ways: no registry at all, `docker.io`, `index.docker.io`,
 * `registry-1.docker.io`, `registry.hub.docker.com`; all of them are trusted when `docker.io` or
 * `hub.docker.com` (Hadolint's two names for it) is.
 */
import { expandVars } from '../../dockerfile/expand.js';
import { parseImageRef } from '../../dockerfile/image-ref.js';

const DOCKER_HUB_HOSTS: ReadonlySet<string> = new Set(['docker.io', 'index.docker.io', 'registry-1.docker.io', 'registry.hub.docker.com', 'hub.docker.com']);

function matches(pattern: string, host: string): boolean {
  const p = pattern.toLowerCase();
  if (p === '*') return true;
  if (p.startsWith('*')) return host.endsWith(p.slice(1));
  if (p.endsWith('*')) return host.startsWith(p.slice(0, -1));
  return host === p;
}

/** Whether an image in `registry` (undefined: Docker Hub) may be used. An empty list trusts everything. */
export function isTrusted(registry: string | undefined, trusted: readonly string[]): boolean {
  if (trusted.length === 0) return true;
  const host = registry?.toLowerCase();
  if (host !== undefined && trusted.some((p) => matches(p, host))) return true;
  if (host !== undefined && !DOCKER_HUB_HOSTS.has(host)) return false;
  return trusted.some((p) => matches(p, 'docker.io') || matches(p, 'hub.docker.com'));
}

/** The registry host of an image reference written in `--from` (undefined: Docker Hub). */
export function registryOfReference(ref: string): string | undefined {
  return parseImageRef(ref, expandVars(ref, () => undefined)).registry;
}
