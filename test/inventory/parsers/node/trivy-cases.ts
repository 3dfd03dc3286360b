import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from '../../../helpers/fixtures.js';
import type { LockPackage } from '../../../../src/inventory/parsers/node/graph.js';

/**
 * Trivy's parser test tables (../shared/conformance/trivy-parsers/<parser>/cases.json) as
 * drydock-comparable expectations: one entry per package, `name@version`, relationship and dev
 * where Trivy gives them, and the dependency refs.
 */

export const CONFORMANCE = join(REPO_ROOT, '..', 'shared', 'conformance', 'trivy-parsers');

interface TrivyPackage {
  ID: string;
  Name: string;
  Version?: string;
  Relationship?: { $ref: string };
  Dev?: boolean;
  Licenses?: string[];
}

export interface TrivyCase {
  name: string;
  file: string;
  want?: TrivyPackage[];
  wantDeps?: Array<{ ID: string; DependsOn: string[] }>;
  wantErr?: string;
}

export interface Comparable {
  ref: string;
  relationship?: 'direct' | 'indirect';
  dev?: boolean;
  dependsOn: string[];
  licenses?: string[];
}

export function loadCases(parser: string): TrivyCase[] {
  const doc = JSON.parse(readFileSync(join(CONFORMANCE, parser, 'cases.json'), 'utf8')) as { tests: Array<TrivyCase & { name?: string }> };
  return doc.tests.map((t, i) => ({ ...t, name: t.name ?? `case ${i}` }));
}

export function inputOf(parser: string, c: TrivyCase): string {
  return readFileSync(join(CONFORMANCE, parser, c.file), 'utf8');
}

const RELATIONSHIPS: Record<string, 'direct' | 'indirect' | undefined> = {
  'ftypes.RelationshipDirect': 'direct',
  'ftypes.RelationshipIndirect': 'indirect',
  // Trivy's "workspace": drydock has no such relationship; a workspace package is a direct one
  'ftypes.RelationshipWorkspace': 'direct',
  'ftypes.RelationshipUnknown': undefined,
};

const ref = (name: string, version: string | undefined): string => (version ? `${name}@${version}` : name);

/** Trivy's expectations in drydock's terms (Trivy ids such as `debug@4.3.4(peer@1)` mapped to name@version). */
export function expected(c: TrivyCase, opts: { licenses?: boolean } = {}): Comparable[] {
  const refOf = new Map((c.want ?? []).map((p) => [p.ID, ref(p.Name, p.Version)]));
  const deps = new Map((c.wantDeps ?? []).map((d) => [d.ID, d.DependsOn.map((id) => refOf.get(id) ?? id)]));
  return (c.want ?? []).map((p) => {
    const out: Comparable = { ref: ref(p.Name, p.Version), dependsOn: [...(deps.get(p.ID) ?? [])].sort() };
    const relationship = p.Relationship ? RELATIONSHIPS[p.Relationship.$ref] : undefined;
    if (relationship !== undefined) out.relationship = relationship;
    if (p.Dev !== undefined || p.Relationship !== undefined) out.dev = p.Dev ?? false;
    if (opts.licenses && p.Licenses) out.licenses = p.Licenses;
    return out;
  });
}

export function comparable(pkgs: readonly LockPackage[], opts: { licenses?: boolean } = {}): Comparable[] {
  return pkgs.map((p) => {
    const out: Comparable = { ref: ref(p.name, p.version), dependsOn: [...p.dependsOn].sort() };
    if (p.relationship !== undefined) out.relationship = p.relationship;
    if (p.dev !== undefined) out.dev = p.dev;
    if (opts.licenses && p.licenses) out.licenses = p.licenses;
    return out;
  });
}

export const byRef = (a: Comparable, b: Comparable): number => (a.ref < b.ref ? -1 : a.ref > b.ref ? 1 : 0);

/** Replace (or add, or with `undefined` remove) entries of an expectation list, by ref. */
export function adjust(list: Comparable[], changes: Record<string, Partial<Comparable> | null>): Comparable[] {
  const out = list.map((c) => ({ ...c }));
  for (const [r, change] of Object.entries(changes)) {
    const i = out.findIndex((c) => c.ref === r);
    if (change === null) {
      if (i < 0) throw new Error(`adjust: no ${r} to remove`);
      out.splice(i, 1);
    } else if (i < 0) {
      out.push({ ref: r, dependsOn: [], ...change });
    } else {
      out[i] = { ...out[i], ...change } as Comparable;
    }
  }
  return out.sort(byRef);
}
