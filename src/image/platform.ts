import { AppError } from '../core/errors.js';
import type { Platform } from '../core/inventory.js';

const NODE_ARCH: Record<string, string> = {
  x64: 'amd64',
  arm64: 'arm64',
  arm: 'arm',
  ia32: '386',
  ppc64: 'ppc64le',
  s390x: 's390x',
  riscv64: 'riscv64',
  loong64: 'loong64',
  mips: 'mips',
  mipsel: 'mipsle',
};

/** linux/<host arch> when Node's arch has an OCI name, else linux/amd64. */
export function defaultPlatform(nodeArch: string = process.arch): Platform {
  return { os: 'linux', architecture: NODE_ARCH[nodeArch] ?? 'amd64' };
}

/** Parse `os/arch[/variant]` (`linux/arm64/v8`). */
export function parsePlatform(text: string): Platform {
  const parts = text.split('/');
  if (parts.length < 2 || parts.length > 3 || parts.some((p) => !/^[a-z0-9_.-]+$/.test(p))) {
    throw new AppError('USAGE', `invalid platform "${text}": expected os/arch or os/arch/variant, e.g. linux/amd64`);
  }
  const [os, architecture, variant] = parts as [string, string, string | undefined];
  const p: Platform = { os, architecture: architecture === 'x86_64' ? 'amd64' : architecture === 'aarch64' ? 'arm64' : architecture };
  if (variant !== undefined) p.variant = variant;
  return p;
}

export function formatPlatform(p: Platform): string {
  return p.variant ? `${p.os}/${p.architecture}/${p.variant}` : `${p.os}/${p.architecture}`;
}

/** The variant a platform implies when it names none (arm64 → v8, arm → v7). */
function defaultVariant(architecture: string): string | undefined {
  if (architecture === 'arm64') return 'v8';
  if (architecture === 'arm') return 'v7';
  return undefined;
}

/**
 * When the user asked for a platform explicitly, a single-platform image of another platform is an
 * error (as with Docker), not a silent substitute.
 */
export function requirePlatform(actual: Platform, wanted: Platform | undefined, what: string): void {
  if (wanted === undefined || platformMatches(actual, wanted)) return;
  throw new AppError('NOT_FOUND', `${what}: the image is ${formatPlatform(actual)}, not the requested ${formatPlatform(wanted)}`);
}

/** Does an index entry's platform satisfy the wanted one? A missing variant means the default. */
export function platformMatches(candidate: Platform, wanted: Platform): boolean {
  if (candidate.os !== wanted.os || candidate.architecture !== wanted.architecture) return false;
  const want = wanted.variant ?? defaultVariant(wanted.architecture);
  const have = candidate.variant ?? defaultVariant(candidate.architecture);
  return want === have;
}
