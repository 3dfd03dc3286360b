/**
 * Wording every writer shares for the secret, configuration and base-image parts of a report: where a
 * secret is and which layer holds it, and the base-image summary lines. Plain text; each writer escapes
 * it for its format.
 */
import type { BaseImageReport, EolVerdict } from '../checks/base-image/types.js';
import type { SecretFinding } from '../core/secret-finding.js';
import type { ScanReport } from './model.js';
import { layerLabel } from './wording.js';

/** `/opt/app/.env:3`, `image config Env APP_PASSWORD`, `image history step 5`. */
export function secretPlace(s: SecretFinding): string {
  const l = s.location;
  if (l.kind === 'file') return `/${l.path}:${l.line}`;
  if (l.kind === 'config') return `image config ${l.field}${l.key === undefined ? '' : ` ${l.key}`}`;
  return `image history step ${l.index + 1}`;
}

/** The layer whose content holds the secret: "layer 2: RUN …"; undefined for the config. */
export function secretLayer(s: SecretFinding, report: Pick<ScanReport, 'source'>, max = 60): string | undefined {
  const l = s.location;
  return l.kind === 'config' ? undefined : layerLabel(l.layer, report, max);
}

/** "removed in layer 5 — still in the image" for a file a later layer deleted or replaced. */
export function secretRemoved(s: SecretFinding): string | undefined {
  const l = s.location;
  return l.kind === 'file' && l.removedIn !== undefined ? `removed in layer ${l.removedIn.index} — still in the image` : undefined;
}

/** One line about a secret: "/opt/app/.env:3 AKIA**** — layer 2: RUN … — removed in layer 5 — still in the image". */
export function secretSentence(s: SecretFinding, report: Pick<ScanReport, 'source'>, max = 120): string {
  const parts = [`${secretPlace(s)} ${s.masked}`, secretLayer(s, report, max), secretRemoved(s)].filter((x): x is string => x !== undefined);
  return parts.join(' — ');
}

/** 3_724_693 → "3.7 MB" (decimal units, as registries show sizes). */
export function formatBytes(n: number): string {
  if (n < 1000) return `${n} B`;
  const units = ['kB', 'MB', 'GB', 'TB'];
  let v = n / 1000;
  let i = 0;
  while (v >= 1000 && i < units.length - 1) {
    v /= 1000;
    i++;
  }
  return `${v.toFixed(1)} ${units[i] ?? 'TB'}`;
}

/**
 * "Alpine Linux 3.20.3", "Debian GNU/Linux 12.15 (bookworm) · distroless cc", "no OS release file ·
 * scratch": the release, and the flavour when it says more than the distribution's id.
 */
export function baseTitle(b: BaseImageReport): string {
  const d = b.info.distro;
  const os = d === undefined ? 'no OS release file' : `${d.name} ${d.detailedVersion ?? d.version}${d.codename === undefined ? '' : ` (${d.codename})`}`;
  const flavour = `${b.info.flavour}${b.info.variant === undefined ? '' : ` ${b.info.variant}`}`;
  return flavour === d?.id ? os : `${os} · ${flavour}`;
}

/** "alpine 3.20: end of life since 2026-04-01" / "debian 12: supported until 2028-06-30 (Debian ELTS until 2033-06-30)". */
export function eolSentence(v: EolVerdict): string {
  const extended = v.extended === undefined ? '' : ` (${v.extended.label} until ${v.extended.date})`;
  return `${v.product} ${v.cycle}: ${v.eol ? `END OF LIFE since ${v.date}` : `supported until ${v.date}`}${extended}`;
}

/** Does the base image need attention: an end-of-life OS or runtime, or a look-alike name? */
export function baseNeedsAttention(b: BaseImageReport): boolean {
  return b.eol.os?.eol === true || b.eol.runtimes.some((r) => r.eol) || b.typosquats.length > 0;
}

/** One headline: "Alpine Linux 3.20.3 — END OF LIFE since 2026-04-01", "Debian GNU/Linux 12.15 (bookworm) — supported until 2028-06-30". */
export function baseHeadline(b: BaseImageReport): string {
  const v = b.eol.os;
  return v === undefined ? baseTitle(b) : `${baseTitle(b)} — ${v.eol ? 'END OF LIFE since' : 'supported until'} ${v.date}`;
}

function packagesLine(b: BaseImageReport): string {
  const p = b.surface.packages;
  const split = p.fromBase === undefined ? '' : `; ${p.fromBase} from the base, ${p.added ?? 0} added`;
  const bytes = b.surface.bytes;
  const size = bytes === undefined ? '' : ` · ${formatBytes(bytes.stored)} stored${bytes.fromBase === undefined ? '' : ` (${formatBytes(bytes.fromBase)} in the base)`}`;
  return `Packages: ${p.total} (${p.os} OS, ${p.language} language${split})${size}`;
}

function toolsLine(b: BaseImageReport): string {
  const s = b.surface;
  const names = (t: { present: boolean; names: string[] }): string => (t.present ? t.names.join(', ') : 'none');
  const lang = s.languagePackageManagers.length > 0 ? ` · language package managers: ${s.languagePackageManagers.join(', ')}` : '';
  return `Shell: ${names(s.shell)} · package manager: ${names(s.packageManager)}${lang}`;
}

/**
 * The base-image summary as lines of plain text: what it is and its support status, layers and
 * packages from the base, size, shells and package managers, known vulnerabilities inherited/added,
 * runtimes, look-alike names, then advice.
 */
export function baseLines(b: BaseImageReport): string[] {
  const out = [`Base: ${baseTitle(b)}`];
  if (b.eol.os !== undefined) out.push(`Support: ${eolSentence(b.eol.os)}`);
  const base = b.info.baseLayers;
  out.push(base === undefined ? `Layers: ${b.info.layerCount} (which come from the base is not known)` : `Layers: ${base} of ${b.info.layerCount} from the base image`);
  out.push(packagesLine(b), toolsLine(b));
  const kv = b.surface.knownVulns;
  if (kv !== undefined) {
    const split = kv.fromBase === undefined ? '' : ` (${kv.fromBase} inherited from the base, ${kv.added ?? 0} added)`;
    out.push(`Known vulnerabilities: ${kv.total}${split}`);
  }
  for (const r of b.info.runtimes) {
    const eol = b.eol.runtimes.find((v) => v.cycle === r.cycle && (v.product === r.name || v.product === r.image));
    const what = [r.image === undefined ? undefined : `image ${r.image}`, r.variant].filter((x) => x !== undefined).join(', ');
    out.push(`Runtime: ${r.name} ${r.version}${what === '' ? '' : ` (${what})`}${eol === undefined ? '' : ` — ${eolSentence(eol)}`}`);
  }
  for (const t of b.typosquats) {
    out.push(`Look-alike name: "${t.suspect}" resembles "${t.likely}" (${t.reason}, edit distance ${t.distance}; the ${t.of === 'reference' ? 'reference scanned' : 'base the labels declare'})`);
  }
  for (const s of b.suggestions) out.push(`Advice: ${s.reason}${s.caveat === undefined ? '' : ` — ${s.caveat}`}`);
  return out;
}

/** A check finding's details, at most `max` of them, then "… N more". */
export function shownDetails(details: readonly string[], max: number): string[] {
  if (details.length <= max) return [...details];
  return [...details.slice(0, max), `… ${details.length - max} more (see --format json)`];
}
