/**
 * What an image is built on: the distribution release (os-release, already in the inventory), the
 * flavour of base (flavour.ts), the language runtime (runtime.ts), the base the labels declare, and
 * which layers and packages came from the base.
 *
 * The base layers are the history's guess (image/base-layers.ts): the layers before the base
 * image's final CMD/ENTRYPOINT. A package is "from the base" when the layer that introduced it is
 * one of those; "added" when a later layer did. Without that guess (squashed images, bases without
 * CMD) the split is unknown rather than invented.
 */
import type { Inventory } from '../../core/inventory.js';
import type { Package } from '../../core/package.js';
import { buildpackMarkers, flavourOf, isOsPackage } from './flavour.js';
import { runtimesOf } from './runtime.js';
import type { BaseImageInfo, DeclaredBase, DistroInfo, RuntimeInfo } from './types.js';

export type PackageOrigin = 'base' | 'added';

/** Where a package came from, given the number of base layers; undefined when that cannot be told. */
export function packageOrigin(pkg: Pick<Package, 'layer'>, baseLayers: number | undefined): PackageOrigin | undefined {
  if (baseLayers === undefined || pkg.layer === undefined) return undefined;
  return pkg.layer.index < baseLayers ? 'base' : 'added';
}

/** The base layers' packages; every package when the base is unknown. */
export function basePackages(inv: Inventory): Package[] {
  const n = inv.source.config?.baseLayers;
  return n === undefined ? inv.packages : inv.packages.filter((p) => packageOrigin(p, n) === 'base');
}

export function identifyBase(inv: Inventory): BaseImageInfo {
  const baseLayers = inv.source.config?.baseLayers;
  const base = basePackages(inv);
  const verdict = flavourOf(inv, base);
  const info: BaseImageInfo = {
    flavour: verdict.flavour,
    flavourEvidence: verdict.evidence,
    runtimes: withVariants(runtimesOf(inv), inv, base),
    layerCount: inv.source.layers.length,
    packages: packageCounts(inv.packages, baseLayers),
  };
  const distro = distroOf(inv);
  if (distro) info.distro = distro;
  if (verdict.variant !== undefined) info.variant = verdict.variant;
  const declared = declaredBase(inv.source.config?.labels);
  if (declared) info.declaredBase = declared;
  if (baseLayers !== undefined) info.baseLayers = baseLayers;
  return info;
}

function distroOf(inv: Inventory): DistroInfo | undefined {
  const os = inv.os;
  if (os === undefined || (os.family === 'unknown' && os.id === '')) return undefined;
  const d: DistroInfo = { family: os.family, id: os.id, name: os.name, version: os.version };
  if (os.detailedVersion !== undefined) d.detailedVersion = os.detailedVersion;
  if (os.codename !== undefined) d.codename = os.codename;
  return d;
}

function packageCounts(pkgs: readonly Package[], baseLayers: number | undefined): BaseImageInfo['packages'] {
  const counts: BaseImageInfo['packages'] = { total: pkgs.length, os: pkgs.filter(isOsPackage).length };
  if (baseLayers === undefined) return counts;
  counts.fromBase = pkgs.filter((p) => packageOrigin(p, baseLayers) === 'base').length;
  counts.added = pkgs.filter((p) => packageOrigin(p, baseLayers) === 'added').length;
  return counts;
}

/** OCI annotations used as labels by image builders: org.opencontainers.image.base.name / base.digest. */
function declaredBase(labels: Readonly<Record<string, string>> | undefined): DeclaredBase | undefined {
  const name = labels?.['org.opencontainers.image.base.name']?.trim();
  if (name === undefined || name === '') return undefined;
  const digest = labels?.['org.opencontainers.image.base.digest']?.trim();
  return digest === undefined || digest === '' ? { name } : { name, digest };
}

/**
 * The official python, node and ruby images come as full (FROM buildpack-deps), slim (FROM
 * debian:*-slim) and alpine variants; which one the base is shows in its packages.
 */
function withVariants(runtimes: RuntimeInfo[], inv: Inventory, base: readonly Package[]): RuntimeInfo[] {
  const family = inv.os?.family;
  for (const r of runtimes) {
    if (r.source !== 'env' || !['python', 'node', 'ruby'].includes(r.name)) continue;
    if (family === 'alpine') r.variant = 'alpine';
    else if (family === 'debian' || family === 'ubuntu') {
      if (!base.some((p) => p.type === 'deb')) continue;
      r.variant = buildpackMarkers(base).length > 0 ? 'full' : 'slim';
    }
  }
  return runtimes;
}
