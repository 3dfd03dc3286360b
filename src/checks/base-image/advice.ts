/**
 * Advice on the base: smaller alternatives from the catalog (advice-catalog.ts), each with the
 * measurable reason ("433 OS packages now; python:3.12-slim has ~100"), and supported releases for
 * a base or runtime past (or near) its end of life.
 */
import { CATALOG, entryIdFor, type Alternative } from './advice-catalog.js';
import { RUNTIME_EOL, type RuntimeCycle, type RuntimeProductId } from './eol-data.js';
import { daysUntil, isoDay, newestSupportedRelease } from './eol.js';
import type { BaseImageInfo, DistroInfo, EolVerdict, RuntimeInfo, Suggestion, Surface } from './types.js';

/** Advice ahead of the date: a release this close to its end of life gets a "move" suggestion too. */
export const EOL_WARNING_DAYS = 180;

/** The runtime advice is about: the one an official image's environment names, else the first. */
function mainRuntime(info: BaseImageInfo): RuntimeInfo | undefined {
  return info.runtimes.find((r) => r.source === 'env') ?? info.runtimes[0];
}

function fill(template: string, info: BaseImageInfo, rt: RuntimeInfo | undefined): string {
  const version = info.distro?.version ?? '';
  const vars: Record<string, string> = {
    cycle: rt?.cycle ?? '',
    major: (rt?.cycle ?? version).split('.')[0] ?? '',
    codename: info.distro?.codename ?? version,
    version,
    image: rt?.image ?? rt?.name ?? '',
  };
  return template.replace(/\{(\w+)\}/g, (m, k: string) => vars[k] ?? m);
}

const GENERIC_ENTRIES: ReadonlySet<string> = new Set(['debian', 'ubuntu']);

/** Smaller or more minimal alternatives for the base, with the measurable reason. */
export function adviseBase(info: BaseImageInfo, surface: Surface): Suggestion[] {
  const rt = mainRuntime(info);
  const id = entryIdFor(info.flavour, rt);
  const entry = CATALOG.find((e) => e.id === id);
  if (entry === undefined) return [];
  // A plain distro base that carries an application's language packages: which minimal image fits
  // depends on that language, so the generic static/cc advice would mislead.
  if (GENERIC_ENTRIES.has(entry.id) && (surface.packages.language > 0 || info.runtimes.length > 0)) return [];
  const current = fill(entry.current, info, rt);
  return entry.alternatives.map((alt) => suggestion(entry.id, current, alt, info, rt, surface));
}

function suggestion(id: string, current: string, alt: Alternative, info: BaseImageInfo, rt: RuntimeInfo | undefined, surface: Surface): Suggestion {
  const image = fill(alt.image, info, rt);
  const now = `${surface.packages.os} OS packages now`;
  const reason =
    alt.approxPackages === undefined
      ? `${current}: ${now}; ${image} is the smaller option (no package count in the catalog)`
      : `${current}: ${now}; ${image} has ~${alt.approxPackages} (approximate, ${alt.asOf ?? 'undated'}, ${alt.source ?? 'catalog'})`;
  const s: Suggestion = { id, kind: 'smaller', image, reason };
  if (alt.approxPackages !== undefined) s.approxPackages = alt.approxPackages;
  if (alt.asOf !== undefined) s.asOf = alt.asOf;
  if (alt.source !== undefined) s.source = alt.source;
  if (alt.caveat !== undefined) s.caveat = alt.caveat;
  return s;
}

/** The image name of an OS release, per family: `debian:13`, `alpine:3.23`, `amazonlinux:2023`. */
const OS_IMAGES: Readonly<Partial<Record<string, (cycle: string) => string>>> = {
  debian: (v) => `debian:${v}-slim`,
  ubuntu: (v) => `ubuntu:${v}`,
  alpine: (v) => `alpine:${v}`,
  fedora: (v) => `fedora:${v}`,
  amazon: (v) => `amazonlinux:${v}`,
  rhel: (v) => `registry.access.redhat.com/ubi${v}/ubi-minimal`,
  rocky: (v) => `rockylinux/rockylinux:${v}`,
  alma: (v) => `almalinux:${v}`,
  oracle: (v) => `oraclelinux:${v}-slim`,
  'opensuse-leap': (v) => `opensuse/leap:${v}`,
};

/** Lines that ended for good continue elsewhere: CentOS Linux → RHEL's UBI (or its rebuilds). */
const SUCCESSORS: Readonly<Partial<Record<string, string>>> = { centos: 'rhel' };

/** The newest supported release of the distro (or its successor) and its image. */
function supportedTarget(distro: DistroInfo, now: Date): { next?: { cycle: string; eol: string }; image?: string } {
  for (const family of [distro.family, SUCCESSORS[distro.family]]) {
    if (family === undefined) continue;
    const next = newestSupportedRelease({ family: family as DistroInfo['family'], name: family === distro.family ? distro.name : '' }, now);
    const image = next === undefined ? undefined : OS_IMAGES[family]?.(next.cycle);
    if (next !== undefined) return image === undefined ? { next } : { next, image };
  }
  return {};
}

const when = (v: EolVerdict, now: Date): string =>
  v.eol ? `reached end of life on ${v.date}` : `reaches end of life on ${v.date} (in ${daysUntil(v.date, now)} days)`;

/** "Move to a supported release" for an OS or runtime past, or within EOL_WARNING_DAYS of, its end of life. */
export function upgradeAdvice(info: BaseImageInfo, eol: { os?: EolVerdict; runtimes: readonly EolVerdict[] }, now: Date): Suggestion[] {
  const out: Suggestion[] = [];
  const due = (v: EolVerdict): boolean => v.eol || daysUntil(v.date, now) <= EOL_WARNING_DAYS;
  if (eol.os && info.distro && due(eol.os)) {
    const { next, image } = supportedTarget(info.distro, now);
    const target = image ?? (next === undefined ? 'a supported distribution release' : `${info.distro.id} ${next.cycle}`);
    const extended = eol.os.extended ? `; ${eol.os.extended.label} extends paid fixes to ${eol.os.extended.date}` : '';
    const until = next === undefined ? '' : ` (supported until ${next.eol})`;
    out.push({
      id: `${eol.os.product}-eol`,
      kind: 'supported',
      image: target,
      reason: `${info.distro.name} ${eol.os.cycle} ${when(eol.os, now)}${extended}: move to ${target}${until}`,
      source: eol.os.source,
    });
  }
  for (const v of eol.runtimes) {
    const rt = info.runtimes.find((r) => productId(r) === v.product && r.cycle === v.cycle);
    if (rt === undefined || !due(v)) continue;
    const next = newestRuntimeLine(v.product as RuntimeProductId, now);
    const image = next === undefined ? undefined : runtimeImage(rt, next.cycle);
    const label = RUNTIME_EOL[v.product as RuntimeProductId].label;
    const target = image ?? (next === undefined ? `a supported ${label} release` : `${label} ${next.cycle}`);
    const until = next === undefined ? '' : ` (supported until ${next.eol})`;
    out.push({ id: `${v.product}-eol`, kind: 'supported', image: target, reason: `${label} ${v.cycle} ${when(v, now)}: move to ${target}${until}`, source: v.source });
  }
  return out;
}

const productId = (rt: RuntimeInfo): string => (rt.name === 'java' ? 'eclipse-temurin' : rt.name);

/** `3.9` < `3.10` < `4.0`: release lines compared numerically, part by part. */
export function compareCycles(a: string, b: string): number {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

/** The newest release line still supported on `now` (for Node.js and Java: an LTS line). */
function newestRuntimeLine(product: RuntimeProductId, now: Date): RuntimeCycle | undefined {
  const cycles: readonly RuntimeCycle[] = RUNTIME_EOL[product].cycles;
  const ltsOnly = product === 'node' || product === 'eclipse-temurin';
  const open = cycles.filter((c) => c.eol > isoDay(now) && (!ltsOnly || c.lts === true));
  return open.reduce<RuntimeCycle | undefined>((best, c) => (best === undefined || compareCycles(c.cycle, best.cycle) > 0 ? c : best), undefined);
}

/** The official image tag for a runtime line, keeping the variant (`python:3.14-slim`). */
function runtimeImage(rt: RuntimeInfo, cycle: string): string | undefined {
  if (rt.image === undefined) return undefined;
  const suffix = rt.variant === 'slim' ? '-slim' : rt.variant === 'alpine' ? '-alpine' : '';
  return `${rt.image}:${cycle}${suffix}`;
}
