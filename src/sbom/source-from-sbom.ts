import { isDigest } from '../core/digest.js';
import { isAppError } from '../core/errors.js';
import type { LayerInfo, SourceInfo, Unknown } from '../core/inventory.js';
import type { Package } from '../core/package.js';
import { parsePlatform } from '../image/platform.js';
import { setIf } from './optional.js';
import { PROP, type Property } from './properties.js';

/** The SBOM's subject (the image component / described package), when it has one. */
export interface SubjectFacts {
  name: string;
  version?: string;
  props: Property[];
}

/** Layers the packages point at, one entry per index, in index order. */
function layersOf(packages: readonly Package[]): LayerInfo[] {
  const byIndex = new Map<number, LayerInfo>();
  for (const p of packages) {
    if (!p.layer) continue;
    const known = byIndex.get(p.layer.index) ?? { index: p.layer.index };
    setIf(known, 'diffId', known.diffId ?? p.layer.diffId);
    setIf(known, 'createdBy', known.createdBy ?? p.layer.createdBy);
    byIndex.set(p.layer.index, known);
  }
  return [...byIndex.values()].sort((a, b) => a.index - b.index);
}

/** SourceInfo of an SBOM target: kind `sbom`, the file as reference, image facts from drydock properties. */
export function sourceFromSbom(
  what: string,
  subject: SubjectFacts | undefined,
  packages: readonly Package[],
  unknowns: Unknown[],
): SourceInfo {
  const info: SourceInfo = { kind: 'sbom', reference: what, layers: layersOf(packages) };
  if (!subject) return info;
  const get = (name: string): string | undefined => subject.props.find(([n]) => n === name)?.[1];
  info.name = subject.name;
  if (subject.version !== undefined && isDigest(subject.version)) info.digest = subject.version;
  setIf(info, 'configDigest', get(PROP.imageConfigDigest));
  setIf(info, 'created', get(PROP.imageCreated));
  const repoDigests = subject.props.filter(([n]) => n === PROP.imageRepoDigest).map(([, v]) => v);
  if (repoDigests.length > 0) info.repoDigests = repoDigests;
  const platform = get(PROP.imagePlatform);
  if (platform !== undefined) {
    try {
      info.platform = parsePlatform(platform);
    } catch (err) {
      if (!isAppError(err)) throw err;
      unknowns.push({ source: 'sbom', reason: `${what}: image property ${PROP.imagePlatform}: ${err.message}` });
    }
  }
  return info;
}
