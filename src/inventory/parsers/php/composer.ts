import * as z from 'zod/mini';
import { errorMessage } from '../../../core/errors.js';
import { parseJsonDocument } from '../../../core/json.js';

/**
 * Composer's files: `composer.lock` (packages and packages-dev), `vendor/composer/installed.json`
 * (Composer 1: an array of packages; Composer 2: `{packages, dev, dev-package-names}`) and an app's
 * `composer.json` (its own require / require-dev). Every package is checked on its own: a bad one
 * becomes a problem naming its field, the others are kept.
 */

export interface ComposerPackage {
  /** `vendor/name`. */
  name: string;
  /** As Composer writes it (`v1.27.0` keeps its `v`). */
  version: string;
  licenses: string[];
  /** Names of required packages (platform requirements such as `php` and `ext-json` left out). */
  requires: string[];
  dev: boolean;
  type?: string;
  /**
   * Packages this one stands in for (`replace`: it contains their code, e.g. laravel/framework and
   * illuminate/*; `provide`: it implements their interface, e.g. psr/log-implementation), with the
   * constraint Composer records (`self.version` when they are this very version). Only `vendor/name`
   * entries; absent when there are none.
   */
  replaces?: Array<[string, string]>;
  provides?: Array<[string, string]>;
}

export interface ComposerPackages {
  packages: ComposerPackage[];
  problems: string[];
}

export interface ComposerManifest {
  require: string[];
  requireDev: string[];
  problems: string[];
}

const packageSchema = z.object({
  name: z.string().check(z.regex(/^[^/\s]+\/[^/\s]+$/, 'expected vendor/name')),
  version: z.string().check(z.minLength(1)),
  license: z.optional(z.union([z.string(), z.array(z.string())])),
  require: z.optional(z.record(z.string(), z.unknown())),
  type: z.optional(z.string()),
  replace: z.optional(z.record(z.string(), z.unknown())),
  provide: z.optional(z.record(z.string(), z.unknown())),
});

const listSchema = z.optional(z.nullable(z.array(z.unknown())));
const lockSchema = z.object({ packages: listSchema, 'packages-dev': listSchema });
const installedV2Schema = z.object({ packages: z.array(z.unknown()), 'dev-package-names': z.optional(z.array(z.string())) });
const manifestSchema = z.object({
  require: z.optional(z.record(z.string(), z.unknown())),
  'require-dev': z.optional(z.record(z.string(), z.unknown())),
});

type Issues = ReadonlyArray<{ path: PropertyKey[]; message: string }>;
const describe = (prefix: string, issues: Issues): string[] =>
  issues.map((i) => `${[prefix, ...i.path.map(String)].filter((p) => p !== '').join('.') || '(document)'}: ${i.message}`);

/** The JSON value, or the reason it is not JSON (without quoting the document). */
function readJson(text: string | Buffer, what: string): { value: unknown } | { problem: string } {
  try {
    return { value: parseJsonDocument(text, what) };
  } catch (err) {
    return { problem: errorMessage(err) };
  }
}

export function parseComposerLock(text: string | Buffer): ComposerPackages {
  const json = readJson(text, 'composer.lock');
  if ('problem' in json) return { packages: [], problems: [json.problem] };
  const doc = lockSchema.safeParse(json.value);
  if (!doc.success) return { packages: [], problems: describe('', doc.error.issues) };
  const out: ComposerPackages = { packages: [], problems: [] };
  readPackages(doc.data.packages ?? [], 'packages', () => false, out);
  readPackages(doc.data['packages-dev'] ?? [], 'packages-dev', () => true, out);
  return out;
}

export function parseInstalledJson(text: string | Buffer): ComposerPackages {
  const json = readJson(text, 'installed.json');
  if ('problem' in json) return { packages: [], problems: [json.problem] };
  const raw = json.value;
  const out: ComposerPackages = { packages: [], problems: [] };
  if (Array.isArray(raw)) {
    readPackages(raw, '', () => false, out);
    return out;
  }
  const doc = installedV2Schema.safeParse(raw);
  if (!doc.success) return { packages: [], problems: describe('', doc.error.issues) };
  const devNames = new Set(doc.data['dev-package-names'] ?? []);
  readPackages(doc.data.packages, 'packages', (name) => devNames.has(name), out);
  return out;
}

export function parseComposerManifest(text: string | Buffer): ComposerManifest {
  const json = readJson(text, 'composer.json');
  if ('problem' in json) return { require: [], requireDev: [], problems: [json.problem] };
  const doc = manifestSchema.safeParse(json.value);
  if (!doc.success) return { require: [], requireDev: [], problems: describe('', doc.error.issues) };
  const names = (r: Record<string, unknown> | undefined): string[] => Object.keys(r ?? {}).filter(isPackageName);
  return { require: names(doc.data.require), requireDev: names(doc.data['require-dev']), problems: [] };
}

/** Real packages are `vendor/name`; `php`, `ext-*`, `lib-*`, `composer-plugin-api` are the platform. */
const isPackageName = (name: string): boolean => name.includes('/');

function readPackages(list: unknown[], where: string, isDev: (name: string) => boolean, out: ComposerPackages): void {
  list.forEach((item, i) => {
    const parsed = packageSchema.safeParse(item);
    if (!parsed.success) {
      out.problems.push(...describe(`${where === '' ? '' : `${where}.`}${i}`, parsed.error.issues));
      return;
    }
    const p = parsed.data;
    const pkg: ComposerPackage = {
      name: p.name,
      version: p.version,
      licenses: licensesOf(p.license),
      requires: Object.keys(p.require ?? {}).filter(isPackageName),
      dev: where === 'packages-dev' || isDev(p.name),
    };
    if (p.type !== undefined) pkg.type = p.type;
    const replaces = links(p.replace);
    if (replaces.length > 0) pkg.replaces = replaces;
    const provides = links(p.provide);
    if (provides.length > 0) pkg.provides = provides;
    out.packages.push(pkg);
  });
}

/** A replace/provide map's package names with their constraints (a non-string constraint as ''). */
function links(map: Record<string, unknown> | undefined): Array<[string, string]> {
  return Object.entries(map ?? {})
    .filter(([name]) => isPackageName(name))
    .map(([name, constraint]): [string, string] => [name, typeof constraint === 'string' ? constraint.trim() : '']);
}

/** An array lists alternatives; a string may name them with ` or ` (`MIT or BSD-2-Clause`). */
function licensesOf(license: string | string[] | undefined): string[] {
  const list = license === undefined ? [] : typeof license === 'string' ? license.split(/\s+or\s+/i) : license;
  return [...new Set(list.map((l) => l.replace(/^\(|\)$/g, '').trim()).filter((l) => l !== ''))];
}
