import { distroOf, namespaceFromOsvEcosystem, normalizePackageName } from '../../ecosystems.js';
import type { Advisory, AffectedPackage, Namespace, VersionRange } from '../../model.js';
import { packageSeverity, recordRatings } from './severity.js';
import type { OsvAffected, OsvRecord } from './validate.js';

/** Why an affected entry was left out of the DB (counted per import and reported once). */
export type SkipReason = 'no-package' | 'not-evaluable';

export interface ConvertContext {
  /** A warning about this record (the caller prefixes the file name). */
  warn(message: string): void;
  unknownEcosystem(ecosystem: string): void;
  skipped(reason: SkipReason): void;
}

/**
 * Distro ecosystems whose OSV `name` is a binary package: Photon OS ("the name of the RPM package"), and
 * Red Hat records whose purl does not say `arch=src`. Every other distro names the source package (the
 * spec says so for Debian, Ubuntu, Alpine, AlmaLinux, Rocky, SUSE, openSUSE, Azure Linux, Mageia, openEuler).
 */
function packageKindOf(namespace: Namespace, purl: string | undefined): 'source' | 'binary' | undefined {
  const distro = distroOf(namespace);
  if (distro === undefined) return undefined;
  if (distro === 'photon') return 'binary';
  if (distro === 'rhel') return purl !== undefined && /[?&]arch=src(&|$)/.test(purl) ? 'source' : 'binary';
  return 'source';
}

/**
 * `fixed` when some ECOSYSTEM/SEMVER range has a `fixed` event: matchers take the fix of the interval
 * the installed version falls in (an interval without one stays unfixed); `affected` when no range has
 * a fix (open ranges, `last_affected`, or a `versions` list only).
 */
function statusOf(ranges: readonly VersionRange[]): AffectedPackage['status'] {
  return ranges.some((r) => r.type !== 'GIT' && r.events.some((e) => 'fixed' in e)) ? 'fixed' : 'affected';
}

function convertAffected(a: OsvAffected, ctx: ConvertContext): AffectedPackage | undefined {
  if (!a.package) {
    ctx.skipped('no-package');
    return undefined;
  }
  const namespace = namespaceFromOsvEcosystem(a.package.ecosystem);
  if (namespace === undefined) {
    ctx.unknownEcosystem(a.package.ecosystem);
    return undefined;
  }
  const ranges: VersionRange[] = a.ranges.map((r) => ({ type: r.type, events: r.events.map((e) => ({ ...e })) }));
  // OSV: a version is affected only if a range or `versions` says so. GIT ranges are never evaluated,
  // so an entry with nothing else affects no version drydock can see (and must not read as "all versions").
  if (a.versions.length === 0 && !ranges.some((r) => r.type !== 'GIT')) {
    ctx.skipped('not-evaluable');
    return undefined;
  }
  const entry: AffectedPackage = {
    namespace,
    name: normalizePackageName(namespace, a.package.name),
    status: statusOf(ranges),
    ranges,
    versions: [...a.versions],
  };
  const kind = packageKindOf(namespace, a.package.purl);
  if (kind) entry.packageKind = kind;
  const severity = packageSeverity(a);
  if (severity !== undefined) entry.severity = severity;
  return entry;
}

function unique(values: Iterable<string>, except?: string): string[] {
  const out = new Set<string>();
  for (const v of values) if (v !== '' && v !== except) out.add(v);
  return [...out];
}

/**
 * A timestamp worth keeping: Go's vulndb repository writes the zero time `0001-01-01T00:00:00Z` for
 * "not set" (vuln.go.dev serves real ones), which must not read as a date.
 */
export function isRealTime(raw: string | undefined): raw is string {
  return raw !== undefined && Date.parse(raw) >= 0;
}

function cwesOf(rec: OsvRecord): string[] {
  const ids = rec.databaseSpecific?.cwe_ids;
  if (!Array.isArray(ids)) return [];
  return unique(ids.filter((c): c is string => typeof c === 'string' && /^CWE-\d+$/.test(c)));
}

/**
 * The Advisory for a valid OSV record, or undefined when none of its affected packages is one drydock
 * can match (unknown ecosystems, no package, GIT-only ranges). Withdrawn records are the caller's call.
 */
export function toAdvisory(rec: OsvRecord, ctx: ConvertContext): Advisory | undefined {
  const affected = rec.affected.flatMap((a) => convertAffected(a, ctx) ?? []);
  if (affected.length === 0) return undefined;
  const adv: Advisory = {
    id: rec.id,
    feed: 'osv',
    aliases: unique(rec.aliases, rec.id),
    severities: recordRatings(rec, (m) => ctx.warn(m)),
    cwes: cwesOf(rec),
    references: unique(rec.references),
    affected,
  };
  // `upstream` (a distro record's upstream CVEs) is kept with `related`: not aliases, but how a CVE finds them.
  const related = unique([...rec.related, ...rec.upstream], rec.id);
  if (related.length > 0) adv.related = related;
  if (rec.summary !== undefined && rec.summary !== '') adv.summary = rec.summary;
  if (rec.details !== undefined && rec.details !== '') adv.details = rec.details;
  if (isRealTime(rec.published)) adv.published = rec.published;
  if (isRealTime(rec.modified)) adv.modified = rec.modified;
  if (rec.withdrawn !== undefined) adv.withdrawn = rec.withdrawn;
  return adv;
}
