/**
 * How much an image carries: packages (and how many came from the base), stored bytes, and the
 * tools an intruder would want: a shell and a package manager. Found from the package databases'
 * file lists (dpkg does not list /bin/sh, a link its maintainer scripts make, but lists /bin/dash),
 * from package names when a database has no file lists (distroless status.d), and from binaries
 * identified by their version strings outside any package (a busybox copied in).
 */
import type { Inventory } from '../../core/inventory.js';
import type { Package } from '../../core/package.js';
import { isOsPackage } from './flavour.js';
import { packageOrigin } from './identify.js';
import type { Surface, ToolPresence } from './types.js';

const BIN_DIRS = /^\/(?:usr\/)?(?:s?bin)\/([^/]+)$/;
const SHELLS: ReadonlySet<string> = new Set(['sh', 'bash', 'dash', 'ash', 'busybox', 'zsh', 'ksh', 'ksh93', 'mksh', 'tcsh', 'csh', 'yash', 'fish']);
/** Shell packages, for databases without file lists. */
const SHELL_PACKAGES: ReadonlySet<string> = new Set(['bash', 'dash', 'busybox', 'busybox-static', 'busybox-binsh', 'zsh', 'ksh', 'mksh', 'tcsh', 'yash', 'fish']);
/** OS package manager commands → their name. */
const PM_COMMANDS: Readonly<Record<string, string>> = {
  dpkg: 'dpkg', 'apt-get': 'apt', apt: 'apt', apk: 'apk', rpm: 'rpm', dnf: 'dnf', 'dnf-3': 'dnf', 'dnf5': 'dnf', yum: 'yum',
  microdnf: 'microdnf', tdnf: 'tdnf', zypper: 'zypper',
};
const PM_PACKAGES: Readonly<Record<string, string>> = {
  dpkg: 'dpkg', apt: 'apt', 'apk-tools': 'apk', rpm: 'rpm', dnf: 'dnf', dnf5: 'dnf', yum: 'yum', microdnf: 'microdnf', tdnf: 'tdnf', zypper: 'zypper',
};
/** Language package managers, by the package that ships them. */
const LANGUAGE_PMS: ReadonlyArray<{ type: string; name: string; tool: string }> = [
  { type: 'pypi', name: 'pip', tool: 'pip' }, { type: 'deb', name: 'python3-pip', tool: 'pip' },
  { type: 'npm', name: 'npm', tool: 'npm' }, { type: 'npm', name: 'yarn', tool: 'yarn' }, { type: 'npm', name: 'pnpm', tool: 'pnpm' },
  { type: 'gem', name: 'bundler', tool: 'bundler' }, { type: 'composer', name: 'composer/composer', tool: 'composer' },
];

export function surfaceOf(inv: Inventory): Surface {
  const baseLayers = inv.source.config?.baseLayers;
  const os = inv.packages.filter(isOsPackage).length;
  const surface: Surface = {
    packages: { total: inv.packages.length, os, language: inv.packages.length - os },
    shell: presence(inv.packages, (cmd) => (SHELLS.has(cmd) ? cmd : undefined), (name) => (SHELL_PACKAGES.has(name) ? name.replace(/-(binsh|static)$/, '') : undefined), true),
    packageManager: presence(inv.packages, (cmd) => PM_COMMANDS[cmd], (name) => PM_PACKAGES[name], false),
    languagePackageManagers: languagePms(inv.packages),
  };
  if (baseLayers !== undefined) {
    surface.packages.fromBase = inv.packages.filter((p) => packageOrigin(p, baseLayers) === 'base').length;
    surface.packages.added = inv.packages.filter((p) => packageOrigin(p, baseLayers) === 'added').length;
  }
  const bytes = storedBytes(inv, baseLayers);
  if (bytes) surface.bytes = bytes;
  return surface;
}

/**
 * A tool is present when an OS package lists its command in a bin directory, or (databases without
 * file lists) the package that provides it is installed; for shells also a binary identified outside
 * any package.
 */
function presence(
  pkgs: readonly Package[],
  byCommand: (cmd: string) => string | undefined,
  byPackage: (name: string) => string | undefined,
  binaries: boolean,
): ToolPresence {
  const names = new Set<string>();
  const evidence: string[] = [];
  for (const p of pkgs) {
    if (isOsPackage(p)) {
      const hits = (p.files ?? []).map((f) => [f, byCommand(BIN_DIRS.exec(f)?.[1] ?? '')] as const).filter((h) => h[1] !== undefined);
      for (const [file, name] of hits) {
        names.add(name as string);
        evidence.push(`package ${p.name}: ${file}`);
      }
      const named = byPackage(p.name);
      if (hits.length === 0 && named !== undefined && (p.files ?? []).length === 0) {
        names.add(named);
        evidence.push(`package ${p.name} (its database lists no files)`);
      }
    } else if (binaries && p.foundBy === 'binary-fingerprint') {
      const name = byCommand(p.name);
      if (name !== undefined) {
        names.add(name);
        evidence.push(`binary ${p.location}`);
      }
    }
  }
  return { present: names.size > 0, names: [...names].sort(), evidence };
}

function languagePms(pkgs: readonly Package[]): string[] {
  const tools = new Set<string>();
  for (const p of pkgs) for (const l of LANGUAGE_PMS) if (p.type === l.type && p.name === l.name) tools.add(l.tool);
  return [...tools].sort();
}

/** Sum of the stored layer sizes, when the source gives all of them (a dir: target gives none). */
function storedBytes(inv: Inventory, baseLayers: number | undefined): Surface['bytes'] | undefined {
  const layers = inv.source.layers;
  if (layers.length === 0 || layers.some((l) => l.size === undefined)) return undefined;
  const sum = (ls: typeof layers): number => ls.reduce((n, l) => n + (l.size ?? 0), 0);
  const out: NonNullable<Surface['bytes']> = { stored: sum(layers) };
  if (baseLayers !== undefined) out.fromBase = sum(layers.filter((l) => l.index < baseLayers));
  return out;
}
