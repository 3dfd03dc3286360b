/**
 * End-of-life verdicts: the base's OS release (dates of src/inventory/os/eol.ts, the table the
 * inventory reports `os.eol` from) and its language runtimes (eol-data.ts). A release without a
 * known date gets no verdict: never a guessed one.
 */
import { EOL_TABLE, eolDate } from '../../inventory/os/eol.js';
import { EXTENDED_SUPPORT, RUNTIME_EOL, type RuntimeProductId } from './eol-data.js';
import type { BaseImageInfo, DistroInfo, EolVerdict, RuntimeInfo } from './types.js';

const OS_SOURCE = 'drydock OS release table (src/inventory/os/eol.ts; sources named there)';

/** The day `now` falls on (UTC), as an ISO date. */
export const isoDay = (now: Date): string => now.toISOString().slice(0, 10);

type Cycles = ReadonlyArray<{ cycle: string; eol: string }>;

function tableOf(distro: Pick<DistroInfo, 'family' | 'name'>): Cycles | undefined {
  const track = distro.family === 'centos' && /stream/i.test(distro.name) ? 'centos-stream' : distro.family;
  return (EOL_TABLE as Readonly<Record<string, Cycles | undefined>>)[track];
}

/** The table's release line a version belongs to: itself or its longest dotted prefix that has an entry. */
function cycleOf(cycles: Cycles, version: string): { cycle: string; eol: string } | undefined {
  const parts = version.split('.');
  for (let n = parts.length; n > 0; n--) {
    const hit = cycles.find((e) => e.cycle === parts.slice(0, n).join('.'));
    if (hit) return hit;
  }
  return undefined;
}

/** The OS release's verdict (undefined without a distro, or for a release the table has no date for). */
export function eolOf(info: Pick<BaseImageInfo, 'distro'>, now: Date): EolVerdict | undefined {
  const d = info.distro;
  if (d === undefined) return undefined;
  const date = eolDate({ family: d.family, name: d.name, version: d.version, id: d.id });
  const cycles = tableOf(d);
  const hit = date === undefined || cycles === undefined ? undefined : cycleOf(cycles, d.version);
  if (date === undefined || hit === undefined || hit.eol !== date) return undefined;
  const verdict: EolVerdict = { product: d.id === '' ? d.family : d.id, cycle: hit.cycle, date, eol: date <= isoDay(now), source: OS_SOURCE };
  const extended = d.family === 'ubuntu' || d.family === 'debian' ? EXTENDED_SUPPORT[d.family] : undefined;
  const paid = extended?.cycles.find((e) => e.cycle === hit.cycle);
  if (extended && paid) verdict.extended = { label: extended.label, date: paid.eol };
  return verdict;
}

/**
 * The product whose support dates apply to a runtime. Java only when the image says it is Temurin:
 * other OpenJDK builds (the deprecated openjdk image, a JDK copied in) follow their vendor's dates.
 */
function productOf(rt: RuntimeInfo): RuntimeProductId | undefined {
  switch (rt.name) {
    case 'java':
      return rt.image === 'eclipse-temurin' ? 'eclipse-temurin' : undefined;
    default:
      return rt.name;
  }
}

export function runtimeEolOf(rt: RuntimeInfo, now: Date): EolVerdict | undefined {
  const product = productOf(rt);
  if (product === undefined) return undefined;
  const entry = RUNTIME_EOL[product];
  const hit = (entry.cycles as Cycles).find((e) => e.cycle === rt.cycle);
  if (hit === undefined) return undefined;
  return { product, cycle: hit.cycle, date: hit.eol, eol: hit.eol <= isoDay(now), source: entry.source };
}

/**
 * The newest supported release of the distro's line on `now` (the one supported longest), for
 * "move to" advice; undefined when none is, or the table has no entries.
 */
export function newestSupportedRelease(distro: Pick<DistroInfo, 'family' | 'name'>, now: Date): { cycle: string; eol: string } | undefined {
  const day = isoDay(now);
  const open = (tableOf(distro) ?? []).filter((e) => e.eol > day);
  return open.reduce<{ cycle: string; eol: string } | undefined>((best, e) => (best === undefined || e.eol > best.eol ? e : best), undefined);
}

/** Days from `now` to an ISO date (negative when past). */
export function daysUntil(date: string, now: Date): number {
  return Math.round((Date.parse(`${date}T00:00:00Z`) - Date.parse(`${isoDay(now)}T00:00:00Z`)) / 86_400_000);
}
