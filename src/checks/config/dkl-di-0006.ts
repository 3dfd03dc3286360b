import { parseReference } from '../../image/reference.js';
import { findingOf, type ConfigCheck, type ConfigCheckContext } from './model.js';

/** Transports of non-registry targets: their name, if any, comes from the archive (`source.name`). */
const PATH_TARGET = /^(?:docker-archive|oci-archive|oci|dir|sbom):/;

/** The registry-style name to judge: the scanned reference, or the name an archive carries. */
function imageName(ctx: ConfigCheckContext): string | undefined {
  const ref = ctx.reference?.replace(/^(?:registry|docker):(?:\/\/)?/, '');
  if (ref !== undefined && ref !== '' && !PATH_TARGET.test(ref)) return ref;
  return ctx.inventory.source.name;
}

/** The tag as written (undefined when none), or null when the name is not a valid reference. */
function writtenTag(name: string): string | undefined | null {
  try {
    parseReference(name);
  } catch {
    return null;
  }
  const noDigest = name.split('@')[0] ?? '';
  const colon = noDigest.lastIndexOf(':');
  return colon > noDigest.lastIndexOf('/') ? noDigest.slice(colon + 1) : undefined;
}

/** The image is referenced by the mutable `latest` tag, or by no tag (which means latest); a digest pins it. */
export const dklDi0006: ConfigCheck = {
  id: 'DKL-DI-0006',
  title: 'Avoid latest tag',
  severity: 'low',
  dockleLevel: 'WARN',
  run(ctx) {
    const name = imageName(ctx);
    if (name === undefined || name.includes('@')) return [];
    const tag = writtenTag(name);
    if (tag === null) return [];
    if (tag === undefined) return [findingOf(dklDi0006, [`"${name}" has no tag: it means "latest", which moves`])];
    return tag === 'latest' ? [findingOf(dklDi0006, [`"${name}" uses the "latest" tag, which moves`])] : [];
  },
};
