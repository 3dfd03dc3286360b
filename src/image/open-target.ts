import { mkdir, stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { AppError, errorMessage } from '../core/errors.js';
import type { Platform, SourceKind } from '../core/inventory.js';
import { DirBlobStore, TarBlobStore } from './archive/blob-store.js';
import { openOciLayout } from './archive/oci-layout.js';
import type { RegistryOptions } from './registry/options.js';
import type { OpenedTarget } from './source-types.js';
import type { TargetSpec } from './target.js';

export interface OpenOptions {
  platform: Platform;
  /** The user named the platform (--platform): single-platform images of another platform are refused. */
  platformExplicit?: boolean;
  /** Private scratch space (under the cache dir) for decompressing compressed archives. */
  tmpDir: string;
  /** Largest archive accepted after decompressing an outer gzip/zstd layer. */
  maxArchiveBytes: number;
  registry: Omit<RegistryOptions, 'platform'>;
}

async function mustExist(path: string, input: string): Promise<void> {
  try {
    await stat(path);
  } catch (err) {
    throw new AppError('NOT_FOUND', `target "${input}": ${errorMessage(err)}`);
  }
}

/**
 * Open a docker or OCI archive file, whichever it turns out to be (the transport is a hint). The
 * archive readers (tar index, outer decompression, docker manifest schemas) are loaded only here.
 */
async function openArchive(spec: Extract<TargetSpec, { path: string }>, opts: OpenOptions): Promise<OpenedTarget> {
  await mustExist(spec.path, spec.input);
  const [{ openDockerArchive }, { TarIndex }, { decompressToTemp, fileCompression }] = await Promise.all([
    import('./archive/docker-archive.js'),
    import('./archive/tar-index.js'),
    import('./archive/unpack-outer.js'),
  ]);
  const what = spec.input;
  let file = spec.path;
  let cleanup = async (): Promise<void> => undefined;
  if ((await fileCompression(spec.path)) !== 'none') {
    await mkdir(opts.tmpDir, { recursive: true });
    ({ file, cleanup } = await decompressToTemp(spec.path, opts.tmpDir, opts.maxArchiveBytes, what));
  }
  try {
    const index = await TarIndex.build(file, what);
    const isDocker = index.find('manifest.json') !== undefined;
    const isOci = index.find('oci-layout') !== undefined;
    const selector = 'selector' in spec ? spec.selector : undefined;
    const close = cleanup;
    if ((spec.kind === 'docker-archive' || (spec.kind === 'file' && isDocker)) && isDocker) {
      const platform = opts.platformExplicit ? { platform: opts.platform } : {};
      return await openDockerArchive(index, what, { reference: spec.input, ...(selector ? { selector } : {}), ...platform, close });
    }
    if ((spec.kind === 'oci-archive' || spec.kind === 'file') && isOci) {
      const kind: SourceKind = 'oci-archive';
      const o = { kind, reference: spec.input, platform: opts.platform, platformExplicit: opts.platformExplicit === true, close };
      return await openOciLayout(new TarBlobStore(index, what), selector ? { ...o, selector } : o);
    }
    const expected = spec.kind === 'docker-archive' ? 'a docker archive (no manifest.json)' : spec.kind === 'oci-archive' ? 'an OCI archive (no oci-layout)' : 'an image archive (neither manifest.json nor oci-layout inside)';
    throw new AppError('INPUT', `${what}: not ${expected}`);
  } catch (err) {
    await cleanup();
    throw err;
  }
}

/** Open any non-SBOM target: registry image, archive, OCI layout or root filesystem. */
export async function openTarget(spec: TargetSpec, opts: OpenOptions): Promise<OpenedTarget> {
  switch (spec.kind) {
    case 'registry': {
      // The HTTP stack is loaded only for registry targets (it is a large part of start-up time).
      const { openRegistryImage } = await import('./registry/registry-source.js');
      return openRegistryImage(spec.input, spec.ref, { ...opts.registry, platform: opts.platform, platformExplicit: opts.platformExplicit === true });
    }
    case 'docker-archive':
    case 'oci-archive':
    case 'file':
      return openArchive(spec, opts);
    case 'oci-layout': {
      await mustExist(spec.path, spec.input);
      const store = new DirBlobStore(spec.path, spec.input);
      const o = { kind: 'oci-layout' as const, reference: spec.input, platform: opts.platform, platformExplicit: opts.platformExplicit === true, close: async () => undefined };
      return openOciLayout(store, spec.selector ? { ...o, selector: spec.selector } : o);
    }
    case 'dir': {
      await mustExist(spec.path, spec.input);
      const root = resolve(spec.path);
      return { kind: 'rootfs', root, info: { kind: 'dir', reference: spec.input, layers: [{ index: 0 }] }, close: async () => undefined };
    }
    case 'sbom':
      throw new AppError('INTERNAL', 'SBOM targets are read by the SBOM reader, not opened as images');
  }
}
