import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseOsRelease } from '../../../src/inventory/parsers/os-release.js';
import { ALPINE_TARBALLS, tarMember } from '../support/alpine-fixtures.js';

/** What a POSIX shell makes of the file: os-release is specified as shell-compatible. */
function shellValues(text: string, keys: readonly string[]): Record<string, string> {
  const dir = mkdtempSync(join(tmpdir(), 'drydock-os-release-'));
  try {
    writeFileSync(join(dir, 'os-release'), text);
    const script = `. "$1"; shift; for k in "$@"; do eval "printf '%s\\0' \\"\\$$k\\""; done`;
    const out = execFileSync('sh', ['-c', script, 'sh', join(dir, 'os-release'), ...keys], { encoding: 'utf8' });
    const values = out.split('\0');
    return Object.fromEntries(keys.map((k, i) => [k, values[i] ?? '']));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const TRICKY = [
  '# a comment line',
  '',
  'NAME="Tricky \\"Quoted\\" Linux"',
  "ID='tricky'",
  'VERSION_ID=1.2',
  'PRETTY_NAME="Dollar \\$ and backtick \\` and backslash \\\\"',
  'MIXED="ab"\'cd\'ef',
  'ESCAPED=one\\ two',
  "SINGLE='no \\n escapes here'",
  'TRAILING="value" # comment after the value',
  '   INDENTED=yes',
  'EMPTY=',
  '',
].join('\n');

describe('os-release parser', () => {
  const sources: Array<[string, string]> = [
    ['this machine /etc/os-release', readFileSync('/etc/os-release', 'utf8')],
    ...ALPINE_TARBALLS.map((t): [string, string] => [`${t} etc/os-release`, tarMember(t, 'etc/os-release').toString('utf8')]),
    ['quoting, escapes and comments', TRICKY],
  ];

  it.each(sources)('reads %s exactly as the shell does', (_name, text) => {
    const { fields, problems } = parseOsRelease(text);
    expect(problems).toEqual([]);
    const keys = Object.keys(fields);
    expect(keys.length).toBeGreaterThan(2);
    expect(fields).toEqual(shellValues(text, keys));
  });

  it('gives the tricky values their unquoted form', () => {
    const { fields } = parseOsRelease(TRICKY);
    expect(fields['NAME']).toBe('Tricky "Quoted" Linux');
    expect(fields['MIXED']).toBe('abcdef');
    expect(fields['SINGLE']).toBe('no \\n escapes here');
    expect(fields['EMPTY']).toBe('');
  });

  it('reports lines it cannot read and keeps the rest', () => {
    const { fields, problems } = parseOsRelease('ID=debian\nnot an assignment\nNAME="unterminated\n1BAD=x\nVERSION=two words\n');
    expect(fields).toEqual({ ID: 'debian' });
    expect(problems).toEqual([
      'line 2: expected KEY=value, got "not an assignment"',
      'line 3: unterminated double quote',
      'line 4: expected KEY=value, got "1BAD=x"',
      'line 5: unquoted whitespace in value "two words"',
    ]);
  });

  it('accepts CRLF line ends', () => {
    expect(parseOsRelease('ID=alpine\r\nVERSION_ID=3.20.3\r\n').fields).toEqual({ ID: 'alpine', VERSION_ID: '3.20.3' });
  });
});
