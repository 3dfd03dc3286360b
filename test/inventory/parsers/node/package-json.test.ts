import { describe, expect, it } from 'vitest';
import { npmLicenses } from '../../../../src/inventory/parsers/node/licenses.js';
import { parseManifest } from '../../../../src/inventory/parsers/node/package-json.js';

const parse = (doc: unknown): ReturnType<typeof parseManifest> => parseManifest(Buffer.from(typeof doc === 'string' ? doc : JSON.stringify(doc)));

describe('package.json', () => {
  it('reads identity, dependencies by kind and workspaces (list or object form)', () => {
    const { manifest, problems } = parse({
      name: ' @s/app ',
      version: '1.0.0',
      dependencies: { a: '^1' },
      optionalDependencies: { b: '2' },
      peerDependencies: { c: '*' },
      devDependencies: { d: '3' },
      workspaces: { packages: ['packages/*'] },
    });
    expect(problems).toEqual([]);
    expect(manifest).toEqual({
      name: '@s/app',
      version: '1.0.0',
      licenses: [],
      prod: [['a', '^1'], ['b', '2'], ['c', '*']],
      dev: [['d', '3']],
      workspaces: ['packages/*'],
    });
  });

  it('reports each bad field and keeps the rest; a byte-order mark is fine', () => {
    const { manifest, problems } = parse(`\ufeff${JSON.stringify({ name: 'x', version: 1, dependencies: { a: 1 }, devDependencies: ['old-style'] })}`);
    expect(manifest).toMatchObject({ name: 'x', dev: [['old-style', '*']], prod: [] });
    expect(manifest?.version).toBeUndefined();
    expect(problems).toHaveLength(2);
    expect(problems.map((p) => p.split(':')[1]?.trim()).sort()).toEqual(['dependencies', 'version']);
  });

  it('prototype keys change no prototype (and `__proto__` is no package name)', () => {
    const { manifest } = parse('{"name":"x","version":"1.0.0","dependencies":{"__proto__":"1","constructor":"2","toString":"3"}}');
    expect(manifest?.prod.map(([n]) => n).sort()).toEqual(['constructor', 'toString']);
    expect(Object.getPrototypeOf(manifest)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>)['constructor']).toBe(Object);
  });

  it.each([
    ['not json', 'package.json: not valid JSON'],
    ['[1]', 'package.json: not a JSON object'],
    ['null', 'package.json: not a JSON object'],
  ])('%s', (text, problem) => {
    expect(parse(text)).toEqual({ problems: [problem] });
  });
});

describe('npm license declarations', () => {
  it.each([
    ['MIT', undefined, ['MIT']],
    ['(MIT OR Apache-2.0)', undefined, ['(MIT OR Apache-2.0)']],
    [{ type: 'BSD-3-Clause', url: 'x' }, undefined, ['BSD-3-Clause']],
    [undefined, [{ type: 'MIT' }, { type: 'Apache2' }], ['MIT', 'Apache-2.0']],
    [['Public Domain', 'MIT'], undefined, ['Public Domain', 'MIT']],
    [undefined, 'GPL-2.0', ['GPL-2.0-only']],
    [{ nope: 1 }, undefined, []],
    [[[['MIT']]], undefined, []],
  ])('%j / %j', (license, licenses, want) => {
    expect(npmLicenses(license, licenses)).toEqual(want);
  });
});
