import { execFileSync } from 'node:child_process';
import { lstatSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sharedPath } from './shared.js';
import type { StubLayer } from './stub-merge-view.js';

/** The real Alpine minirootfs tarballs in ../shared/fixtures/alpine (see its README). */
export const ALPINE_DIR = sharedPath('fixtures', 'alpine');

export const ALPINE_TARBALLS: readonly string[] = readdirSync(ALPINE_DIR)
  .filter((f) => f.endsWith('.tar.gz'))
  .sort();

/** One member of a tarball, read with tar itself (`./` prefix as the minirootfs stores them). */
export function tarMember(tarball: string, path: string): Buffer {
  return execFileSync('tar', ['-xzf', `${ALPINE_DIR}/${tarball}`, '-O', `./${path}`], { maxBuffer: 64 << 20 });
}

/** Every member path of a tarball, without the leading `./` and trailing `/`. */
export function tarListing(tarball: string): string[] {
  return execFileSync('tar', ['-tzf', `${ALPINE_DIR}/${tarball}`], { encoding: 'utf8', maxBuffer: 64 << 20 })
    .split('\n')
    .map((l) => l.replace(/^\.\//, '').replace(/\/$/, ''))
    .filter((l) => l !== '' && l !== '.');
}

/** Symlinks in a tarball as path → target, from `tar -tvzf`. */
export function tarSymlinks(tarball: string): Record<string, string> {
  const out: Record<string, string> = {};
  const listing = execFileSync('tar', ['-tvzf', `${ALPINE_DIR}/${tarball}`], { encoding: 'utf8', maxBuffer: 64 << 20 });
  for (const line of listing.split('\n')) {
    const m = /^l\S+\s+\S+\s+\d+\s+\S+\s+\S+\s+\.\/(.+?) -> (.+)$/.exec(line);
    if (m?.[1] !== undefined && m[2] !== undefined) out[m[1]] = m[2];
  }
  return out;
}

/** The Alpine release a tarball's name says it holds ("3.20.3"). */
export function alpineVersionOf(tarball: string): string {
  return /minirootfs-([\d.]+)-/.exec(tarball)?.[1] ?? '';
}

/**
 * A tarball as one image layer: extracted with tar into a temporary directory (removed again),
 * regular files with their contents, symlinks with their targets, directories by name.
 */
export function layerFromTarball(tarball: string): StubLayer {
  const dir = mkdtempSync(join(tmpdir(), 'drydock-alpine-'));
  try {
    execFileSync('tar', ['-xzf', `${ALPINE_DIR}/${tarball}`, '-C', dir, '--no-same-owner']);
    const layer: Required<Pick<StubLayer, 'files' | 'symlinks' | 'dirs'>> = { files: {}, symlinks: {}, dirs: [] };
    const walk = (rel: string): void => {
      for (const name of readdirSync(join(dir, rel))) {
        const path = rel === '' ? name : `${rel}/${name}`;
        const st = lstatSync(join(dir, path));
        if (st.isSymbolicLink()) layer.symlinks[path] = readlinkSync(join(dir, path));
        else if (st.isDirectory()) {
          layer.dirs.push(path);
          walk(path);
        } else if (st.isFile()) layer.files[path] = readFileSync(join(dir, path));
      }
    };
    walk('');
    return layer;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
