#!/usr/bin/env node
// Secret-scanning throughput (issue 6): `node bench/secrets.mjs [MB]` (default 100).
//  - corpus: ~MB of real text from this machine, read-only: the repo's node_modules (JS/TS/JSON/
//    Markdown), /usr/lib/python3 (Python), /usr/share (docs, data), /etc (configs); binary files are
//    left out (the scanner skips them after an 8 KB sniff). Deterministic: directories in sorted order.
//  - every file is scanned under a neutral path (no known-safe path skips it), with drydock's built-in
//    rules; after a warm-up pass over the first 10 MB, one timed pass over all of it, pinned to one core
//    (taskset) in a child process. Reported: MB/s by CPU time (the machine may be shared) and by wall
//    time; the keyword prefilter alone; and gitleaks' default config loaded through gitleaks-toml.ts.
// Export `secretsBench` for bench/run.mjs: ms per MB (target <= 5, i.e. >= 200 MB/s).
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const SHARED = join(ROOT, '../shared/conformance/secrets');

/** Text files under `dir` (sorted walk) until `budget` bytes. */
function collect(dir, budget, isBinary, out) {
  let used = 0;
  const walk = (d) => {
    let entries;
    try {
      entries = readdirSync(d, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1));
    } catch {
      return;
    }
    for (const e of entries) {
      if (used >= budget) return;
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.isFile()) {
        let buf;
        try {
          buf = readFileSync(p);
        } catch {
          continue;
        }
        if (buf.length === 0 || buf.length > 8 * 2 ** 20 || isBinary(buf)) continue;
        out.push(buf);
        used += buf.length;
      }
    }
  };
  walk(dir);
  return used;
}

function cpuSeconds(f) {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const result = f();
  const c = process.cpuUsage(c0);
  return { cpu: (c.user + c.system) / 1e6, wall: (performance.now() - t0) / 1000, result };
}

async function worker(bundle, mb) {
  const S = await import(pathToFileURL(bundle).href);
  const files = [];
  const total = mb * 1e6;
  // shares of the total; /usr/share, last, fills whatever the others could not
  const parts = [
    [join(ROOT, 'node_modules'), 0.4],
    ['/usr/lib/python3', 0.3],
    ['/etc', 0.05],
    ['/usr/share', 1],
  ];
  let left = total;
  const composition = parts.map(([dir, share]) => {
    const used = collect(dir, Math.min(left, total * share), S.isProbablyBinary, files);
    left -= used;
    return [dir, used];
  });
  const bytes = files.reduce((n, f) => n + f.length, 0);
  const builtin = S.compileRules(S.SECRET_RULES, { allowlists: S.BUILTIN_ALLOWLISTS });
  const scanAll = (rules, list) => {
    let hits = 0;
    list.forEach((f, i) => (hits += S.scanContent(f, `data/file-${i}.txt`, rules).length));
    return hits;
  };
  let warm = 0;
  const warmup = files.filter((f) => (warm += f.length) < 10e6);
  scanAll(builtin, warmup);
  const run = cpuSeconds(() => scanAll(builtin, files));
  const prefilter = cpuSeconds(() => files.forEach((f) => builtin.matcher.scan(f)));
  const toml = S.parseGitleaksToml(readFileSync(join(SHARED, 'gitleaks-default-config.toml'), 'utf8'), 'gitleaks.toml');
  const gitleaks = S.compileRules(toml.rules, { allowlists: toml.allowlists });
  scanAll(gitleaks, warmup);
  const gl = cpuSeconds(() => scanAll(gitleaks, files));
  const rate = (s) => bytes / 1e6 / s;
  process.stdout.write(
    JSON.stringify({
      bytes,
      files: files.length,
      composition: Object.fromEntries(composition.map(([d, n]) => [d, n])),
      builtin: { cpuMBs: rate(run.cpu), wallMBs: rate(run.wall), hits: run.result, rules: S.SECRET_RULES.length },
      prefilter: { cpuMBs: rate(prefilter.cpu), keywords: builtin.matcher.keywords.length },
      gitleaksDefault: { cpuMBs: rate(gl.cpu), wallMBs: rate(gl.wall), hits: gl.result, rules: toml.rules.length },
    }),
  );
}

async function bundleScanner(dir) {
  const out = join(dir, 'secrets.mjs');
  const entry = ['scanner.ts', 'gitleaks-toml.ts', 'rules/index.ts'].map((f) => `export * from ${JSON.stringify(join(ROOT, 'src/secrets', f))};`).join('\n');
  await build({ stdin: { contents: entry, resolveDir: ROOT, loader: 'ts' }, bundle: true, platform: 'node', format: 'esm', outfile: out, logLevel: 'warning' });
  return out;
}

/** Measure in a child process on one core; returns the worker's JSON. */
export async function measureSecrets(mb = 100) {
  const dir = mkdtempSync(join(tmpdir(), 'drydock-bench-secrets-'));
  try {
    const bundle = await bundleScanner(dir);
    const taskset = existsSync('/usr/bin/taskset') ? ['/usr/bin/taskset', '-c', '0'] : [];
    const args = [...taskset, process.execPath, fileURLToPath(import.meta.url), '--worker', bundle, String(mb)];
    const r = spawnSync(args[0], args.slice(1), { encoding: 'utf8', maxBuffer: 1 << 26 });
    if (r.status !== 0) throw new Error(`secrets bench worker failed (${r.status}):\n${r.stderr}`);
    return JSON.parse(r.stdout);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** For bench/run.mjs: ms per MB of text with the built-in rules (target <= 5 ms/MB = 200 MB/s). */
export async function secretsBench({ mb = 100 } = {}) {
  const m = await measureSecrets(mb);
  return [
    {
      name: 'secrets: ms per MB of text, built-in rules, one core (target >= 200 MB/s)',
      value: 1000 / m.builtin.cpuMBs,
      target: 5,
      detail: `${m.builtin.cpuMBs.toFixed(0)} MB/s CPU, ${m.builtin.wallMBs.toFixed(0)} MB/s wall over ${(m.bytes / 1e6).toFixed(0)} MB, ${m.files} files`,
    },
    { name: 'secrets: keyword prefilter alone, MB/s (info)', value: m.prefilter.cpuMBs, target: Infinity, detail: `${m.prefilter.keywords} keywords` },
    { name: "secrets: gitleaks' default config (222 rules), MB/s (info)", value: m.gitleaksDefault.cpuMBs, target: Infinity, detail: '' },
  ];
}

if (process.argv[2] === '--worker') {
  await worker(process.argv[3], Number(process.argv[4]));
} else if (fileURLToPath(import.meta.url) === process.argv[1]) {
  const m = await measureSecrets(Number(process.argv[2] ?? 100));
  process.stdout.write(`${JSON.stringify(m, null, 2)}\n`);
  process.stdout.write(`built-in rules: ${m.builtin.cpuMBs.toFixed(0)} MB/s (CPU time), ${m.builtin.wallMBs.toFixed(0)} MB/s (wall), target 200\n`);
}
