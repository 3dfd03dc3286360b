import * as z from 'zod/mini';
import { stringArray, stringRecord } from './checks.js';
import { issueReasons } from './issues.js';
import { npmLicenses } from './licenses.js';

/**
 * A package.json, as far as inventory needs it: identity, declared licenses, what it depends on
 * (production: dependencies, optionalDependencies, peerDependencies; development: devDependencies)
 * and its workspaces. Every field is checked on its own: a bad field is reported and ignored,
 * the rest of the manifest still counts.
 */
export interface Manifest {
  name?: string;
  version?: string;
  licenses: string[];
  /** [name, range] of production dependencies (dependencies, optional, peer). */
  prod: Array<[string, string]>;
  /** [name, range] of devDependencies. */
  dev: Array<[string, string]>;
  /** Workspace globs (`workspaces` as a list, or `workspaces.packages`). */
  workspaces: string[];
  /** `"private": true`: the package cannot be published, so it is no package of the registry. */
  private?: boolean;
}

export interface ParsedManifest {
  manifest?: Manifest;
  problems: string[];
}

const optionalString = z.optional(z.string());
const depMap = z.optional(z.union([stringRecord, stringArray]));
const workspaces = z.optional(z.union([stringArray, z.object({ packages: z.optional(stringArray) })]));

const FIELDS = {
  name: optionalString,
  version: optionalString,
  dependencies: depMap,
  optionalDependencies: depMap,
  peerDependencies: depMap,
  devDependencies: depMap,
  workspaces,
} as const;
type Field = keyof typeof FIELDS;

export function parseManifest(bytes: Buffer): ParsedManifest {
  let json: unknown;
  try {
    json = JSON.parse(stripBom(bytes.toString('utf8')));
  } catch {
    return { problems: ['package.json: not valid JSON'] };
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) return { problems: ['package.json: not a JSON object'] };
  const doc = json as Record<string, unknown>;
  const problems: string[] = [];
  const get = <F extends Field>(field: F): z.infer<(typeof FIELDS)[F]> | undefined => {
    const parsed = FIELDS[field].safeParse(Object.hasOwn(doc, field) ? doc[field] : undefined);
    if (parsed.success) return parsed.data as z.infer<(typeof FIELDS)[F]>;
    problems.push(...issueReasons(`package.json: ${field}`, parsed.error.issues));
    return undefined;
  };
  const manifest: Manifest = {
    licenses: npmLicenses(doc['license'], doc['licenses']),
    prod: [...pairs(get('dependencies')), ...pairs(get('optionalDependencies')), ...pairs(get('peerDependencies'))],
    dev: pairs(get('devDependencies')),
    workspaces: workspaceGlobs(get('workspaces')),
  };
  const name = get('name')?.trim();
  const version = get('version')?.trim();
  if (name !== undefined && name !== '') manifest.name = name;
  if (version !== undefined) manifest.version = version;
  if (doc['private'] === true || doc['private'] === 'true') manifest.private = true;
  return { manifest, problems };
}

function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** A dependency map; the ancient list form (`["a", "b"]`) means any version of each. */
function pairs(deps: Record<string, string> | string[] | undefined): Array<[string, string]> {
  if (deps === undefined) return [];
  if (Array.isArray(deps)) return deps.map((n) => [n, '*']);
  return Object.entries(deps);
}

function workspaceGlobs(ws: string[] | { packages?: string[] | undefined } | undefined): string[] {
  if (ws === undefined) return [];
  return Array.isArray(ws) ? ws : (ws.packages ?? []);
}
