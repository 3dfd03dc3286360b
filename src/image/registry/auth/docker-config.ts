import { readFile } from 'node:fs/promises';
import * as z from 'zod';
import { AppError, errorMessage } from '../../../core/errors.js';
import { DOCKER_HUB } from '../../reference.js';
import { credentialsFromHelper } from './cred-helper.js';
import type { RegistryCredentials } from './credentials.js';

const authEntrySchema = z
  .object({
    auth: z.string().optional(),
    username: z.string().optional(),
    password: z.string().optional(),
    identitytoken: z.string().optional(),
    registrytoken: z.string().optional(),
  })
  .loose();

const dockerConfigSchema = z
  .object({
    auths: z.record(z.string(), authEntrySchema).optional(),
    credsStore: z.string().optional(),
    credHelpers: z.record(z.string(), z.string()).optional(),
  })
  .loose();

export type DockerConfig = z.infer<typeof dockerConfigSchema>;
type AuthEntry = z.infer<typeof authEntrySchema>;

const HUB_HOSTS = new Set(['index.docker.io', 'docker.io', 'registry-1.docker.io']);

/** ` (line L, column C)` of a JSON.parse error that names a position, else nothing; never any of the text. */
function jsonErrorPosition(err: unknown, text: string): string {
  const m = /at position (\d+)/.exec(errorMessage(err));
  if (m === null) return '';
  const pos = Math.min(Number(m[1]), text.length);
  const before = text.slice(0, pos);
  const line = before.split('\n').length;
  const column = pos - before.lastIndexOf('\n');
  return ` (line ${line}, column ${column})`;
}

/** Parse a docker config.json; every bad field is reported (by path, never by value). */
export function parseDockerConfig(text: string, path: string): DockerConfig {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    // V8's message may quote the text around the error, i.e. credentials: only the position is reported.
    throw new AppError('INPUT', `docker config ${path} is not valid JSON${jsonErrorPosition(err, text)}`);
  }
  const r = dockerConfigSchema.safeParse(json);
  if (!r.success) {
    const problems = r.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ');
    throw new AppError('INPUT', `docker config ${path} is invalid: ${problems}`);
  }
  return r.data;
}

/** Read a docker config.json; a file that does not exist means "no credentials configured". */
export async function loadDockerConfig(path: string): Promise<DockerConfig | undefined> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new AppError('INPUT', `cannot read docker config ${path}: ${errorMessage(err)}`, { cause: err });
  }
  return parseDockerConfig(text, path);
}

/** The server URL docker uses as key for a registry: Docker Hub's historical v1 URL, else the host. */
export function serverUrlFor(registry: string): string {
  return registry === DOCKER_HUB ? 'https://index.docker.io/v1/' : registry;
}

/** `https://host:5000/v1/` → `host:5000`. */
function keyHost(key: string): string {
  const noScheme = key.replace(/^[a-z][a-z0-9+.-]*:\/\//i, '');
  const slash = noScheme.indexOf('/');
  return (slash >= 0 ? noScheme.slice(0, slash) : noScheme).toLowerCase();
}

function keyMatches(key: string, registry: string): boolean {
  const host = keyHost(key);
  return registry === DOCKER_HUB ? HUB_HOSTS.has(host) : host === registry;
}

/** The entry of a host-keyed map for a registry: an exact key first, then any key naming the same host. */
export function lookupByRegistry<T>(map: Record<string, T> | undefined, registry: string): T | undefined {
  if (map === undefined) return undefined;
  const exact = map[serverUrlFor(registry)] ?? map[registry];
  if (exact !== undefined) return exact;
  const key = Object.keys(map).find((k) => keyMatches(k, registry));
  return key === undefined ? undefined : map[key];
}

function entryCredentials(entry: AuthEntry, registry: string, path: string): RegistryCredentials | undefined {
  const c: RegistryCredentials = {};
  if (entry.auth !== undefined && entry.auth !== '') {
    const decoded = Buffer.from(entry.auth, 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (colon <= 0) {
      throw new AppError('INPUT', `docker config ${path}: the "auth" of ${registry} is not base64 of "username:password"`);
    }
    c.username = decoded.slice(0, colon);
    c.password = decoded.slice(colon + 1);
  }
  if (entry.username !== undefined && entry.username !== '') c.username = entry.username;
  if (entry.password !== undefined && entry.password !== '') c.password = entry.password;
  if (entry.identitytoken !== undefined && entry.identitytoken !== '') c.identityToken = entry.identitytoken;
  if (entry.registrytoken !== undefined && entry.registrytoken !== '') c.registryToken = entry.registrytoken;
  return Object.keys(c).length > 0 ? c : undefined;
}

/**
 * Credentials for `registry` from a docker config: its per-host credential helper, else the default
 * credential store, else the `auths` entry (keys `host`, `https://host`, `http://host`, Docker Hub's
 * `https://index.docker.io/v1/`).
 */
export async function credentialsFromDockerConfig(
  config: DockerConfig,
  path: string,
  registry: string,
  env: Record<string, string | undefined> | undefined,
): Promise<RegistryCredentials | undefined> {
  const serverUrl = serverUrlFor(registry);
  const helper = lookupByRegistry(config.credHelpers, registry);
  if (helper !== undefined && helper !== '') return credentialsFromHelper(helper, serverUrl, env);
  if (config.credsStore !== undefined && config.credsStore !== '') {
    const stored = await credentialsFromHelper(config.credsStore, serverUrl, env);
    if (stored !== undefined) return stored;
  }
  const entry = lookupByRegistry(config.auths, registry);
  return entry === undefined ? undefined : entryCredentials(entry, registry, path);
}
