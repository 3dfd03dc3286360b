/**
 * The real Debian sample in ../shared/vulndata/debian (see its README for provenance and caveats),
 * plus a mirror builder: a temporary directory laid out like the feed's URL paths whose entries are
 * symlinks into the shared sample (nothing is copied).
 */
import { readFileSync } from 'node:fs';
import { mkdir, mkdtemp, rm, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ImportSink } from '../../../src/vulndb/importer.js';
import type { Advisory, AffectedPackage } from '../../../src/vulndb/model.js';

export const DEBIAN = fileURLToPath(new URL('../../../../shared/vulndata/debian/', import.meta.url));

export const SAMPLE = {
  cveListExcerpt: join(DEBIAN, 'security-tracker-CVE-list-excerpt.txt'),
  dsaList: join(DEBIAN, 'security-tracker-CVEDB-mirror/data/DSA/list'),
  dlaList: join(DEBIAN, 'security-tracker-CVEDB-mirror/data/DLA/list'),
  config: join(DEBIAN, 'security-tracker-CVEDB-mirror/data/config.json'),
  vulnListRoot: join(DEBIAN, 'vuln-list-debian'),
  vulnListCveDir: join(DEBIAN, 'vuln-list-debian/tracker/CVE'),
  vulnListDsaDir: join(DEBIAN, 'vuln-list-debian/tracker/DSA'),
  distributions: join(DEBIAN, 'vuln-list-debian/tracker/distributions.json'),
  vunnelJson: join(DEBIAN, 'tracker-data-json-excerpts/vunnel-fixture-debian.json'),
  vunnelDsa: join(DEBIAN, 'tracker-data-json-excerpts/vunnel-fixture-DSA-list-excerpt.txt'),
  osvMockJson: join(DEBIAN, 'tracker-data-json-excerpts/osvdev-vulnfeeds-debian_security_tracker_mock.json'),
  osvParts: join(DEBIAN, 'osvdev-vulnfeeds-parts'),
} as const;

/** The eight CVEs whose vuln-list JSON is in the sample (README inventory). */
export const VULN_LIST_CVES = [
  'CVE-2011-3374',
  'CVE-2016-2781',
  'CVE-2023-4911',
  'CVE-2023-52425',
  'CVE-2024-0727',
  'CVE-2024-2961',
  'CVE-2024-3094',
  'CVE-2024-6387',
] as const;

export function vulnListCvePath(id: string): string {
  return join(SAMPLE.vulnListCveDir, id.slice(4, 8), `${id}.json`);
}

export function readText(path: string): string {
  return readFileSync(path, 'utf8');
}

/** An ImportSink that keeps everything (the store is another engineer's; this is the contract). */
export class CollectingSink implements ImportSink {
  readonly advisories: Advisory[] = [];
  readonly warnings: string[] = [];
  advisory(a: Advisory): void {
    this.advisories.push(a);
  }
  cve(): void {}
  kev(): void {}
  epss(): void {}
  warn(message: string): void {
    this.warnings.push(message);
  }
  byId(id: string): Advisory {
    const a = this.advisories.find((x) => x.id === id);
    if (!a) throw new Error(`no advisory ${id}`);
    return a;
  }
}

/** The affected entry of `adv` for (namespace, package), or a thrown error naming what is missing. */
export function affectedIn(adv: Advisory, namespace: string, name: string): AffectedPackage {
  const a = adv.affected.find((x) => x.namespace === namespace && x.name === name);
  if (!a) throw new Error(`${adv.id} has no ${namespace} ${name}`);
  return a;
}

/** `[introduced 0, fixed V]` → `{fixed: V}`; `[introduced 0, limit V]` → `{limit: V}`; none → `{}`. */
export function bounds(a: AffectedPackage): { fixed?: string; limit?: string } {
  const out: { fixed?: string; limit?: string } = {};
  for (const r of a.ranges) {
    for (const e of r.events) {
      if ('fixed' in e) out.fixed = e.fixed;
      if ('limit' in e) out.limit = e.limit;
    }
  }
  return out;
}

/** Mirror path → sample file or directory. */
export const FULL_MIRROR: Readonly<Record<string, string>> = {
  'tracker/data/json': SAMPLE.osvMockJson,
  'tracker/CVE': SAMPLE.vulnListCveDir,
  'tracker/DSA': SAMPLE.vulnListDsaDir,
  'tracker/distributions.json': SAMPLE.distributions,
  'data/CVE/list': SAMPLE.cveListExcerpt,
  'data/DSA/list': SAMPLE.dsaList,
  'data/DLA/list': SAMPLE.dlaList,
  'data/config.json': SAMPLE.config,
};

/** Build a mirror directory of symlinks; returns its path and a cleanup function. */
export async function makeMirror(layout: Readonly<Record<string, string>>): Promise<{ root: string; cleanup: () => Promise<void> }> {
  const root = await mkdtemp(join(tmpdir(), 'drydock-debian-'));
  for (const [rel, target] of Object.entries(layout)) {
    const p = join(root, rel);
    await mkdir(dirname(p), { recursive: true });
    await symlink(target, p);
  }
  return { root, cleanup: () => rm(root, { recursive: true, force: true }) };
}
