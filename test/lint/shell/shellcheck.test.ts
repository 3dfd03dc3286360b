import { chmod, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../../src/core/errors.js';
import type { ShellSource } from '../../../src/lint/dockerfile/ast.js';
import { runShellcheck, shellcheckAvailable, type ShellcheckDialect, type ShellcheckFinding } from '../../../src/lint/shellcheck.js';
import { plainSource, runSource } from './source.js';

let scratch = '';
beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'drydock-sc-test-'));
});
afterAll(async () => {
  await rm(scratch, { recursive: true, force: true });
});

async function check(script: ShellSource, dialect: ShellcheckDialect = 'sh', declared: string[] = []): Promise<ShellcheckFinding[]> {
  const result = await runShellcheck([{ id: 'only', script, dialect, declared }]);
  return result.get('only') ?? [];
}
const codes = (findings: readonly ShellcheckFinding[]): string[] => findings.map((f) => f.code).sort();

/** A wrapper "binary" around the real shellcheck (to count runs, delay, see its working directory). */
async function wrapper(name: string, body: string): Promise<string> {
  const path = join(scratch, name);
  await writeFile(path, `#!/bin/sh\n${body}\n`);
  await chmod(path, 0o755);
  return path;
}

describe('shellcheck bridge (the real shellcheck binary)', () => {
  it('shellcheck is installed here (setup-debian.sh installs it)', async () => {
    expect(await shellcheckAvailable()).toBe(true);
  });

  it('SC2086 on an unquoted expansion, at the expansion', async () => {
    const findings = await check(plainSource('echo $x'));
    expect(codes(findings)).toEqual(['SC2086', 'SC2154']);
    const sc2086 = findings.find((f) => f.code === 'SC2086');
    expect(sc2086).toMatchObject({ level: 'info', message: expect.stringContaining('Double quote') });
    expect(sc2086?.span).toEqual({ start: { line: 1, column: 6, offset: 5 }, end: { line: 1, column: 8, offset: 7 } });
  });

  it('nothing on a quoted, declared expansion', async () => {
    expect(await check(plainSource('echo "$x"'), 'sh', ['x'])).toEqual([]);
    expect(codes(await check(plainSource('echo "$x"')))).toEqual(['SC2154']); // quoted: no SC2086 even when unset
  });

  it('declared variables (ARG/ENV) suppress SC2154; the proxy variables are always declared', async () => {
    // (ShellCheck assumes UPPER_CASE names come from the environment; lower-case ones must be set)
    expect(codes(await check(plainSource('echo "$version"')))).toEqual(['SC2154']);
    expect(await check(plainSource('echo "$version"'), 'sh', ['version'])).toEqual([]);
    expect(await check(plainSource('curl -x "$https_proxy" "$HTTP_PROXY" "$no_proxy" https://e'))).toEqual([]);
  });

  it('dialects: $RANDOM is SC3028 in sh, fine in bash', async () => {
    expect(codes(await check(plainSource('echo $RANDOM'), 'sh'))).toEqual(['SC3028']);
    expect(await check(plainSource('echo $RANDOM'), 'bash')).toEqual([]);
    expect(codes(await check(plainSource('[[ -f /x ]] && echo y'), 'dash'))).toEqual(['SC3010']);
  });

  it('positions map through continuations and non-ASCII text to the Dockerfile', async () => {
    const file = 'FROM debian\nRUN echo "😀 é" \\\n    && echo "😀\t" $x \\\n    && echo   done\n';
    const [finding] = (await check(runSource(file))).filter((f) => f.code === 'SC2086');
    // shellcheck counts code points (a tab is one column in json1); the Dockerfile counts UTF-16 units
    expect(finding?.span.start).toMatchObject({ line: 3, column: (file.split('\n')[2] ?? '').indexOf('$x') + 1 });
    expect(file.slice(finding?.span.start.offset, finding?.span.end.offset)).toBe('$x');
  });

  it('a parse error is reported like any finding (SC1xxx, error level)', async () => {
    const findings = await check(plainSource('if true; then echo x'));
    expect(findings.some((f) => f.code.startsWith('SC10') && f.level === 'error')).toBe(true);
  });

  it('many scripts in ONE shellcheck process, findings per id, the temp dir removed', async () => {
    const log = join(scratch, 'runs.log');
    const binary = await wrapper('counting-shellcheck', `pwd >> '${log}'\nexec shellcheck "$@"`);
    const inputs = Array.from({ length: 40 }, (_, i) => ({ id: i, script: plainSource(i % 2 === 0 ? `echo $v${i}` : `echo "ok ${i}"`), dialect: 'sh' as const, declared: [] }));
    const result = await runShellcheck(inputs, { binary });
    const runs = (await readFile(log, 'utf8')).trim().split('\n');
    expect(runs).toHaveLength(1);
    expect(existsSync(runs[0] as string)).toBe(false);
    expect([...result.keys()]).toEqual(inputs.map((i) => i.id));
    for (const [id, findings] of result) expect(codes(findings)).toEqual(id % 2 === 0 ? ['SC2086', 'SC2154'] : []);
  });

  it('no scripts: no process, an empty map', async () => {
    expect((await runShellcheck([], { binary: '/nonexistent/shellcheck' })).size).toBe(0);
  });

  it('a missing binary: shellcheckAvailable is false and runShellcheck rejects with an AppError, never crashes', async () => {
    expect(await shellcheckAvailable('/nonexistent/shellcheck')).toBe(false);
    await expect(runShellcheck([{ id: 1, script: plainSource('echo'), dialect: 'sh', declared: [] }], { binary: '/nonexistent/shellcheck' })).rejects.toBeInstanceOf(AppError);
  });

  it('a hung shellcheck is killed after the timeout (LIMIT)', async () => {
    const binary = await wrapper('slow-shellcheck', 'sleep 30');
    const t0 = Date.now();
    await expect(runShellcheck([{ id: 1, script: plainSource('echo'), dialect: 'sh', declared: [] }], { binary, timeoutMs: 300 })).rejects.toMatchObject({ code: 'LIMIT' });
    expect(Date.now() - t0).toBeLessThan(10_000);
  });

  it('output beyond the cap is refused (LIMIT)', async () => {
    await expect(runShellcheck([{ id: 1, script: plainSource('echo $a $b $c $d'), dialect: 'sh', declared: [] }], { maxOutputBytes: 100 })).rejects.toMatchObject({ code: 'LIMIT' });
  });

  it('garbage output is an INTERNAL error', async () => {
    const binary = await wrapper('garbage-shellcheck', 'echo "not json"; exit 1');
    await expect(runShellcheck([{ id: 1, script: plainSource('echo'), dialect: 'sh', declared: [] }], { binary })).rejects.toMatchObject({ code: 'INTERNAL' });
  });
});
