import { PackageURL } from 'packageurl-js';
import { isAppError } from '../core/errors.js';
import type { Inventory, OsInfo, SourceInfo } from '../core/inventory.js';
import { formatPlatform } from '../image/platform.js';
import { parseReference, type ImageReference } from '../image/reference.js';
import { PROP, type Property } from './properties.js';

/** How both writers describe the scanned image (the SBOM's subject) and its OS. */
export interface ImageSubject {
  name: string;
  /** The manifest digest, when the source has one. */
  version?: string;
  /** `pkg:oci/...` when the digest is known. */
  purl?: string;
  properties: Property[];
}

function referenceOf(source: SourceInfo): ImageReference | undefined {
  if (source.name === undefined) return undefined;
  try {
    return parseReference(source.name);
  } catch (err) {
    if (isAppError(err)) return undefined; // a name that is not a registry reference gets no repository_url
    throw err;
  }
}

/** `pkg:oci/<last repository component>@<digest>?arch=...&repository_url=<registry/repository>`. */
export function imagePurl(source: SourceInfo): string | undefined {
  if (source.digest === undefined) return undefined;
  const ref = referenceOf(source);
  const qualifiers: Record<string, string> = {};
  if (source.platform) qualifiers.arch = source.platform.architecture;
  if (ref) qualifiers.repository_url = `${ref.registry}/${ref.repository}`;
  const last = ref?.repository.split('/').pop() ?? 'image';
  return new PackageURL('oci', undefined, last, source.digest, qualifiers, undefined).toString();
}

export function osLabel(os: OsInfo): string {
  return os.prettyName ?? `${os.name} ${os.version}`.trim();
}

export function imageSubject(inv: Inventory): ImageSubject {
  const { source } = inv;
  const props: Property[] = [[PROP.imageReference, source.reference], [PROP.imageSourceKind, source.kind]];
  if (source.configDigest) props.push([PROP.imageConfigDigest, source.configDigest]);
  if (source.platform) props.push([PROP.imagePlatform, formatPlatform(source.platform)]);
  if (source.created) props.push([PROP.imageCreated, source.created]);
  if (inv.os) props.push([PROP.imageOs, osLabel(inv.os)]);
  for (const d of source.repoDigests ?? []) props.push([PROP.imageRepoDigest, d]);
  const subject: ImageSubject = { name: source.name ?? source.reference, properties: props };
  if (source.digest !== undefined) subject.version = source.digest;
  const purl = imagePurl(source);
  if (purl !== undefined) subject.purl = purl;
  return subject;
}

/** The OS facts that the component name (id) and version do not already carry. */
export function osProperties(os: OsInfo): Property[] {
  const props: Property[] = [
    [PROP.osFamily, os.family],
    [PROP.osName, os.name],
  ];
  if (os.prettyName !== undefined) props.push([PROP.osPrettyName, os.prettyName]);
  if (os.codename !== undefined) props.push([PROP.osCodename, os.codename]);
  if (os.detailedVersion !== undefined) props.push([PROP.osDetailedVersion, os.detailedVersion]);
  if (os.distroless !== undefined) props.push([PROP.osDistroless, String(os.distroless)]);
  if (os.eol) {
    props.push([PROP.osEolDate, os.eol.date], [PROP.osEolReached, String(os.eol.reached)]);
  }
  for (const e of os.evidence) props.push([PROP.osEvidence, e]);
  return props;
}
