/**
 * `drydock lint` end to end, in-process: file lookup, stdin, formats, Hadolint-style configuration
 * (.hadolint.yaml, HADOLINT_* env, flags), exit codes, `--fix` writing files byte for byte, and bad input.
 */
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync, chmodSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/drydock.js';

let dir: string;
const env = (extra: Record<string, string> = {}): Record<string, string | undefined> => ({ PATH: process.env['PATH'], HOME: dir, ...extra });

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'drydock-lint-cli-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const BAD = ['FROM debian:12', 'RUN apt-get update && apt-get install -y curl', 'ADD app.py /app/', 'USER root', ''].join('\n');
const CLEAN = ['FROM debian:12@sha256:' + 'a'.repeat(64), 'COPY app.py /app/', 'USER 10001', 'HEALTHCHECK CMD ["true"]', 'CMD ["/app/app.py"]', ''].join('\n');

interface HadolintJson {
  code: string;
  column: number;
  file: string;
  level: string;
  line: number;
  message: string;
}

describe('drydock lint', () => {
  it('lints ./Dockerfile by default and writes Hadolint-compatible JSON', async () => {
    writeFileSync(join(dir, 'Dockerfile'), BAD);
    const r = await runCli(['lint', '-f', 'json', '--no-shellcheck'], { cwd: dir, env: env() });
    expect(r.code).toBe(1);
    const out = JSON.parse(r.stdout) as HadolintJson[];
    expect(out.length).toBeGreaterThan(0);
    for (const f of out) expect(Object.keys(f)).toEqual(['code', 'column', 'file', 'level', 'line', 'message']);
    const codes = out.map((f) => f.code);
    expect(codes).toEqual(expect.arrayContaining(['DL3008', 'DL3009', 'DL3015', 'DL3020', 'DL3002']));
    const add = out.find((f) => f.code === 'DL3020');
    expect(add).toMatchObject({ file: 'Dockerfile', line: 3, level: 'error' });
  });

  it('reads standard input with "-" and names it as --file-path-in-report says', async () => {
    const r = await runCli(['lint', '-', '-f', 'json', '--no-shellcheck', '--file-path-in-report', 'app/Dockerfile'], { cwd: dir, env: env(), stdin: BAD });
    const out = JSON.parse(r.stdout) as HadolintJson[];
    expect(new Set(out.map((f) => f.file))).toEqual(new Set(['app/Dockerfile']));
  });

  it('exits 0 on a clean file and with --no-fail; the failure threshold gates', async () => {
    writeFileSync(join(dir, 'Dockerfile'), CLEAN);
    expect((await runCli(['lint', '--no-shellcheck'], { cwd: dir, env: env() })).code).toBe(0);
    writeFileSync(join(dir, 'Dockerfile'), BAD);
    expect((await runCli(['lint', '--no-shellcheck', '--no-fail'], { cwd: dir, env: env() })).code).toBe(0);
    // Only DL3020 is an error in BAD; ignoring it leaves warnings, which do not reach threshold "error".
    expect((await runCli(['lint', '--no-shellcheck', '-t', 'error', '--ignore', 'DL3020'], { cwd: dir, env: env() })).code).toBe(0);
    expect((await runCli(['lint', '--no-shellcheck', '-t', 'error'], { cwd: dir, env: env() })).code).toBe(1);
  });

  it('reads .hadolint.yaml from the working directory and HADOLINT_* settings', async () => {
    writeFileSync(join(dir, 'Dockerfile'), BAD);
    writeFileSync(join(dir, '.hadolint.yaml'), 'ignored: [DL3008, DL3009]\noverride:\n  error: [DL3015]\n');
    const r = await runCli(['lint', '-f', 'json', '--no-shellcheck'], { cwd: dir, env: env({ HADOLINT_IGNORE: 'DL3002' }) });
    const out = JSON.parse(r.stdout) as HadolintJson[];
    const codes = out.map((f) => f.code);
    expect(codes).not.toContain('DL3008');
    expect(codes).not.toContain('DL3009');
    expect(codes).not.toContain('DL3002');
    expect(out.find((f) => f.code === 'DL3015')?.level).toBe('error');
  });

  it('honours inline and global pragmas', async () => {
    writeFileSync(join(dir, 'Dockerfile'), ['# hadolint global ignore=DL3008', 'FROM debian:12', '# hadolint ignore=DL3020', 'ADD app.py /app/', 'RUN apt-get update && apt-get install -y curl', ''].join('\n'));
    const out = JSON.parse((await runCli(['lint', '-f', 'json', '--no-shellcheck'], { cwd: dir, env: env() })).stdout) as HadolintJson[];
    const codes = out.map((f) => f.code);
    expect(codes).not.toContain('DL3008');
    expect(codes).not.toContain('DL3020');
    expect(codes).toContain('DL3015');
  });

  it('--fix edits the file in place, byte for byte elsewhere, keeping its mode and CRLF line ends', async () => {
    const path = join(dir, 'Dockerfile');
    const text = ['# build', 'FROM debian:12', 'ADD app.py /app/\t# keep this', 'RUN apt-get update && apt-get install curl', ''].join('\r\n');
    writeFileSync(path, text);
    chmodSync(path, 0o640);
    const r = await runCli(['lint', '--fix', '-f', 'json', '--no-shellcheck', '--no-fail'], { cwd: dir, env: env() });
    expect(r.code).toBe(0);
    const fixed = readFileSync(path, 'utf8');
    expect(fixed.split('\r\n')[0]).toBe('# build');
    expect(fixed.split('\r\n')[2]).toBe('COPY app.py /app/\t# keep this');
    // DL3014 and DL3015 insert at the same point: one per pass, so their order is the passes' order.
    expect(fixed).toMatch(/apt-get install (-y --no-install-recommends|--no-install-recommends -y) curl && rm -rf \/var\/lib\/apt\/lists\/\*\r\n$/);
    expect(fixed.split('\n').every((l, i, all) => i === all.length - 1 || l.endsWith('\r'))).toBe(true);
    expect(statSync(path).mode & 0o777).toBe(0o640);
    const remaining = (JSON.parse(r.stdout) as HadolintJson[]).map((f) => f.code);
    expect(remaining).not.toContain('DL3020');
    expect(remaining).not.toContain('DL3014');
    expect(remaining).not.toContain('DL3015');
    expect(readdirSync(dir).filter((n) => n.endsWith('.tmp'))).toEqual([]);
  });

  it('refuses missing files, directories and binary files with exit 2 and no output file', async () => {
    const out = join(dir, 'report.json');
    for (const bad of [join(dir, 'nope'), dir]) {
      const r = await runCli(['lint', bad, '-o', out], { cwd: dir, env: env() });
      expect(r.code).toBe(2);
      expect(r.stderr).toContain(bad);
    }
    writeFileSync(join(dir, 'bin'), Buffer.from([0x46, 0x52, 0x00, 0x4d]));
    const r = await runCli(['lint', 'bin', '-o', out], { cwd: dir, env: env() });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/bin: not a text file/);
    expect(readdirSync(dir).filter((n) => n.startsWith('report'))).toEqual([]);
  });

  it('rejects a malformed .hadolint.yaml naming the file', async () => {
    writeFileSync(join(dir, 'Dockerfile'), CLEAN);
    writeFileSync(join(dir, '.hadolint.yaml'), 'failure-threshold: loud\nignored: 12\n');
    const r = await runCli(['lint'], { cwd: dir, env: env() });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('.hadolint.yaml');
  });

  it('lists every rule with --list-rules', async () => {
    const r = await runCli(['lint', '--list-rules', '-f', 'json'], { cwd: dir, env: env() });
    const rules = JSON.parse(r.stdout) as Array<{ code: string; level: string }>;
    expect(rules.map((x) => x.code)).toEqual(expect.arrayContaining(['DL3008', 'DL3020', 'DD001', 'DD008']));
    expect(rules.find((x) => x.code === 'DL1001')?.level).toBe('ignore');
  });

  it('writes SARIF with -o atomically', async () => {
    writeFileSync(join(dir, 'Dockerfile'), BAD);
    const out = join(dir, 'lint.sarif');
    const r = await runCli(['lint', '-f', 'sarif', '-o', out, '--no-shellcheck'], { cwd: dir, env: env() });
    expect(r.code).toBe(1);
    const sarif = JSON.parse(readFileSync(out, 'utf8')) as { version: string; runs: Array<{ results: unknown[] }> };
    expect(sarif.version).toBe('2.1.0');
    expect(sarif.runs[0]?.results.length).toBeGreaterThan(0);
  });

  it('runs ShellCheck on RUN scripts when it is installed', async () => {
    writeFileSync(join(dir, 'Dockerfile'), 'FROM alpine:3.20\nRUN echo $UNDEFINED_THING\n');
    const out = JSON.parse((await runCli(['lint', '-f', 'json'], { cwd: dir, env: env() })).stdout) as HadolintJson[];
    expect(out.some((f) => f.code === 'SC2086' && f.line === 2)).toBe(true);
  });
});
