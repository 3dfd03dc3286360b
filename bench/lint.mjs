// Issue 5 benchmark, run by bench/run.mjs: Dockerfiles linted per second on one core after warm-up,
// including RUN parsing (tree-sitter-bash) and every in-process rule. ShellCheck is an external
// program Hadolint also runs; it is timed separately (info).
// Method: one `drydock lint` process over N = 2,000 files and one over 3N; the rate is 2N / (t(3N) - t(N)),
// which cancels process start-up, module loading and JIT warm-up. Pinned to one core with taskset.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A small deterministic PRNG (mulberry32). */
function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const BASES = ['debian:12-slim', 'ubuntu:22.04', 'alpine:3.20', 'python:3.12-slim', 'node:20-bookworm', 'golang:1.22', 'eclipse-temurin:21-jre', 'nginx:1.27'];
const PKGS = ['curl', 'ca-certificates', 'git', 'openssl', 'tzdata', 'jq', 'unzip', 'gnupg', 'libpq-dev', 'build-essential'];

/** A typical ~40-line Dockerfile: two stages, package installs, copies, env, labels, a user, a healthcheck. */
export function typicalDockerfile(rand) {
  const pick = (xs) => xs[Math.floor(rand() * xs.length)];
  const pkgs = () => Array.from({ length: 2 + Math.floor(rand() * 4) }, () => pick(PKGS)).join(' ');
  const base = pick(BASES);
  const alpine = base.startsWith('alpine');
  const install = alpine ? `apk add --no-cache ${pkgs()}` : `apt-get update \\\n    && apt-get install -y --no-install-recommends ${pkgs()} \\\n    && rm -rf /var/lib/apt/lists/*`;
  const lines = [
    '# syntax=docker/dockerfile:1',
    `ARG BASE=${base}`,
    'FROM ${BASE} AS build',
    'WORKDIR /src',
    `ENV APP_ENV=production PORT=${8000 + Math.floor(rand() * 1000)}`,
    `RUN ${install}`,
    'COPY package.json requirements.txt ./',
    `RUN --mount=type=cache,target=/root/.cache pip install --no-cache-dir -r requirements.txt || true`,
    'COPY . .',
    `RUN make build VERSION=${Math.floor(rand() * 100)} && strip bin/app | tee build.log`,
    'RUN set -eux; \\',
    '    for f in bin/*; do \\',
    '      chmod 0755 "$f"; \\',
    '    done',
    '',
    `FROM ${base}`,
    'LABEL org.opencontainers.image.source="https://example.com/app" \\',
    '      org.opencontainers.image.licenses="Apache-2.0" \\',
    `      org.opencontainers.image.version="1.${Math.floor(rand() * 20)}.0"`,
    `RUN ${install}`,
    'RUN groupadd -r app && useradd -r -g app -l -u 10001 app',
    'WORKDIR /app',
    'COPY --from=build --chown=app:app /src/bin/ /app/bin/',
    'COPY --chmod=0644 config.yaml /app/config.yaml',
    `ENV PATH="/app/bin:$PATH" LOG_LEVEL=${pick(['info', 'debug', 'warn'])}`,
    'RUN <<EOF',
    'set -e',
    'mkdir -p /app/data',
    'chown app:app /app/data',
    'EOF',
    `EXPOSE ${8000 + Math.floor(rand() * 1000)}`,
    'VOLUME ["/app/data"]',
    'USER app',
    'HEALTHCHECK --interval=30s --timeout=3s CMD ["/app/bin/app", "health"]',
    'STOPSIGNAL SIGTERM',
    'ENTRYPOINT ["/app/bin/app"]',
    'CMD ["serve", "--port", "8080"]',
  ];
  return `${lines.join('\n')}\n`;
}

function timeLint(bin, files, shellcheck = false) {
  const taskset = existsSync('/usr/bin/taskset') ? ['/usr/bin/taskset', '-c', '0'] : [];
  const args = [...taskset, process.execPath, bin, 'lint', ...(shellcheck ? [] : ['--no-shellcheck']), '--no-fail', '-f', 'json', '-o', '/dev/null', ...files];
  const t = performance.now();
  const r = spawnSync(args[0], args.slice(1), { encoding: 'utf8', maxBuffer: 1 << 28 });
  const seconds = (performance.now() - t) / 1000;
  if (r.status !== 0) throw new Error(`drydock lint failed (${r.status}):\n${r.stderr}`);
  return seconds;
}

export function lintBench({ bin, runs }) {
  const dir = mkdtempSync(join(tmpdir(), 'drydock-bench-lint-'));
  try {
    const n = 2000;
    const rand = prng(42);
    const files = [];
    for (let i = 0; i < 3 * n; i++) {
      const d = join(dir, String(i));
      mkdirSync(d);
      const f = join(d, 'Dockerfile');
      writeFileSync(f, typicalDockerfile(rand));
      files.push(f);
    }
    const rates = [];
    for (let i = 0; i < Math.max(runs, 3); i++) {
      const small = timeLint(bin, files.slice(0, n));
      const large = timeLint(bin, files);
      rates.push((2 * n) / (large - small));
    }
    rates.sort((a, b) => a - b);
    const rate = rates[Math.floor(rates.length / 2)];
    // ShellCheck on the same files (one process for all scripts): info only.
    const scSeconds = timeLint(bin, files.slice(0, 200), true);
    return [
      { name: 'lint: ms per typical 40-line Dockerfile, one core, warm (target >= 2,000 files/s)', value: 1000 / rate, target: 0.5, detail: `${rate.toFixed(0)} files/s; runs: ${rates.map((r) => r.toFixed(0)).join(' ')}` },
      { name: 'lint: 200 files with ShellCheck, seconds (info)', value: scSeconds, target: Infinity, detail: 'one shellcheck process for all RUN scripts' },
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
