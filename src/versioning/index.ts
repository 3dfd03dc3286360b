import { apkScheme } from './apk.js';
import { cargoScheme } from './cargo.js';
import { composerScheme } from './composer.js';
import { debScheme } from './deb.js';
import { gemScheme } from './gem.js';
import { goScheme } from './go.js';
import { mavenScheme } from './maven.js';
import { npmScheme } from './npm.js';
import { nugetScheme } from './nuget.js';
import { pep440Scheme } from './pep440.js';
import { rpmScheme } from './rpm.js';
import type { SchemeId, VersionScheme } from './scheme.js';
import { semverScheme } from './semver.js';

/** Every version scheme drydock knows; ids and aliases come from the entries. */
export const SCHEMES: readonly VersionScheme[] = [
  debScheme,
  apkScheme,
  rpmScheme,
  semverScheme,
  npmScheme,
  pep440Scheme,
  mavenScheme,
  goScheme,
  gemScheme,
  cargoScheme,
  composerScheme,
  nugetScheme,
] as VersionScheme[];

/** The scheme with this id or alias (case-insensitive), or undefined. */
export function findScheme(name: string): VersionScheme | undefined {
  const n = name.toLowerCase();
  return SCHEMES.find((s) => s.id === n || s.aliases.some((a) => a.toLowerCase() === n));
}

export function schemeById(id: SchemeId): VersionScheme {
  const s = SCHEMES.find((x) => x.id === id);
  if (!s) throw new Error(`no version scheme ${id}`);
  return s;
}
