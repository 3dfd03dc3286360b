// Issue 4 benchmarks, run by bench/run.mjs:
//  - matching a 1,000-package inventory against a DB holding the whole ../shared/vulndata sample:
//    the scan's `match` phase (DRYDOCK_TIMINGS), after the DB is open (target <= 50 ms)
//  - importing a large OSV all.zip (200k records synthesised from the sample's real records by
//    bench/make-osv-zip.py): records/s, and DB bytes per advisory (target: below trivy.db's ~1.9 KB,
//    see docs/vulndb.md)
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** The sample feeds, as `--feed KIND=PATH` (paths under ../shared/vulndata). */
const SAMPLE_FEEDS = [
  ['alpine-secdb', 'alpine/secdb-reassembled'],
  ['debian', 'debian/vuln-list-debian'],
  ['osv', 'npm/ghsa-osv'],
  ['osv', 'maven/ghsa-osv'],
  ['osv', 'pypi/pypa-advisory-database'],
  ['osv', 'go/golang-vulndb'],
  ['nodejs-security-wg', 'npm/nodejs-security-wg'],
  ['nvd', 'nvd/fkie-cad-nvd-json-data-feeds'],
  ['kev', 'enrichment/cisa-kev/known_exploited_vulnerabilities.json'],
];

function run(bin, args, env = {}) {
  const r = spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8', maxBuffer: 1 << 30, env: { ...process.env, ...env } });
  if (r.status !== 0) throw new Error(`drydock ${args.join(' ')} failed (${r.status}):\n${r.stderr}`);
  return r;
}

/** A CycloneDX SBOM of 1,000 components: the Debian fixture's packages plus npm/PyPI/Go packages named like the sample's advisories. */
export function thousandPackageSbom(bin, root, fixtures, vulndata, out) {
  const sbom = JSON.parse(run(bin, ['sbom', `oci:${join(fixtures, 'debian', 'oci')}`, '-q', '-f', 'cyclonedx-json']).stdout);
  const npm = readdirSync(join(vulndata, 'npm/nodejs-security-wg/vuln/npm')).map((f) => JSON.parse(readFileSync(join(vulndata, 'npm/nodejs-security-wg/vuln/npm', f), 'utf8')).module_name);
  const pypi = readdirSync(join(vulndata, 'pypi/pypa-advisory-database/vulns'));
  const go = readdirSync(join(vulndata, 'go/golang-vulndb/data/osv')).flatMap((f) => JSON.parse(readFileSync(join(vulndata, 'go/golang-vulndb/data/osv', f), 'utf8')).affected.map((a) => a.package.name));
  const names = [...[...new Set(npm.filter((n) => typeof n === 'string'))].map((n) => ['npm', n]), ...pypi.map((n) => ['pypi', n]), ...[...new Set(go)].filter((n) => n !== 'stdlib' && n !== 'toolchain').map((n) => ['golang', n])];
  for (let i = 0; sbom.components.length < 1000; i++) {
    const [type, name] = names[i % names.length];
    const version = type === 'golang' ? `v0.${i % 13}.${i % 7}` : `${i % 5}.${i % 11}.${i % 3}`;
    const purlName = name.startsWith('@') ? `%40${name.slice(1)}` : name;
    sbom.components.push({ type: 'library', 'bom-ref': `bench-${i}`, name, version, purl: `pkg:${type}/${purlName}@${version}` });
  }
  writeFileSync(out, JSON.stringify(sbom));
  return sbom.components.length;
}

export function vulnBench({ root, fixtures, bin, runs, timed }) {
  const vulndata = join(root, '..', 'shared', 'vulndata');
  const dir = mkdtempSync(join(tmpdir(), 'drydock-bench-vuln-'));
  try {
    const db = join(dir, 'sample.db');
    run(bin, ['db', 'build', '--db', db, '-q', ...SAMPLE_FEEDS.flatMap(([k, p]) => ['--feed', `${k}=${join(vulndata, p)}`])]);
    const sbomPath = join(dir, 'thousand.cdx.json');
    const count = thousandPackageSbom(bin, root, fixtures, vulndata, sbomPath);
    const matchMs = [];
    let findings = 0;
    for (let i = 0; i < Math.max(runs, 5); i++) {
      const r = run(bin, ['scan', `sbom:${sbomPath}`, '--db', db, '-f', 'json', '-o', join(dir, 'scan.json')], { DRYDOCK_TIMINGS: '1' });
      const m = /timings (\{.*\})/.exec(r.stderr);
      if (!m) throw new Error(`no timings in scan output:\n${r.stderr}`);
      matchMs.push(JSON.parse(m[1]).match);
      findings = JSON.parse(readFileSync(join(dir, 'scan.json'), 'utf8')).findings.length;
    }

    const zip = join(fixtures, 'bench-osv-200k.zip');
    if (!existsSync(zip)) {
      process.stderr.write(`synthesising a 200,000-record OSV zip in ${zip} ...\n`);
      execFileSync('/usr/bin/python3', [join(root, 'bench/make-osv-zip.py'), zip, '200000'], { stdio: ['ignore', 'ignore', 'inherit'] });
    }
    const big = join(dir, 'osv.db');
    const t = timed(process.execPath, [bin, 'db', 'build', '--db', big, '-q', '--feed', `osv=${zip}`]);
    const advisories = JSON.parse(run(bin, ['db', 'status', '--db', big, '--format', 'json']).stdout).feeds[0].advisories;
    const bytesPer = statSync(big).size / advisories;
    return [
      { name: `match ${count} packages vs whole sample (ms, ${findings} findings)`, value: median(matchMs), target: 50, detail: `runs: ${matchMs.map((x) => x.toFixed(0)).join(' ')}` },
      { name: 'OSV 200k import: DB bytes per advisory', value: bytesPer, target: 1900, detail: `${(statSync(big).size / 2 ** 20).toFixed(0)} MB` },
      { name: 'OSV 200k import: records/s (info)', value: advisories / t.seconds, target: Infinity, detail: `${t.seconds.toFixed(1)} s, peak RSS ${t.rssMb.toFixed(0)} MB` },
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
