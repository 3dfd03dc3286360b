#!/usr/bin/env node
// drydock benchmarks (`npm run bench`): speed and memory as ratios measured in one run on this machine.
//  - cold `drydock sbom` of the Debian fixture / time to only gunzip its layer blobs (target <= 1.5)
//  - warm (every layer cached; median of the warm runs after a cold one) / cold (target <= 0.10)
//  - peak RSS of a cold scan of a ~2 GB image made of many files (target <= 250 MB)
//  - language-heavy images (a node_modules tree of ~1,900 packages, hundreds of nested jars):
//    cold scan / gunzip-only, and peak RSS
//  - vulnerabilities (bench/vuln.mjs): matching 1,000 packages, importing a 200k-record OSV zip
//  - Dockerfile lint (bench/lint.mjs): typical 40-line Dockerfiles per second on one core
//  - secrets (bench/secrets.mjs): scanning throughput on one core (target >= 200 MB/s); and
//    (bench/secrets-image.mjs) the Debian fixture inventoried with secret scanning / without (target <= 1.3)
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { lintBench } from './lint.mjs';
import { secretsBench } from './secrets.mjs';
import { secretsImageBench } from './secrets-image.mjs';
import { vulnBench } from './vuln.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const FIXTURES = process.env.DRYDOCK_FIXTURES_DIR ?? join(ROOT, '.fixtures');
const BIN = join(ROOT, 'bin/drydock.js');
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const WARM_RUNS = 3;
const BIG_MB = Number(process.env.BENCH_BIG_MB ?? 2048);

/** Run a command under /usr/bin/time: wall seconds and peak RSS (MB). */
function timed(cmd, args) {
  const r = spawnSync('/usr/bin/time', ['-f', '%e %M', cmd, ...args], { encoding: 'utf8', maxBuffer: 1 << 30 });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed:\n${r.stderr}`);
  const [secs, kb] = r.stderr.trim().split('\n').pop().split(' ').map(Number);
  return { seconds: secs, rssMb: kb / 1024 };
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

function layerBlobs(ociDir) {
  const index = JSON.parse(readFileSync(join(ociDir, 'index.json'), 'utf8'));
  const blob = (d) => join(ociDir, 'blobs', 'sha256', d.slice(7));
  const manifest = JSON.parse(readFileSync(blob(index.manifests[0].digest), 'utf8'));
  return manifest.layers.map((l) => blob(l.digest));
}

function gunzipOnly(blobs) {
  const script = blobs.map((b) => `gzip -dc '${b}' > /dev/null`).join(' && ');
  return median(Array.from({ length: RUNS }, () => timed('sh', ['-c', script]).seconds));
}

function scanArgs(ociDir, cacheDir) {
  return [BIN, 'sbom', `oci:${ociDir}`, '-q', '-f', 'json', '-o', '/dev/null', '--cache-dir', cacheDir];
}

function scan(ociDir, cacheDir) {
  return timed(process.execPath, scanArgs(ociDir, cacheDir));
}

/** Wall seconds of one run, timed here (/usr/bin/time's 10 ms steps are coarse for a warm run). */
function wall(ociDir, cacheDir) {
  const t = performance.now();
  const r = spawnSync(process.execPath, scanArgs(ociDir, cacheDir), { stdio: 'ignore' });
  if (r.status !== 0) throw new Error(`warm sbom of ${ociDir} failed (${r.status})`);
  return (performance.now() - t) / 1000;
}

/**
 * Per fresh cache dir: one cold run, then WARM_RUNS warm ones. The first warm run also writes the
 * code cache of a short run (src/cli/launch/code-cache.ts: a cold run leaves only the top-level one), so
 * it is reported on its own; "warm" is the median of all warm runs — what every later run costs.
 */
function coldAndWarm(ociDir) {
  const cold = [];
  const warm = [];
  const firstWarm = [];
  for (let i = 0; i < RUNS; i++) {
    const cache = mkdtempSync(join(tmpdir(), 'drydock-bench-'));
    try {
      cold.push(scan(ociDir, cache));
      for (let j = 0; j < WARM_RUNS; j++) {
        const s = wall(ociDir, cache);
        warm.push(s);
        if (j === 0) firstWarm.push(s);
      }
    } finally {
      rmSync(cache, { recursive: true, force: true });
    }
  }
  return {
    cold: median(cold.map((r) => r.seconds)),
    warm: median(warm),
    firstWarm: median(firstWarm),
    coldRssMb: Math.max(...cold.map((r) => r.rssMb)),
  };
}

function ensureBigImage() {
  const dir = join(FIXTURES, `bench-many-files-${BIG_MB}`);
  if (!existsSync(join(dir, 'index.json'))) {
    process.stderr.write(`generating a ${BIG_MB} MB image of many files in ${dir} ...\n`);
    rmSync(dir, { recursive: true, force: true });
    execFileSync('/usr/bin/python3', [join(ROOT, 'bench/make-big-image.py'), dir, String(BIG_MB), '4'], { stdio: 'inherit' });
  }
  return dir;
}

execFileSync(join(ROOT, 'scripts/fixtures/build.sh'), ['--only', 'debian', 'node-big', 'java-big'], { stdio: ['ignore', 'ignore', 'inherit'] });
const debian = join(FIXTURES, 'debian', 'oci');
const gz = gunzipOnly(layerBlobs(debian));
const deb = coldAndWarm(debian);
const big = ensureBigImage();
const bigGz = gunzipOnly(layerBlobs(big));
const bigRun = coldAndWarm(big);
/** Issue 3: language-heavy images, analysis time against decompression time. */
const langImages = ['node-big', 'java-big'].map((name) => {
  const dir = join(FIXTURES, name, 'oci');
  return { name, gz: gunzipOnly(layerBlobs(dir)), run: coldAndWarm(dir) };
});

/** What starting Node costs here (`node -e 0`), the floor under every warm run (NODE_EXTRA_CA_CERTS, say, adds ~35 ms). */
function nodeStart() {
  return median(
    Array.from({ length: 9 }, () => {
      const t = performance.now();
      spawnSync(process.execPath, ['-e', '0'], { stdio: 'ignore' });
      return (performance.now() - t) / 1000;
    }),
  );
}
const bareNode = nodeStart();

const results = [
  { name: 'debian cold sbom / gunzip-only', value: deb.cold / gz, target: 1.5, detail: `${deb.cold.toFixed(2)} s vs ${gz.toFixed(2)} s` },
  { name: 'debian warm / cold', value: deb.warm / deb.cold, target: 0.1, detail: `${deb.warm.toFixed(3)} s vs ${deb.cold.toFixed(2)} s (first warm run ${deb.firstWarm.toFixed(3)} s)` },
  { name: 'node start, `node -e 0` (s, info)', value: bareNode, target: Infinity, detail: `the part of a warm run that is Node's own; warm - node start = ${((deb.warm - bareNode) * 1000).toFixed(0)} ms` },
  { name: 'debian cold peak RSS (MB)', value: deb.coldRssMb, target: 250, detail: '' },
  { name: `${BIG_MB} MB image cold / gunzip-only`, value: bigRun.cold / bigGz, target: 1.5, detail: `${bigRun.cold.toFixed(2)} s vs ${bigGz.toFixed(2)} s` },
  { name: `${BIG_MB} MB image cold peak RSS (MB)`, value: bigRun.coldRssMb, target: 250, detail: '' },
  { name: `${BIG_MB} MB image warm / cold`, value: bigRun.warm / bigRun.cold, target: 0.1, detail: `${bigRun.warm.toFixed(3)} s vs ${bigRun.cold.toFixed(2)} s (first warm run ${bigRun.firstWarm.toFixed(3)} s)` },
  ...langImages.flatMap((l) => [
    { name: `${l.name} cold sbom / gunzip-only`, value: l.run.cold / l.gz, target: 1.5, detail: `${l.run.cold.toFixed(2)} s vs ${l.gz.toFixed(2)} s` },
    { name: `${l.name} cold peak RSS (MB)`, value: l.run.coldRssMb, target: 250, detail: '' },
  ]),
  ...vulnBench({ root: ROOT, fixtures: FIXTURES, bin: BIN, runs: RUNS, timed }),
  ...lintBench({ bin: BIN, runs: RUNS }),
  ...(await secretsBench()),
  ...(await secretsImageBench({ ociDir: debian, runs: RUNS, timed })),
];
let failed = 0;
for (const r of results) {
  const ok = r.value <= r.target;
  if (!ok) failed++;
  process.stdout.write(`${ok ? 'PASS' : 'MISS'}  ${r.name}: ${r.value.toFixed(3)} (target <= ${r.target}) ${r.detail}\n`);
}
process.stdout.write(`${JSON.stringify({ runs: RUNS, results })}\n`);
process.exitCode = failed ? 1 : 0;
