import { PackageURL } from 'packageurl-js';
import { errorMessage } from '../core/errors.js';
import { PACKAGE_TYPES, type PackageType, type SourcePackage } from '../core/package.js';

/** What a purl says about a package, in drydock's terms. */
export interface PurlFacts {
  type: PackageType;
  /** drydock's package name: npm `@scope/name`, maven `group:artifact`, golang/composer `ns/name`, else the name. */
  name: string;
  version?: string;
  arch?: string;
  /** The `epoch` qualifier (rpm), when it is a plain number. */
  epoch?: number;
  /** The `upstream` qualifier as a source package (`name`, `name@version` or an rpm `n-v-r.src.rpm`). */
  upstream?: SourcePackage;
}

const KNOWN_TYPES: ReadonlySet<string> = new Set(PACKAGE_TYPES);

function isPackageType(t: string): t is PackageType {
  return KNOWN_TYPES.has(t);
}

function drydockName(type: PackageType, namespace: string | undefined, name: string): string {
  if (namespace === undefined || namespace === '') return name;
  switch (type) {
    case 'maven':
      return `${namespace}:${name}`;
    case 'npm':
    case 'golang':
    case 'composer':
    case 'generic':
      return `${namespace}/${name}`;
    default:
      return name; // deb/apk/rpm: the namespace is the distribution vendor
  }
}

function upstreamOf(value: string | undefined): SourcePackage | undefined {
  if (value === undefined || value === '') return undefined;
  if (value.endsWith('.src.rpm')) {
    const m = /^(.+)-([^-]+)-([^-]+)\.src\.rpm$/.exec(value);
    return m ? { name: m[1] ?? '', version: `${m[2] ?? ''}-${m[3] ?? ''}` } : undefined;
  }
  const at = value.indexOf('@');
  return at > 0 ? { name: value.slice(0, at), version: value.slice(at + 1) } : { name: value, version: '' };
}

/** Parse a purl; a string result is the reason it cannot become a drydock package. */
export function purlFacts(purl: string): PurlFacts | string {
  let p: PackageURL;
  try {
    p = PackageURL.fromString(purl);
  } catch (err) {
    return `purl "${purl}" is invalid: ${errorMessage(err)}`;
  }
  if (!isPackageType(p.type)) return `purl type "${p.type}" is not one drydock handles (${PACKAGE_TYPES.join(', ')})`;
  const q = p.qualifiers ?? {};
  const facts: PurlFacts = { type: p.type, name: drydockName(p.type, p.namespace, p.name) };
  if (p.version) facts.version = p.version;
  if (q.arch) facts.arch = q.arch;
  if (q.epoch !== undefined && /^\d{1,9}$/.test(q.epoch)) facts.epoch = Number(q.epoch);
  const upstream = upstreamOf(q.upstream);
  if (upstream) facts.upstream = upstream;
  return facts;
}
