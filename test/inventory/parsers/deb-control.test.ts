import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { controlField, firstLine, parseControl } from '../../../src/inventory/parsers/deb-control.js';

const dpkgQuery = (...args: string[]): string => execFileSync('dpkg-query', args, { encoding: 'utf8', maxBuffer: 64 << 20 });

describe('deb822 control parser on this machine\'s dpkg status file', () => {
  const { paragraphs, problems } = parseControl(readFileSync('/var/lib/dpkg/status', 'utf8'));
  const byName = new Map(paragraphs.map((p) => [`${controlField(p, 'Package') ?? ''}:${controlField(p, 'Architecture') ?? ''}`, p]));

  it('finds one paragraph per package dpkg-query knows', () => {
    expect(problems).toEqual([]);
    const known = dpkgQuery('-W', '-f', '${Package}:${Architecture}\n').split('\n').filter((l) => l !== '');
    expect([...byName.keys()].sort()).toEqual(known.sort());
  });

  it.each(['bash', 'coreutils', 'libc6', 'dpkg', 'tzdata'])('rebuilds the multi-line fields of %s as dpkg-query prints them', (pkg) => {
    const arch = dpkgQuery('-W', '-f', '${Architecture}', pkg);
    const p = byName.get(`${pkg}:${arch}`);
    expect(p).toBeDefined();
    if (!p) return;
    // dpkg prints continuation lines with their leading space; the parser strips exactly one.
    const description = controlField(p, 'description') ?? '';
    expect(description.includes('\n')).toBe(true);
    expect(description.replace(/\n/g, '\n ')).toBe(dpkgQuery('-W', '-f', '${Description}', pkg));
    const conffiles = controlField(p, 'Conffiles');
    if (conffiles !== undefined) expect(conffiles.replace(/^\n/, '').replace(/^/gm, ' ')).toBe(dpkgQuery('-W', '-f', '${Conffiles}', pkg));
    expect(controlField(p, 'VERSION')).toBe(dpkgQuery('-W', '-f', '${Version}', pkg));
    expect(p.line).toBeGreaterThan(0);
  });
});

describe('deb822 control parser edge cases', () => {
  it('joins continuation lines, keeps inner indentation and reads tabs as continuation', () => {
    const { paragraphs, problems } = parseControl('Package: a\nDescription: short\n long one\n  indented\n .\n\tafter tab\n');
    expect(problems).toEqual([]);
    expect(controlField(paragraphs[0] ?? { line: 0, fields: new Map() }, 'description')).toBe('short\nlong one\n indented\n.\nafter tab');
  });

  it('separates paragraphs on blank and whitespace-only lines and tolerates CRLF and missing final newline', () => {
    const { paragraphs } = parseControl('Package: a\r\nVersion: 1\r\n\r\n  \nPackage: b\nVersion: 2');
    expect(paragraphs.map((p) => [p.line, controlField(p, 'package'), controlField(p, 'version')])).toEqual([
      [1, 'a', '1'],
      [5, 'b', '2'],
    ]);
  });

  it('reports bad lines, duplicates and orphan continuations but keeps the good fields', () => {
    const { paragraphs, problems } = parseControl(' orphan\nPackage: a\nno colon here\nPackage: again\nVersion:1\n');
    expect(paragraphs).toHaveLength(1);
    const p = paragraphs[0];
    expect(p && controlField(p, 'package')).toBe('a');
    expect(p && controlField(p, 'version')).toBe('1');
    expect(problems).toEqual([
      'line 1: continuation line without a field before it',
      'line 3: expected "Field: value", got "no colon here"',
      'line 4: duplicate field "Package" (the first one is kept)',
    ]);
  });

  it('skips # comments only when asked', () => {
    expect(parseControl('# c\nSource: x\n', { allowComments: true }).problems).toEqual([]);
    expect(parseControl('# c\nSource: x\n').problems).toHaveLength(1);
  });

  it('gives the first line of a value', () => {
    expect(firstLine('GPL-2+\n This program is free software')).toBe('GPL-2+');
    expect(firstLine(' MIT ')).toBe('MIT');
  });
});
