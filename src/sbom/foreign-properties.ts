import type { SourcePackage } from '../core/package.js';
import type { Property } from './properties.js';

/**
 * Facts that other tools' SBOMs carry in their own properties. Trivy writes
 * `aquasecurity:trivy:<Key>` properties in CycloneDX and `<Key>: <value>` annotation comments /
 * attribution texts in SPDX; both are normalised to the CycloneDX names first.
 */
const TRIVY = 'aquasecurity:trivy:';

/** `Key: value` texts (Trivy's SPDX annotations and attributionTexts) as Trivy properties. */
export function trivyPropertiesFromTexts(texts: readonly string[]): Property[] {
  const out: Property[] = [];
  for (const t of texts) {
    const m = /^([A-Za-z][A-Za-z0-9]*): (.*)$/s.exec(t);
    if (m) out.push([`${TRIVY}${m[1] ?? ''}`, m[2] ?? '']);
  }
  return out;
}

const get = (props: readonly Property[], key: string): string | undefined =>
  props.find(([n]) => n === `${TRIVY}${key}`)?.[1];

/** Trivy's source package: SrcName + [SrcEpoch:]SrcVersion[-SrcRelease]. */
export function trivySource(props: readonly Property[]): SourcePackage | undefined {
  const name = get(props, 'SrcName');
  if (name === undefined) return undefined;
  const epoch = get(props, 'SrcEpoch');
  const release = get(props, 'SrcRelease');
  let version = get(props, 'SrcVersion') ?? '';
  if (release) version = `${version}-${release}`;
  if (epoch && epoch !== '0') version = `${epoch}:${version}`;
  return { name, version };
}

/** SPDX `sourceInfo` as Trivy and drydock write it: `built package from: <name> <version>`. */
export function sourceFromSpdxSourceInfo(text: string | undefined): SourcePackage | undefined {
  const m = text === undefined ? null : /^built package from: (\S+)(?: (\S+))?\s*$/.exec(text);
  return m ? { name: m[1] ?? '', version: m[2] ?? '' } : undefined;
}
