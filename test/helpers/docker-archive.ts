import { createHash } from 'node:crypto';
import { gunzipSync } from 'node:zlib';
import { makeTar, type TarSpecEntry } from './tar-maker.js';

const sha = (b: Buffer): string => `sha256:${createHash('sha256').update(b).digest('hex')}`;

export interface HandLayer {
  /** The layer as stored (a tar, or a compressed tar). */
  stored: Buffer;
  /** Override the diffID written into the config (to make it lie). */
  diffId?: string;
}

/** The diffID of a stored layer: sha256 of its uncompressed tar. */
export function diffIdOf(stored: Buffer): string {
  return sha(stored[0] === 0x1f && stored[1] === 0x8b ? gunzipSync(stored) : stored);
}

/**
 * A `docker save`-format archive written by Python's tarfile from parts we choose, for inputs no
 * well-behaved tool would produce (hostile layers, lying configs).
 */
export function handMadeDockerArchive(layers: HandLayer[], opts: { repoTag?: string; extra?: TarSpecEntry[]; history?: string[] } = {}): Buffer {
  const diffIds = layers.map((l) => l.diffId ?? diffIdOf(l.stored));
  const config = Buffer.from(
    JSON.stringify({
      architecture: 'amd64',
      os: 'linux',
      config: {},
      rootfs: { type: 'layers', diff_ids: diffIds },
      history: layers.map((_, i) => ({ created_by: opts.history?.[i] ?? `step ${i}` })),
    }),
  );
  const configName = `${sha(config).slice(7)}.json`;
  const layerNames = layers.map((_, i) => `layer${i}/layer.tar`);
  const manifest = [{ Config: configName, RepoTags: [opts.repoTag ?? 'hand/made:1'], Layers: layerNames }];
  return makeTar([
    { name: configName, bytes: config },
    ...layers.map((l, i) => ({ name: layerNames[i] as string, bytes: l.stored })),
    { name: 'manifest.json', data: JSON.stringify(manifest) },
    ...(opts.extra ?? []),
  ]);
}
