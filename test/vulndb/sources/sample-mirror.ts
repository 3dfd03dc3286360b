/**
 * The whole ../shared/vulndata sample laid out as the feeds publish it, in a temp directory that a
 * feed server serves (test/helpers/feed-server.ts). Per importer, the URL `db update` would use:
 *
 *   osv                 <url>osv/<Ecosystem>/all.zip      osv.dev's per-ecosystem zips (Go, npm, Maven,
 *                                                          PyPI), zipped by python3's zipfile from the
 *                                                          sample's OSV JSON (PyPA YAML → JSON, as osv.dev does)
 *   alpine-secdb        <url>secdb/                       v3.18/main.json … (secdb-reassembled)
 *   nodejs-security-wg  <url>nodejs/vuln/                 npm/index.json, core/index.json assembled from
 *                                                          the sample's per-record files (upstream's index shape)
 *   nvd                 <url>nvd/rest/json/cves           an API 2.0 page (route) of every sample CVE record
 *   kev                 <url>kev/known_exploited_vulnerabilities.json
 *   debian              <url>debian/                      tracker/data/json, data/DSA/list, data/DLA/list
 *   epss                (no sample: see the vulndata README)
 */
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import type { RouteAnswer } from '../../helpers/feed-server.js';
import { VULNDATA } from '../sqlite/real-records.js';

function walk(dir: string, test: (name: string) => boolean): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...walk(p, test));
    else if (test(name)) out.push(p);
  }
  return out;
}

/** A zip of `files` (flat, by base name) written by python3's zipfile module. */
function zip(target: string, files: string[]): void {
  const script = 'import sys, zipfile, os\nwith zipfile.ZipFile(sys.argv[1], "w", zipfile.ZIP_DEFLATED) as z:\n  for f in sys.argv[2:]: z.write(f, os.path.basename(f))\n';
  execFileSync('python3', ['-c', script, target, ...files]);
}

function indexOf(dir: string): string {
  const index: Record<string, unknown> = {};
  for (const f of walk(dir, (n) => /^\d+\.json$/.test(n))) index[basename(f, '.json')] = JSON.parse(readFileSync(f, 'utf8'));
  return JSON.stringify(index);
}

function nvdPage(): string {
  const files = walk(join(VULNDATA, 'nvd'), (n) => /^CVE-.*\.json$/.test(n));
  const vulnerabilities = files.map((f) => ({ cve: JSON.parse(readFileSync(f, 'utf8')) as unknown }));
  return JSON.stringify({
    resultsPerPage: vulnerabilities.length,
    startIndex: 0,
    totalResults: vulnerabilities.length,
    format: 'NVD_CVE',
    version: '2.0',
    timestamp: '2026-06-17T12:00:00.000',
    vulnerabilities,
  });
}

export interface SampleMirror {
  root: string;
  /** Answers the paths that are not files (the NVD API). */
  route: (path: string, query: URLSearchParams) => RouteAnswer | undefined;
  /** importer id → feed locations under the server's base URL. */
  locations(baseUrl: string): Record<string, string[]>;
}

export function makeSampleMirror(dir: string): SampleMirror {
  const root = join(dir, 'mirror');
  const osvDir = join(dir, 'osv-json');
  mkdirSync(osvDir, { recursive: true });
  const ecosystems: Record<string, string[]> = {
    Go: walk(join(VULNDATA, 'go'), (n) => n.endsWith('.json')),
    npm: walk(join(VULNDATA, 'npm', 'ghsa-osv'), (n) => n.endsWith('.json')),
    Maven: walk(join(VULNDATA, 'maven', 'ghsa-osv'), (n) => n.endsWith('.json')),
    PyPI: walk(join(VULNDATA, 'pypi', 'pypa-advisory-database', 'vulns'), (n) => n.endsWith('.yaml')).map((f) => {
      const out = join(osvDir, `${basename(f, '.yaml')}.json`);
      writeFileSync(out, JSON.stringify(parseYaml(readFileSync(f, 'utf8'))));
      return out;
    }),
  };
  for (const [eco, files] of Object.entries(ecosystems)) {
    mkdirSync(join(root, 'osv', eco), { recursive: true });
    zip(join(root, 'osv', eco, 'all.zip'), files);
  }
  cpSync(join(VULNDATA, 'alpine', 'secdb-reassembled'), join(root, 'secdb'), { recursive: true });
  for (const sub of ['npm', 'core']) {
    mkdirSync(join(root, 'nodejs', 'vuln', sub), { recursive: true });
    writeFileSync(join(root, 'nodejs', 'vuln', sub, 'index.json'), indexOf(join(VULNDATA, 'npm', 'nodejs-security-wg', 'vuln', sub)));
  }
  mkdirSync(join(root, 'kev'), { recursive: true });
  cpSync(join(VULNDATA, 'enrichment', 'cisa-kev', 'known_exploited_vulnerabilities.json'), join(root, 'kev', 'known_exploited_vulnerabilities.json'));
  mkdirSync(join(root, 'debian', 'tracker', 'data'), { recursive: true });
  cpSync(join(VULNDATA, 'debian', 'tracker-data-json-excerpts', 'osvdev-vulnfeeds-debian_security_tracker_mock.json'), join(root, 'debian', 'tracker', 'data', 'json'));
  cpSync(join(VULNDATA, 'debian', 'security-tracker-CVEDB-mirror', 'data'), join(root, 'debian', 'data'), { recursive: true });
  const page = nvdPage();
  return {
    root,
    route: (path) => (path === 'nvd/rest/json/cves/2.0' ? { body: page, headers: { 'content-type': 'application/json', etag: '"nvd-page-1"' } } : undefined),
    locations: (url) => ({
      osv: Object.keys(ecosystems).map((eco) => `${url}osv/${eco}/all.zip`),
      'alpine-secdb': [`${url}secdb/`],
      'nodejs-security-wg': [`${url}nodejs/vuln/`],
      nvd: [`${url}nvd/rest/json/cves`],
      kev: [`${url}kev/known_exploited_vulnerabilities.json`],
      debian: [`${url}debian/`],
    }),
  };
}
