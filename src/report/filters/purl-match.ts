import { createRequire } from 'node:module';
import type { PackageURL as PackageURLClass } from 'packageurl-js';

/** packageurl-js builds sizeable tables when loaded: load it on first use. */
let purlClass: typeof PackageURLClass | undefined;
function PackageURL(): typeof PackageURLClass {
  purlClass ??= (createRequire(import.meta.url)('packageurl-js') as { PackageURL: typeof PackageURLClass }).PackageURL;
  return purlClass;
}

/** The parts of a purl that matching looks at, normalised by packageurl-js. */
export interface PurlParts {
  type: string;
  namespace: string;
  name: string;
  version: string;
  qualifiers: Readonly<Record<string, string>>;
  subpath: string;
}

/** Parse a purl; undefined when it is not one (callers decide whether that is an error). */
export function parsePurl(text: string): PurlParts | undefined {
  if (!text.startsWith('pkg:')) return undefined;
  try {
    const p = PackageURL().fromString(text);
    const qualifiers: Record<string, string> = {};
    for (const [k, v] of Object.entries(p.qualifiers ?? {})) if (typeof v === 'string') qualifiers[k] = v;
    return {
      type: p.type.toLowerCase(),
      namespace: p.namespace ?? '',
      name: p.name,
      version: p.version ?? '',
      qualifiers,
      subpath: p.subpath ?? '',
    };
  } catch {
    return undefined;
  }
}

/**
 * Does `target` (a scanned package's purl) fall under `constraint` (a purl in an ignore file or a VEX
 * statement)? The rules OpenVEX's reference implementation and Trivy share: type, namespace and name
 * must be equal; a constraint without a version matches every version; every qualifier the
 * constraint states must be on the target with the same value (the target may have more); a
 * constraint subpath must be equal. Version *ranges* (`vers:`) are not interpreted.
 */
export function purlMatches(constraint: PurlParts, target: PurlParts): boolean {
  if (constraint.type !== target.type || constraint.namespace !== target.namespace || constraint.name !== target.name) return false;
  if (constraint.version !== '' && constraint.version !== target.version) return false;
  if (constraint.subpath !== '' && constraint.subpath !== target.subpath) return false;
  for (const [k, v] of Object.entries(constraint.qualifiers)) if (target.qualifiers[k] !== v) return false;
  return true;
}
