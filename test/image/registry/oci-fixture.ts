/**
 * Builds small OCI image layouts for the registry tests from the real Alpine minirootfs tarballs in
 * ../shared/fixtures/alpine: each tarball is used as is as a gzip layer (as the official alpine image
 * does); configs, manifests and indexes are written by hand following the OCI image spec.
 */
import { createHash } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import type { Digest } from '../../../src/core/digest.js';
import type { Platform } from '../../../src/core/inventory.js';

export const SHARED = fileURLToPath(new URL('../../../../shared/', import.meta.url));
export const ALPINE_320 = join(SHARED, 'fixtures/alpine/alpine-minirootfs-3.20.3-x86_64.tar.gz');
export const ALPINE_319 = join(SHARED, 'fixtures/alpine/alpine-minirootfs-3.19.4-x86_64.tar.gz');

export interface Blob {
  digest: Digest;
  mediaType: string;
  bytes: Buffer;
}

export interface TestImage {
  manifest: Blob;
  config: Blob;
  layers: Array<Blob & { diffId: Digest }>;
  platform: Platform;
}

export function sha256(data: Buffer): Digest {
  return `sha256:${createHash('sha256').update(data).digest('hex')}`;
}

function blob(mediaType: string, bytes: Buffer): Blob {
  return { digest: sha256(bytes), mediaType, bytes };
}

function descriptor(b: Blob, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { mediaType: b.mediaType, digest: b.digest, size: b.bytes.length, ...extra };
}

/** An image whose layers are the given gzip tarballs, for `platform`. */
export async function makeImage(layerFiles: string[], platform: Platform, opts: { user?: string; env?: string[] } = {}): Promise<TestImage> {
  const layers = await Promise.all(
    layerFiles.map(async (f) => {
      const bytes = await readFile(f);
      return { ...blob('application/vnd.oci.image.layer.v1.tar+gzip', bytes), diffId: sha256(gunzipSync(bytes)) };
    }),
  );
  const config = blob(
    'application/vnd.oci.image.config.v1+json',
    Buffer.from(
      JSON.stringify({
        created: '2024-09-06T12:00:00Z',
        architecture: platform.architecture,
        os: platform.os,
        ...(platform.variant ? { variant: platform.variant } : {}),
        config: { Env: opts.env ?? ['PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin'], Cmd: ['/bin/sh'], ...(opts.user ? { User: opts.user } : {}) },
        rootfs: { type: 'layers', diff_ids: layers.map((l) => l.diffId) },
        history: layerFiles.map((f) => ({ created: '2024-09-06T12:00:00Z', created_by: `ADD ${f.split('/').pop()} / # buildkit` })),
      }),
    ),
  );
  const manifest = blob(
    'application/vnd.oci.image.manifest.v1+json',
    Buffer.from(
      JSON.stringify({
        schemaVersion: 2,
        mediaType: 'application/vnd.oci.image.manifest.v1+json',
        config: descriptor(config),
        layers: layers.map((l) => descriptor(l)),
      }),
    ),
  );
  return { manifest, config, layers, platform };
}

/** An OCI index over several platform images. */
export function makeIndex(images: TestImage[]): Blob {
  return blob(
    'application/vnd.oci.image.index.v1+json',
    Buffer.from(
      JSON.stringify({
        schemaVersion: 2,
        mediaType: 'application/vnd.oci.image.index.v1+json',
        manifests: images.map((i) => descriptor(i.manifest, { platform: i.platform })),
      }),
    ),
  );
}

/**
 * Write an OCI image layout at `dir` with `refs` (tag → manifest or index) and all blobs; skopeo reads
 * it as `oci:DIR:tag`.
 */
export async function writeLayout(dir: string, refs: Record<string, Blob>, blobs: Blob[]): Promise<void> {
  await mkdir(join(dir, 'blobs', 'sha256'), { recursive: true });
  await writeFile(join(dir, 'oci-layout'), JSON.stringify({ imageLayoutVersion: '1.0.0' }));
  for (const b of [...blobs, ...Object.values(refs)]) {
    await writeFile(join(dir, 'blobs', 'sha256', b.digest.slice('sha256:'.length)), b.bytes);
  }
  const manifests = Object.entries(refs).map(([tag, b]) => descriptor(b, { annotations: { 'org.opencontainers.image.ref.name': tag } }));
  await writeFile(join(dir, 'index.json'), JSON.stringify({ schemaVersion: 2, manifests }));
}

/** Every blob of an image, for writeLayout. */
export function imageBlobs(img: TestImage): Blob[] {
  return [img.manifest, img.config, ...img.layers];
}
