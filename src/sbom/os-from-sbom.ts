import type { OsFamily, OsInfo } from '../core/inventory.js';
import { setIf } from './optional.js';
import { PROP, type Property } from './properties.js';

const FAMILIES: readonly OsFamily[] = [
  'debian', 'ubuntu', 'alpine', 'wolfi', 'chainguard', 'rhel', 'centos', 'rocky', 'alma', 'fedora', 'amazon',
  'oracle', 'sles', 'opensuse-leap', 'opensuse-tumbleweed', 'photon', 'azurelinux', 'cbl-mariner', 'unknown',
];

/** Names other tools use for an OS (os-release IDs, Trivy's family names) → drydock's family. */
const ALIASES: Readonly<Record<string, OsFamily>> = {
  redhat: 'rhel',
  almalinux: 'alma',
  rockylinux: 'rocky',
  amzn: 'amazon',
  ol: 'oracle',
  oraclelinux: 'oracle',
  'suse linux enterprise server': 'sles',
  'sles_sap': 'sles',
  'opensuse.leap': 'opensuse-leap',
  'opensuse.tumbleweed': 'opensuse-tumbleweed',
  mariner: 'cbl-mariner',
  azurelinux: 'azurelinux',
};

function isFamily(value: string): value is OsFamily {
  return (FAMILIES as readonly string[]).includes(value);
}

export function osFamilyOf(id: string): OsFamily {
  const key = id.trim().toLowerCase();
  if (isFamily(key)) return key;
  return ALIASES[key] ?? 'unknown';
}

/** An OS component / package of an SBOM (name = os id) with drydock's os properties when present. */
export function osFromSbom(id: string, version: string | undefined, description: string | undefined, props: readonly Property[]): OsInfo {
  const get = (name: string): string | undefined => props.find(([n]) => n === name)?.[1];
  const family = get(PROP.osFamily);
  const os: OsInfo = {
    family: family !== undefined && isFamily(family) ? family : osFamilyOf(id),
    name: get(PROP.osName) ?? id,
    id: id.toLowerCase(),
    version: version ?? '',
    evidence: props.filter(([n]) => n === PROP.osEvidence).map(([, v]) => v),
  };
  setIf(os, 'prettyName', get(PROP.osPrettyName) ?? description);
  setIf(os, 'codename', get(PROP.osCodename));
  setIf(os, 'detailedVersion', get(PROP.osDetailedVersion));
  const distroless = get(PROP.osDistroless);
  if (distroless !== undefined) os.distroless = distroless === 'true';
  const eolDate = get(PROP.osEolDate);
  if (eolDate !== undefined) os.eol = { date: eolDate, reached: get(PROP.osEolReached) === 'true' };
  return os;
}
