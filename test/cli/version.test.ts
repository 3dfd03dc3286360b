import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/drydock.js';
import { readVectors } from '../versioning/conformance-tsv.js';
import { aptCompare } from '../versioning/reference.js';

describe('drydock version compare', () => {
  it.each([
    ['deb', '1:2.0~rc1-1', '1:2.0-1', '-1'],
    ['debian', '1.0', '1.0-0', '0'],
    ['rpm', '1.0^git1', '1.0.1', '-1'],
    ['rhel', '2:1.0-1.el9', '1:9.9-9.el9', '1'],
    ['alpine', '1.2.3_rc1-r0', '1.2.3-r0', '-1'],
    ['APK', '1.2.3-r10', '1.2.3-r9', '1'],
  ])('%s %s %s prints %s, exit 0', async (scheme, a, b, want) => {
    const r = await runCli(['version', 'compare', scheme, a, b]);
    expect(r).toEqual({ code: 0, stdout: `${want}\n`, stderr: '' });
  });

  it('an invalid version: a message naming it, exit 2', async () => {
    const r = await runCli(['version', 'compare', 'deb', '1.0', '1:']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('invalid deb version "1:"');
  });

  it('an unknown scheme: the known schemes and their aliases, exit 2', async () => {
    const r = await runCli(['version', 'compare', 'slackware', '1', '2']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('unknown version scheme "slackware"');
    expect(r.stderr).toMatch(/deb \(debian, ubuntu, dpkg\).*apk \(alpine.*rpm \(rhel/);
  });

  it('usage errors exit 2: missing versions, versions and --stdin together', async () => {
    for (const args of [['version', 'compare', 'deb', '1.0'], ['version', 'compare', 'deb', '1', '2', '--stdin'], ['version', 'compare']]) {
      const r = await runCli(args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr, args.join(' ')).not.toBe('');
    }
  });

  it('--help documents --stdin, the error lines and examples', async () => {
    const r = await runCli(['version', 'compare', '--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('--stdin');
    expect(r.stdout).toContain('error: <reason>');
    expect(r.stdout).toContain('Examples:');
  });
});

describe('drydock version compare --stdin', () => {
  it('one result per line, in order; a bad line prints "error: <reason>" and the run exits 2', async () => {
    const input = ['1.0\t1.1', '1:', '1.0~\t1.0', '1.0\t1:', '2.0\t2.0-0', 'a\tb\tc', ''].join('\n');
    const r = await runCli(['version', 'compare', 'deb', '--stdin'], { stdin: `${input}\n` });
    expect(r.code).toBe(2);
    const out = r.stdout.split('\n');
    expect(out.slice(0, -1)).toHaveLength(7);
    expect(out[0]).toBe('-1');
    expect(out[1]).toMatch(/^error: expected two versions separated by one tab/);
    expect(out[2]).toBe('-1');
    expect(out[3]).toBe('error: invalid deb version "1:": nothing after colon in version number');
    expect(out[4]).toBe('0');
    expect(out[5]).toMatch(/^error: /);
    expect(out[6]).toMatch(/^error: /); // an empty line is not a comparison either
    expect(r.stderr).toBe('drydock: 4 of 7 line(s) could not be compared\n');
  });

  it('exit 0 and no stderr when every line compares; CRLF and a missing final newline are fine', async () => {
    const r = await runCli(['version', 'compare', 'rpm', '--stdin'], { stdin: '1.0\t1.0\r\n1.0~rc1\t1.0' });
    expect(r).toEqual({ code: 0, stdout: '0\n-1\n', stderr: '' });
  });

  it('the apk-tools vectors through the CLI give apk-tools’ answers', async () => {
    const rows = readVectors('apk-apk-tools.tsv').filter((row) => row['note'] === '');
    const r = await runCli(['version', 'compare', 'apk', '--stdin'], { stdin: rows.map((row) => `${row['a']}\t${row['b']}\n`).join('') });
    const out = r.stdout.trimEnd().split('\n');
    // apk-tools' version.data also orders a few strings apk refuses ("23_foo"): those lines are errors
    const errors = out.filter((l) => l.startsWith('error: '));
    expect(r.code).toBe(errors.length ? 2 : 0);
    out.forEach((l, i) => {
      if (!l.startsWith('error: ')) expect(l, `${rows[i]?.['a']} vs ${rows[i]?.['b']}`).toBe(rows[i]?.['expected']);
    });
    expect(errors.length).toBeLessThan(rows.length / 10);
  });

  it('100k pairs quickly, with the same answers as libapt-pkg', async () => {
    const versions = Array.from({ length: 5000 }, (_, i) => `${i % 3}:${(i * 7919) % 1000}.${i % 17}~rc${i % 5}-${i % 11}ubuntu${i % 4}`);
    const pairs = Array.from({ length: 100_000 }, (_, i) => [versions[i % 5000] ?? '', versions[(i * 31 + 7) % 5000] ?? ''] as const);
    const stdin = pairs.map(([a, b]) => `${a}\t${b}\n`).join('');
    const t0 = performance.now();
    const r = await runCli(['version', 'compare', 'ubuntu', '--stdin'], { stdin });
    const ms = performance.now() - t0;
    console.log(`drydock version compare --stdin: 100,000 deb pairs in ${ms.toFixed(0)} ms`);
    expect(r.code).toBe(0);
    expect(ms).toBeLessThan(20_000);
    const got = r.stdout.trimEnd().split('\n').map(Number);
    expect(got).toEqual(aptCompare(pairs).map((n) => Math.sign(n) || 0));
  });
});

describe('drydock version schemes', () => {
  it('lists every scheme id with its aliases', async () => {
    const r = await runCli(['version', 'schemes']);
    expect(r.code).toBe(0);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines.map((l) => l.split(/\s+/)[0])).toEqual(['deb', 'apk', 'rpm', 'semver', 'npm', 'pep440', 'maven', 'go', 'gem', 'cargo', 'composer', 'nuget']);
    expect(lines[0]).toMatch(/^deb\s+debian, ubuntu, dpkg$/);
    expect(lines[2]).toContain('azurelinux, mariner');
  });
});
