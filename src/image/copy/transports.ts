import { AppError } from '../../core/errors.js';
import { isDigest } from '../../core/digest.js';
import type { Platform } from '../../core/inventory.js';
import { parseReference } from '../reference.js';
import type { RegistryClientOptions } from '../registry/options.js';
import { parseTarget } from '../target.js';
import type { CopyTarget } from './copy.js';
import type { CopyDestination, CopySource } from './endpoint.js';
import { isRefName } from './layout-index.js';
import { LayoutCopyDestination } from './layout-dest.js';
import { DOCKER_ARCHIVE_REFUSED, openLayoutArchive, openLayoutDir } from './layout-source.js';
import { RegistryCopyDestination, RegistryCopySource } from './registry-end.js';

export interface SourceOptions {
  registry: RegistryClientOptions;
  /** Platform that picks among several layout entries of one name. */
  platform?: Platform | undefined;
  /** Scratch space for unpacking a compressed `oci-archive:`. */
  tmpDir: string;
  maxArchiveBytes: number;
}

/** Open SRC: a registry reference, `oci:DIR[:name|@digest]` or `oci-archive:FILE[:name]`. */
export async function openCopySource(input: string, opts: SourceOptions): Promise<CopySource> {
  const spec = parseTarget(input);
  switch (spec.kind) {
    case 'registry':
      return RegistryCopySource.open(spec.ref, opts.registry);
    case 'oci-layout':
      return openLayoutDir(spec.path, input, spec.selector, opts.platform);
    case 'oci-archive':
    case 'file':
      return openLayoutArchive(spec.path, input, 'selector' in spec ? spec.selector : undefined, opts.platform, opts);
    case 'docker-archive':
      throw new AppError('UNSUPPORTED', `${input}: ${DOCKER_ARCHIVE_REFUSED}`);
    case 'dir':
    case 'sbom':
      throw new AppError('USAGE', `${input}: a ${spec.kind} cannot be copied; SRC is a registry reference, oci:DIR[:NAME] or oci-archive:FILE[:NAME]`);
  }
}

const DEST_HELP = 'DST is a registry reference (host/repo[:tag|@digest]) or oci:DIR[:NAME]';

function registryTarget(input: string, rest: string): { ref: ReturnType<typeof parseReference>; target: CopyTarget } {
  const ref = parseReference(rest);
  if (ref.tag !== undefined && ref.digest !== undefined) {
    throw new AppError('USAGE', `destination "${input}": give a tag or a digest, not both`);
  }
  return { ref, target: ref.digest !== undefined ? { digest: ref.digest } : { tag: ref.tag ?? 'latest' } };
}

/** Open DST (a layout directory is created if missing) and say how the image is to be named there. */
export async function openCopyDestination(input: string, registry: RegistryClientOptions): Promise<{ dst: CopyDestination; target: CopyTarget }> {
  const m = /^([a-z-]+):(.*)$/s.exec(input);
  const transport = m?.[1];
  if (transport === 'oci') {
    const spec = parseTarget(input);
    if (spec.kind !== 'oci-layout') throw new AppError('INTERNAL', `destination "${input}" did not parse as oci:`);
    const sel = spec.selector;
    if (sel !== undefined && !isDigest(sel) && !isRefName(sel)) {
      throw new AppError('USAGE', `destination "${input}": "${sel}" is not a valid name for an OCI layout entry (letters, digits and -._:@+/ between them)`);
    }
    const target: CopyTarget = sel === undefined ? {} : isDigest(sel) ? { digest: sel } : { tag: sel };
    return { dst: await LayoutCopyDestination.open(spec.path, input), target };
  }
  if (transport === 'docker' || transport === 'registry') {
    const { ref, target } = registryTarget(input, (m?.[2] ?? '').replace(/^\/\//, ''));
    return { dst: RegistryCopyDestination.open(ref, registry), target };
  }
  if (transport !== undefined && ['oci-archive', 'docker-archive', 'dir', 'sbom', 'containers-storage', 'docker-daemon'].includes(transport)) {
    throw new AppError('UNSUPPORTED', `destination "${input}": ${transport}: is not a copy destination; ${DEST_HELP}`);
  }
  try {
    const { ref, target } = registryTarget(input, input);
    return { dst: RegistryCopyDestination.open(ref, registry), target };
  } catch (err) {
    if (err instanceof AppError && err.code === 'INPUT') throw new AppError('USAGE', `${err.message}; ${DEST_HELP}`);
    throw err;
  }
}
