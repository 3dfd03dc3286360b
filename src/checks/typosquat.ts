/**
 * Typosquat detection for image names: is `pythonn`, `bitnarni/redis` or `gcr.io/distroles/static` a
 * near miss of an image people trust? Checks, in order:
 *  - Docker Hub `library/` names (and the same names on Hub mirrors) against the Docker Official
 *    Images: look-alike characters (`ng1nx`), separators and common aliases (`node-js`, `go-lang`,
 *    `postgre-sql`), `library-`/`official-` prefixes, then edit distance (`pyhton`, `alpline`);
 *  - Docker Hub namespaces that impersonate `library/` (`offical/python`) or a verified publisher
 *    (`bitnarni/redis`), then the name of a user image against the official names (`acme/ngnix`);
 *  - registry hosts one edit from a known registry (`gcr.lo`), and the trusted namespaces of known
 *    registries (`gcr.io/distroles`, `cgr.dev/chainguardd`).
 * Pure: no I/O. Returns the first suspicion found, or undefined.
 */
import {
  HUB_MIRRORS,
  KNOWN_REGISTRIES,
  LIBRARY_IMPERSONATION_WORDS,
  OFFICIAL_ALIASES,
  OFFICIAL_IMAGES,
  RESERVED_NAMES,
  TRUSTED_NAMESPACES,
  VERIFIED_PUBLISHERS,
} from './data/official-images.js';
import { damerauLevenshtein, homoglyphVariants, isLikelySlip, isLikelyTypo } from './typo-distance.js';

type Predicate = (candidate: string, target: string) => boolean;
const slip =
  (minLength: number): Predicate =>
  (c, t) =>
    isLikelySlip(c, t, minLength);

export type TyposquatReason =
  | 'typo' // edit distance to an official image name
  | 'homoglyph' // look-alike characters: ng1nx, a1pine, rnongo
  | 'separator' // node-js, go-lang, rocky_linux
  | 'alias' // nodejs, postgresql: not the official name
  | 'library-impersonation' // offical/python, library-python
  | 'publisher-typo' // bitnarni/redis, gcr.io/distroles/static
  | 'registry-typo'; // dokcer.io/library/alpine

export interface Typosquat {
  /** The name as given (registry omitted for Docker Hub): `pythonn`, `bitnarni/redis`. */
  readonly suspect: string;
  /** What was probably meant: `python`, `bitnami/redis`, `gcr.io/distroless/static`. */
  readonly likely: string;
  /** Edit distance between the suspicious part and what it resembles (0 for aliases and impersonation of an exact name). */
  readonly distance: number;
  readonly reason: TyposquatReason;
}

/** An image name: `registry` as in ImageReference (docker.io when absent), `repository` with or without `library/`. */
export interface ImageName {
  readonly registry?: string | undefined;
  readonly repository: string;
}

const HUB_HOSTS = new Set(['docker.io', 'index.docker.io', 'registry-1.docker.io', 'registry.hub.docker.com']);
const OFFICIAL = new Set(OFFICIAL_IMAGES);
const RESERVED = new Set(RESERVED_NAMES);
const VERIFIED = new Set(VERIFIED_PUBLISHERS);
const strip = (s: string): string => s.replace(/[-_.]+/g, '');
const STRIPPED_OFFICIAL = new Map(OFFICIAL_IMAGES.map((n) => [strip(n), n] as const));

export function typosquatOf(ref: ImageName): Typosquat | undefined {
  const { registry, parts } = normalise(ref);
  if (parts.length === 0 || parts.some((p) => p === '')) return undefined;
  if (registry === 'docker.io') return hubCheck(parts);
  const mirrored = mirrorCheck(registry, parts);
  if (mirrored !== 'not a mirror') return mirrored;
  if (KNOWN_REGISTRIES.includes(registry)) return trustedNamespaceCheck(registry, parts);
  return registryCheck(registry, parts);
}

function normalise(ref: ImageName): { registry: string; parts: string[] } {
  let parts = ref.repository.toLowerCase().split('/');
  let registry = ref.registry?.toLowerCase();
  const first = parts[0] ?? '';
  if (registry === undefined && parts.length > 1 && (first.includes('.') || first.includes(':') || first === 'localhost')) {
    registry = first;
    parts = parts.slice(1);
  }
  if (registry === undefined || HUB_HOSTS.has(registry)) registry = 'docker.io';
  return { registry, parts };
}

/** Hub mirrors (`mirror.gcr.io/…`, `public.ecr.aws/docker/library/…`): the Hub rules, shown with the mirror. */
function mirrorCheck(registry: string, parts: readonly string[]): Typosquat | undefined | 'not a mirror' {
  const mirror = HUB_MIRRORS[registry];
  if (mirror === undefined) return 'not a mirror';
  const path = parts.join('/');
  const underLibrary = path.startsWith(mirror.library);
  if (!underLibrary && !mirror.everything) return 'not a mirror';
  const found = hubCheck(underLibrary ? path.slice(mirror.library.length).split('/') : parts);
  if (found === undefined) return undefined;
  const likely = found.likely.includes('/') ? found.likely : `${mirror.library}${found.likely}`;
  return { ...found, suspect: `${registry}/${path}`, likely: `${registry}/${likely}` };
}

/** Docker Hub: `[namespace/]name`, where a missing namespace is `library`. */
function hubCheck(parts: readonly string[]): Typosquat | undefined {
  const path = parts.length === 1 ? ['library', parts[0] as string] : parts;
  const ns = path[0] as string;
  const name = path[path.length - 1] as string;
  const shown = parts.join('/');
  if (ns === 'library') return libraryCheck(name, shown);
  if (VERIFIED.has(ns)) return undefined;
  const impersonated = impersonationWord(ns);
  if (impersonated !== undefined) {
    const likely = OFFICIAL.has(name) ? name : (nameTypo(name, 'user')?.likely ?? name);
    return { suspect: shown, likely, distance: impersonated.distance, reason: 'library-impersonation' };
  }
  const publisher = nearest(ns, VERIFIED_PUBLISHERS, slip(6));
  if (publisher !== undefined) {
    return { suspect: shown, likely: [publisher.target, ...path.slice(1)].join('/'), distance: publisher.distance, reason: 'publisher-typo' };
  }
  const typo = nameTypo(name, 'user');
  return typo && { ...typo, suspect: shown };
}

/** A `library/` name: official, reserved, or suspicious. */
function libraryCheck(name: string, shown: string): Typosquat | undefined {
  if (OFFICIAL.has(name) || RESERVED.has(name)) return undefined;
  const tokens = name.split(/[-_.]+/);
  if (tokens.length >= 2) {
    for (const [word, rest] of [
      [tokens[0], tokens.slice(1)],
      [tokens[tokens.length - 1], tokens.slice(0, -1)],
    ] as const) {
      const impersonated = impersonationWord(word ?? '');
      const official = STRIPPED_OFFICIAL.get(rest.join(''));
      if (impersonated !== undefined && official !== undefined) {
        return { suspect: shown, likely: official, distance: impersonated.distance, reason: 'library-impersonation' };
      }
    }
  }
  const typo = nameTypo(name, 'library');
  return typo && { ...typo, suspect: shown };
}

/**
 * The official image `name` is a near miss of. In `library/` (where only official images exist) by
 * look-alikes, separators, aliases, then edit distance; for a user's image only by slips (`acme/ngnix`),
 * since `acme/python3`, `acme/base` or `acme/amazon-linux` are ordinary names.
 */
function nameTypo(name: string, scope: 'library' | 'user'): Omit<Typosquat, 'suspect'> | undefined {
  if (OFFICIAL.has(name)) return undefined;
  const look = nearest(name, OFFICIAL_IMAGES, scope === 'user' ? slip(4) : (c, t) => isLikelyTypo(c, t));
  if (look?.homoglyph === true) return { likely: look.target, distance: look.distance, reason: 'homoglyph' };
  if (scope === 'library') {
    const stripped = strip(name);
    const bySeparator = STRIPPED_OFFICIAL.get(stripped);
    if (bySeparator !== undefined) return { likely: bySeparator, distance: damerauLevenshtein(name, bySeparator), reason: 'separator' };
    const alias = OFFICIAL_ALIASES[stripped];
    if (alias !== undefined) return { likely: alias, distance: 0, reason: stripped === name ? 'alias' : 'separator' };
  }
  return look && { likely: look.target, distance: look.distance, reason: 'typo' };
}

/**
 * The closest of `targets` that `candidate` is a look-alike spelling of (`homoglyph`) or, by `likely`,
 * a typo of; never an exact match. Names under 4 characters are never look-alikes.
 */
function nearest(candidate: string, targets: readonly string[], likely: Predicate): { target: string; distance: number; homoglyph: boolean } | undefined {
  if (targets.includes(candidate)) return undefined;
  const variants = homoglyphVariants(candidate);
  const look = targets.find((t) => t.length >= 4 && variants.includes(t));
  if (look !== undefined) return { target: look, distance: damerauLevenshtein(candidate, look), homoglyph: true };
  let best: { target: string; distance: number; homoglyph: boolean } | undefined;
  for (const t of targets) {
    if (!likely(candidate, t)) continue;
    const distance = damerauLevenshtein(candidate, t);
    if (best === undefined || distance < best.distance) best = { target: t, distance, homoglyph: false };
  }
  return best;
}

/** `official`, `libary`, `docker-library`, `dockerhub`…: a word claiming to be Docker's library. */
function impersonationWord(word: string): { distance: number } | undefined {
  const squeezed = strip(word);
  let best: number | undefined;
  for (const w of LIBRARY_IMPERSONATION_WORDS) {
    const d = damerauLevenshtein(squeezed, w);
    const close = d === 0 || (w.length >= 7 && d <= (w.length >= 9 ? 2 : 1)) || homoglyphVariants(squeezed).includes(w);
    if (close && (best === undefined || d < best)) best = d;
  }
  return best === undefined ? undefined : { distance: best };
}

/** A known registry: its trusted first path components must be spelled right. */
function trustedNamespaceCheck(registry: string, parts: readonly string[]): Typosquat | undefined {
  const trusted = TRUSTED_NAMESPACES[registry];
  const ns = parts[0] as string;
  if (trusted === undefined || parts.length < 2) return undefined;
  const near = nearest(ns, trusted, slip(4));
  if (near === undefined) return undefined;
  const suspect = `${registry}/${parts.join('/')}`;
  return { suspect, likely: `${registry}/${[near.target, ...parts.slice(1)].join('/')}`, distance: near.distance, reason: 'publisher-typo' };
}

/** An unknown registry host one edit (or a look-alike) from a known one. */
function registryCheck(registry: string, parts: readonly string[]): Typosquat | undefined {
  if (registry.includes(':') || registry === 'localhost' || /^[\d.]+$/.test(registry)) return undefined;
  const near = nearest(registry, KNOWN_REGISTRIES, slip(6));
  if (near === undefined) return undefined;
  const repo = parts.join('/');
  return { suspect: `${registry}/${repo}`, likely: `${near.target}/${repo}`, distance: near.distance, reason: 'registry-typo' };
}
