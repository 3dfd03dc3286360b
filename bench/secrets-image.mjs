#!/usr/bin/env node
// Secret scanning of a whole image (issue 6), run by bench/run.mjs: `drydock scan --scanners secret`
// of the Debian fixture against `drydock scan --scanners vuln` of the same image (against an advisory DB
// built from the Debian sample of ../shared/vulndata), both cold (empty layer cache), alternately, RUNS
// times each; reported: median(secret) / median(vuln), target <= 1.3.
//   node bench/secrets-image.mjs [oci-dir]   (default: .fixtures/debian/oci; needs `npm run build`)
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const BIN = join(ROOT, 'bin', 'drydock.js');
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

function run(args) {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', maxBuffer: 1 << 30 });
  if (r.status !== 0) throw new Error(`drydock ${args.join(' ')} failed (${r.status}):\n${r.stderr}`);
  return r;
}

/** For bench/run.mjs: `timed(cmd, args)` → { seconds, rssMb }. */
export async function secretsImageBench({ ociDir, runs, timed }) {
  const dir = mkdtempSync(join(tmpdir(), 'drydock-bench-secrets-image-'));
  try {
    const db = join(dir, 'debian.db');
    run(['db', 'build', '--db', db, '-q', '--feed', `debian=${join(ROOT, '..', 'shared', 'vulndata', 'debian', 'vuln-list-debian')}`]);
    const modes = { secret: ['--scanners', 'secret'], vuln: ['--scanners', 'vuln', '--db', db] };
    const times = { secret: [], vuln: [] };
    const rss = { secret: 0, vuln: 0 };
    for (let i = 0; i < Math.max(runs, 3); i++) {
      for (const mode of i % 2 === 0 ? ['vuln', 'secret'] : ['secret', 'vuln']) {
        const cache = mkdtempSync(join(tmpdir(), 'drydock-bench-cache-'));
        const r = timed(process.execPath, [BIN, 'scan', `oci:${ociDir}`, ...modes[mode], '-q', '-f', 'json', '-o', '/dev/null', '--cache-dir', cache]);
        times[mode].push(r.seconds);
        rss[mode] = Math.max(rss[mode], r.rssMb);
        rmSync(cache, { recursive: true, force: true });
      }
    }
    const secret = median(times.secret);
    const vuln = median(times.vuln);
    return [
      {
        name: 'debian cold scan --scanners secret / --scanners vuln (target <= 1.3)',
        value: secret / vuln,
        target: 1.3,
        detail: `${secret.toFixed(2)} s vs ${vuln.toFixed(2)} s; peak RSS ${rss.secret.toFixed(0)} vs ${rss.vuln.toFixed(0)} MB`,
      },
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function timedLocal(cmd, args) {
  const r = spawnSync('/usr/bin/time', ['-f', '%e %M', cmd, ...args], { encoding: 'utf8', maxBuffer: 1 << 30 });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed:\n${r.stderr}`);
  const [secs, kb] = r.stderr.trim().split('\n').pop().split(' ').map(Number);
  return { seconds: secs, rssMb: kb / 1024 };
}

if (fileURLToPath(import.meta.url) === process.argv[1]) {
  const ociDir = process.argv[2] ?? join(ROOT, '.fixtures', 'debian', 'oci');
  for (const r of await secretsImageBench({ ociDir, runs: Number(process.env.BENCH_RUNS ?? 5), timed: timedLocal })) {
    process.stdout.write(`${r.name}: ${r.value.toFixed(3)} — ${r.detail}\n`);
  }
}
