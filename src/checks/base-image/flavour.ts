/**
 * Which flavour of base an image is, from evidence the inventory holds: the os-release facts, the
 * packages of the base layers and the image labels. Every verdict carries the facts it rests on.
 *
 * What can and cannot be told apart:
 *  - debian:<release> and debian:<release>-slim install the same packages (88 on bookworm: compare
 *    rootfs.manifest of both in debuerreotype/docker-debian-artifacts); slim only drops
 *    documentation files through a dpkg path-exclude config, and dpkg still lists the dropped files.
 *    So both are `debian`. What does differ by package is buildpack-deps (compilers, -dev packages,
 *    git/subversion/mercurial), the base of the official python/node/ruby/golang "full" images.
 *  - distroless: dpkg's per-package status.d without dpkg itself (the OS analyzer's `distroless`).
 *  - UBI: Red Hat's labels (com.redhat.component `ubi9-minimal-container`, name `ubi9/ubi-micro`)
 *    name the image; the package manager present (dnf/yum, microdnf, none) tells standard, minimal
 *    and micro apart.
 */
import type { Inventory } from '../../core/inventory.js';
import type { Package } from '../../core/package.js';
import type { BaseFlavour } from './types.js';

export interface FlavourVerdict {
  flavour: BaseFlavour;
  evidence: string[];
  variant?: string;
}

const OS_TYPES: ReadonlySet<string> = new Set(['deb', 'apk', 'rpm']);
export const isOsPackage = (p: Package): boolean => OS_TYPES.has(p.type);

/** A C toolchain and version-control tools: what buildpack-deps adds to Debian/Ubuntu. */
const TOOLCHAIN = ['gcc', 'g++', 'make', 'libc6-dev', 'dpkg-dev', 'autoconf', 'automake', 'libtool'] as const;
const VCS = ['git', 'subversion', 'mercurial', 'openssh-client'] as const;

/** The buildpack-deps packages among `pkgs` (deb only), when they make a toolchain or a VCS set. */
export function buildpackMarkers(pkgs: readonly Package[]): string[] {
  const names = new Set(pkgs.filter((p) => p.type === 'deb').map((p) => p.name));
  const tools = TOOLCHAIN.filter((n) => names.has(n));
  const vcs = VCS.filter((n) => names.has(n));
  const toolchain = tools.includes('gcc') && (tools.includes('make') || tools.includes('libc6-dev'));
  const scm = vcs.includes('git') && (vcs.includes('subversion') || vcs.includes('mercurial'));
  return toolchain || scm ? [...tools, ...vcs] : [];
}

/** `inv` is the whole image; `base` the packages of its base layers (all of them when unknown). */
export function flavourOf(inv: Inventory, base: readonly Package[]): FlavourVerdict {
  const os = inv.os;
  const osPackages = inv.packages.filter(isOsPackage);
  if (os === undefined || (os.family === 'unknown' && os.id === '')) {
    if (osPackages.length === 0) return { flavour: 'scratch', evidence: ['no OS release file and no OS package database'] };
    const types = [...new Set(osPackages.map((p) => p.type))].join(', ');
    return { flavour: 'os-unknown', evidence: [`${osPackages.length} ${types} packages but no OS release file`] };
  }
  const release = `os-release ID=${os.id}${os.version === '' ? '' : ` VERSION_ID=${os.version}`}`;
  switch (os.family) {
    case 'debian':
      return debianFlavour(inv, base, release);
    case 'ubuntu':
      return osPackages.some((p) => p.type === 'deb')
        ? { flavour: 'ubuntu', evidence: [release] }
        : { flavour: 'ubuntu-chiseled', evidence: [release, 'no dpkg database: consistent with a chisel-cut image'] };
    case 'rhel':
      return ubiFlavour(inv, release);
    case 'amazon':
      return amazonFlavour(inv, release);
    case 'unknown':
      return { flavour: 'os-unknown', evidence: [`${release}: a distribution drydock does not know`] };
    default:
      return { flavour: os.family, evidence: [release] };
  }
}

function debianFlavour(inv: Inventory, base: readonly Package[], release: string): FlavourVerdict {
  if (inv.os?.distroless === true) {
    const variant = distrolessVariant(inv.packages);
    return {
      flavour: 'distroless',
      variant,
      evidence: [release, 'var/lib/dpkg/status.d without dpkg (distroless)', `packages of the distroless ${variant} image`],
    };
  }
  const markers = buildpackMarkers(base);
  if (markers.length > 0) {
    return { flavour: 'debian-buildpack', evidence: [release, `buildpack-deps toolchain in the base: ${markers.join(', ')}`] };
  }
  return { flavour: 'debian', evidence: [release, 'no compilers or version-control tools in the base (debian or debian-slim package set)'] };
}

/** The distroless image a package set matches: static ⊂ base ⊂ cc ⊂ python3 / java. */
export function distrolessVariant(pkgs: readonly Package[]): string {
  const names = pkgs.map((p) => p.name);
  if (names.some((n) => /^python3\.\d+-minimal$/.test(n))) return 'python3';
  if (names.some((n) => /^(openjdk-\d+|temurin-\d+)/.test(n))) return 'java';
  if (pkgs.some((p) => p.foundBy === 'binary-fingerprint' && p.name === 'node')) return 'nodejs';
  if (names.includes('libstdc++6') || names.includes('libgcc-s1')) return 'cc';
  if (names.includes('libc6')) return 'base';
  return 'static';
}

const UBI_COMPONENT = /^ubi(\d+)(?:-(minimal|micro|init))?-container$/;
const UBI_NAME = /^ubi(\d+)(?:\/ubi)?(?:-(minimal|micro|init))?$/;

function ubiFlavour(inv: Inventory, release: string): FlavourVerdict {
  const labels = inv.source.config?.labels ?? {};
  const component = labels['com.redhat.component'];
  const name = labels['name'];
  const labelled = [component !== undefined && UBI_COMPONENT.test(component) ? `label com.redhat.component=${component}` : undefined,
    name !== undefined && UBI_NAME.test(name) ? `label name=${name}` : undefined].filter((e): e is string => e !== undefined);
  if (labelled.length === 0) return { flavour: 'rhel', evidence: [release, 'no UBI labels'] };
  const pm = packageNames(inv, ['dnf', 'yum', 'microdnf']);
  if (pm.includes('dnf') || pm.includes('yum')) return { flavour: 'ubi', evidence: [release, ...labelled, `package manager ${pm.join(', ')}`] };
  if (pm.includes('microdnf')) return { flavour: 'ubi-minimal', evidence: [release, ...labelled, 'package manager microdnf'] };
  return { flavour: 'ubi-micro', evidence: [release, ...labelled, 'no dnf, yum or microdnf package'] };
}

function amazonFlavour(inv: Inventory, release: string): FlavourVerdict {
  const pm = packageNames(inv, ['dnf', 'yum', 'microdnf']);
  if (pm.includes('microdnf') && !pm.includes('dnf') && !pm.includes('yum')) {
    return { flavour: 'amazonlinux-minimal', evidence: [release, 'package manager microdnf without dnf'] };
  }
  return { flavour: 'amazon', evidence: [release] };
}

function packageNames(inv: Inventory, wanted: readonly string[]): string[] {
  const have = new Set(inv.packages.filter(isOsPackage).map((p) => p.name));
  return wanted.filter((n) => have.has(n));
}
