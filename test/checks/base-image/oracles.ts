/**
 * Independent answers for the base-image tests, from real tools and files rather than from drydock:
 * a layer's own dpkg status database read with tar, and the Debian/Ubuntu release calendars of the
 * host's distro-info-data package (/usr/share/distro-info).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The blob path of layer `index` of the single-manifest OCI layout `ociDir`. */
export function layerBlob(ociDir: string, index: number): string {
  const blob = (digest: string): string => join(ociDir, 'blobs', ...digest.split(':'));
  const idx = JSON.parse(readFileSync(join(ociDir, 'index.json'), 'utf8')) as { manifests: Array<{ digest: string }> };
  const manifestDigest = idx.manifests[0]?.digest;
  if (manifestDigest === undefined) throw new Error(`${ociDir}: empty index.json`);
  const manifest = JSON.parse(readFileSync(blob(manifestDigest), 'utf8')) as { layers: Array<{ digest: string }> };
  const layer = manifest.layers[index];
  if (layer === undefined) throw new Error(`${ociDir}: no layer ${index}`);
  return blob(layer.digest);
}

/** Names of the packages a layer's var/lib/dpkg/status says are installed (read with tar). */
export function installedInLayer(ociDir: string, index: number): Set<string> {
  const status = execFileSync('tar', ['-xzOf', layerBlob(ociDir, index), 'var/lib/dpkg/status'], { maxBuffer: 64 * 2 ** 20 }).toString('utf8');
  const names = new Set<string>();
  for (const para of status.split(/\n\n+/)) {
    const name = /^Package: (.+)$/m.exec(para)?.[1];
    if (name !== undefined && /^Status: install ok installed$/m.test(para)) names.add(name);
  }
  return names;
}

export interface DistroInfoRow {
  version: string;
  series: string;
  fields: Record<string, string>;
}

/** /usr/share/distro-info/<distro>.csv of distro-info-data, or undefined when the host lacks it. */
export function distroInfo(distro: 'debian' | 'ubuntu'): DistroInfoRow[] | undefined {
  const path = `/usr/share/distro-info/${distro}.csv`;
  if (!existsSync(path)) return undefined;
  const [header, ...lines] = readFileSync(path, 'utf8').split('\n').filter((l) => l !== '');
  const cols = (header ?? '').split(',');
  return lines.map((line) => {
    const cells = line.split(',');
    const fields = Object.fromEntries(cols.map((c, i) => [c, cells[i] ?? '']));
    return { version: (fields['version'] ?? '').replace(/ LTS$/, ''), series: fields['series'] ?? '', fields };
  });
}
