/**
 * The OSV schema's "Evaluation" pseudo-code, written again for tests with a pluggable comparator so
 * the real reference implementations (node-semver, Maven's ComparableVersion, python `packaging`)
 * decide the order — independent of drydock's own schemes and range code.
 */
export type Compare = (a: string, b: string) => number;
type Event = Record<string, string>;

export function osvRangeAffects(version: string, events: readonly Event[], cmp: Compare): boolean {
  const evs = events.map((e) => {
    const [kind = '', text = ''] = Object.entries(e)[0] ?? [];
    return { kind, text, zero: kind === 'introduced' && text === '0' };
  });
  evs.sort((a, b) => (a.zero || b.zero ? Number(b.zero) - Number(a.zero) : cmp(a.text, b.text)));
  const limits = evs.filter((e) => e.kind === 'limit');
  if (limits.length > 0 && !limits.some((l) => l.text.includes('*') || cmp(version, l.text) < 0)) return false;
  let vulnerable = false;
  for (const e of evs) {
    if (e.kind === 'introduced' && (e.zero || cmp(version, e.text) >= 0)) vulnerable = true;
    else if (e.kind === 'fixed' && cmp(version, e.text) >= 0) vulnerable = false;
    else if (e.kind === 'last_affected' && cmp(version, e.text) > 0) vulnerable = false;
  }
  return vulnerable;
}

export interface OsvAffectedLike {
  package: { name: string; ecosystem: string };
  ranges?: Array<{ type: string; events: Event[] }>;
  versions?: string[];
}

/** Any listed version equal, or any range of `type` (ECOSYSTEM / SEMVER) affected. */
export function osvAffects(version: string, a: OsvAffectedLike, type: 'ECOSYSTEM' | 'SEMVER', cmp: Compare): boolean {
  if ((a.versions ?? []).some((x) => x === version || cmp(x, version) === 0)) return true;
  return (a.ranges ?? []).some((r) => r.type === type && osvRangeAffects(version, r.events, cmp));
}
