import { describe, expect, it } from 'vitest';
import { binaryPackages } from '../../../../src/inventory/parsers/go/binary-packages.js';
import { unquoteGo } from '../../../../src/inventory/parsers/go/go-quote.js';
import { lex, parseGoMod } from '../../../../src/inventory/parsers/go/gomod.js';
import { goModPackages } from '../../../../src/inventory/parsers/go/gomod-packages.js';
import { parseGoSum } from '../../../../src/inventory/parsers/go/gosum.js';
import { parseModinfo } from '../../../../src/inventory/parsers/go/modinfo.js';
import { golangPurl, isDirectoryPath } from '../../../../src/inventory/parsers/go/purl.js';
import { stdlibVersion } from '../../../../src/inventory/parsers/go/toolchain.js';

describe('stdlib version from the toolchain version', () => {
  it.each([
    ['go1.21.3', 'v1.21.3'],
    ['go1.20', 'v1.20.0'],
    ['go1.21rc2', 'v1.21.0-rc.2'],
    ['go1.9beta1', 'v1.9.0-beta.1'],
    ['go1.22.1 X:boringcrypto', 'v1.22.1'],
    ['go1.22.3-20240507-RC00 cl/123', 'v1.22.3'],
    // a line version with a suffix is a development toolchain of that line, not its first release
    ['go1.25-20250209-RC00 cl/725823713 +a1f6e5e8fb X:fieldtrack,boringcrypto', 'v1.25.0-0.20250209-RC00'],
    ['go1.24-pre3', 'v1.24.0-0.pre3'],
    ['go1.24-', 'v1.24.0-0.dev'],
    ['go1.24-01.x_y', 'v1.24.0-0.x01.x-y'],
    ['devel go1.23-abcdef Tue Jan 2 2024', undefined],
    ['go1.2x', undefined],
    ['1.21.3', undefined],
  ])('%s → %s', (go, want) => {
    expect(stdlibVersion(go)).toBe(want);
  });
});

describe('stdlib versions of development toolchains', () => {
  it('sort below every beta, rc and release of their line and above the previous line, as valid semver', async () => {
    const semver = (await import('semver')).default;
    const dev = stdlibVersion('go1.25-20250209-RC00 cl/725823713 +a1f6e5e8fb') ?? '';
    expect(semver.valid(dev)).not.toBeNull();
    for (const later of ['v1.25.0-beta.1', 'v1.25.0-rc.1', 'v1.25.0', 'v1.25.1']) expect(semver.lt(dev, later), later).toBe(true);
    expect(semver.gt(dev, 'v1.24.13')).toBe(true);
    // a fix released in go1.25.0 is not assumed present: the version is inside an "introduced
    // 1.25.0-0, fixed 1.25.0" range as Go vulnerability data writes it
    expect(semver.satisfies(dev, '>=1.25.0-0 <1.25.0', { includePrerelease: true })).toBe(true);
    const stdlib = binaryPackages('go1.25-20250209-RC00 cl/725823713', parseModinfo('')).find((p) => p.name === 'stdlib');
    expect(stdlib?.purl).toBe('pkg:golang/stdlib@v1.25.0-0.20250209-RC00');
  });
});

describe('golang purls', () => {
  it('splits namespace and name at the last slash, as the purl spec says', () => {
    expect(golangPurl('github.com/cpuguy83/go-md2man/v2', 'v2.0.0')).toBe('pkg:golang/github.com/cpuguy83/go-md2man/v2@v2.0.0');
    expect(golangPurl('stdlib', 'v1.21.3')).toBe('pkg:golang/stdlib@v1.21.3');
    expect(golangPurl('gotest.tools', 'v2.2.0+incompatible')).toBe('pkg:golang/gotest.tools@v2.2.0+incompatible');
    expect(golangPurl('example.com/app', '')).toBe('pkg:golang/example.com/app');
  });

  it('leaves out a version packageurl-js rejects instead of failing, and survives odd paths', () => {
    expect(golangPurl('example.com/x', 'v1.0')).toBe('pkg:golang/example.com/x');
    expect(golangPurl('example.com/', 'v1.0.0')).toBe('pkg:golang/example.com/');
    expect(golangPurl('', '')).toBe('pkg:golang/');
  });

  it('tells directory replacements from modules', () => {
    for (const p of ['./x', '../x', '/abs/x', '.', '..', 'C:\\x', '..\\x']) expect(isDirectoryPath(p), p).toBe(true);
    for (const p of ['example.com/x', 'x', '.hidden/x']) expect(isDirectoryPath(p), p).toBe(false);
  });
});

describe('module info', () => {
  it('reads quoted build settings as runtime/debug does', () => {
    const info = parseModinfo(
      'path\tx\nbuild\t-ldflags="-s -w -X \\"main.v=1\\""\nbuild\t"odd key"=`raw value`\nbuild\t-tags=a,b\nbuild\tCGO_CFLAGS=\n',
    );
    expect(info.settings).toEqual([
      ['-ldflags', '-s -w -X "main.v=1"'],
      ['odd key', 'raw value'],
      ['-tags', 'a,b'],
      ['CGO_CFLAGS', ''],
    ]);
    expect(info.problems).toEqual([]);
  });

  it('reports malformed lines without quoting them', () => {
    const info = parseModinfo('=>\tx\tv1\nbuild\tnoequals\ndep\tonlypath\nsecret\tAKIA123\nmod\tm\tv1.0.0\r\n');
    expect(info.problems).toEqual([
      'module info line 1: a replacement (=>) that follows no mod/dep line',
      'module info line 2: a build line that is not key=value',
      'module info line 3: a dep line without module path and version',
      'module info line 4: unknown record "secret"',
    ]);
    expect(info.main).toEqual({ path: 'm', version: 'v1.0.0' });
  });

  it('unquotes Go string literals and refuses broken ones', () => {
    expect(unquoteGo('"a\\tb\\x41\\u00e9\\101"')).toBe('a\tbAéA');
    expect(unquoteGo('`a\\tb`')).toBe('a\\tb');
    expect(unquoteGo('"open')).toBeUndefined();
    expect(unquoteGo('"bad \\q"')).toBeUndefined();
    expect(unquoteGo('"a"b"')).toBeUndefined();
  });

  it('makes no root for the toolchain and `go build x.go`, and no stdlib for devel toolchains', () => {
    expect(binaryPackages('go1.21.3', parseModinfo('path\tcmd/go\n')).map((p) => p.name)).toEqual(['stdlib']);
    expect(binaryPackages('go1.21.3', parseModinfo('path\tcommand-line-arguments\n')).map((p) => p.name)).toEqual(['stdlib']);
    expect(binaryPackages('devel go1.23-abc', parseModinfo('path\tx.org/tool\n')).map((p) => p.name)).toEqual(['x.org/tool']);
    // old Go versions could record a dep without a path: skipped
    expect(binaryPackages(undefined, parseModinfo('mod\tm\tv1.0.0\ndep\t\tDevel\n')).map((p) => p.name)).toEqual(['m']);
  });
});

describe('go.mod parsing', () => {
  it('lexes quoted paths, parentheses and comments', () => {
    expect(lex('require "example.com/a b" v1.0.0 // indirect; why')).toEqual({ tokens: ['require', 'example.com/a b', 'v1.0.0'], comment: 'indirect; why' });
    expect(lex('require(')).toEqual({ tokens: ['require', '('] });
    expect(lex('module `m`')).toEqual({ tokens: ['module', 'm'] });
    expect(lex('module "m').bad).toBeDefined();
  });

  it('reads every directive drydock uses and skips the others', () => {
    const mod = parseGoMod(`// a comment
module example.com/m // Deprecated: use n

go 1.23.0
toolchain go1.23.4

godebug (
	default=go1.21
	panicnil=1
)

require (
	example.com/a v1.0.0
	example.com/b v1.1.0 // indirect; kept for x
	example.com/c v1.2.0 // not indirect
)
require example.com/d v0.1.0
exclude example.com/a v0.9.0
replace (
	example.com/b => example.com/b2 v1.1.1
	example.com/c v1.2.0 => ../c
)
retract [v1.0.0, v1.0.5]
retract (
	v0.0.1 // broken
)
tool example.com/a/cmd/gen
ignore ./node_modules
`);
    expect(mod.problems).toEqual([]);
    expect(mod).toMatchObject({ module: 'example.com/m', go: '1.23.0', toolchain: 'go1.23.4' });
    expect(mod.requires).toEqual([
      { path: 'example.com/a', version: 'v1.0.0', indirect: false },
      { path: 'example.com/b', version: 'v1.1.0', indirect: true },
      { path: 'example.com/c', version: 'v1.2.0', indirect: false },
      { path: 'example.com/d', version: 'v0.1.0', indirect: false },
    ]);
    const { packages, problems } = goModPackages(mod);
    expect(problems).toEqual([]);
    expect(packages.map((p) => `${p.name}@${p.version}:${p.relationship}`)).toEqual([
      'example.com/m@:root',
      'example.com/a@v1.0.0:direct',
      'example.com/b2@v1.1.1:indirect',
      'example.com/c@(devel):direct',
      'example.com/d@v0.1.0:direct',
    ]);
    expect(packages[0]?.dependsOn).toEqual(['example.com/a@v1.0.0', 'example.com/c@(devel)', 'example.com/d@v0.1.0']);
    expect(packages[1]?.evidence?.[0]).toContain('minimum version');
  });

  it('prefers a versioned replace over a wildcard one, whatever their order', () => {
    const mod = parseGoMod('module m\nrequire x.org/a v1.0.0\nreplace x.org/a => x.org/w v9.0.0\nreplace x.org/a v1.0.0 => x.org/v v2.0.0\n');
    expect(goModPackages(mod).packages.map((p) => `${p.name}@${p.version}`)).toEqual(['m@', 'x.org/v@v2.0.0']);
  });

  it('turns bad lines into problems and keeps going', () => {
    const mod = parseGoMod('module m\nrequire x.org/a\nreplace x.org/b => x.org/c\nfrobnicate x\nrequire x.org/ok v1.0.0\nrequire (\n x.org/e v1.0.0 // indirect\n');
    expect(mod.problems).toEqual([
      'go.mod line 2: a require line needs a module path and a version',
      'go.mod line 3: a replacement by a module needs a version',
      'go.mod line 4: unknown directive "frobnicate"',
      'go.mod line 8: the require block is not closed',
    ]);
    expect(mod.requires.map((r) => r.path)).toEqual(['x.org/ok', 'x.org/e']);
  });

  it('skips a requirement its own exclude directive excludes, with a problem', () => {
    const r = goModPackages(parseGoMod('module m\nrequire x.org/a v1.0.0\nexclude x.org/a v1.0.0\n'));
    expect(r.packages.map((p) => p.name)).toEqual(['m']);
    expect(r.problems).toHaveLength(1);
  });

  it('reports a go.mod without a module directive but keeps its requirements', () => {
    const r = goModPackages(parseGoMod('require x.org/a v1.0.0\n'));
    expect(r.packages.map((p) => p.name)).toEqual(['x.org/a']);
    expect(r.problems).toEqual(['go.mod without a module directive']);
  });
});

describe('go.sum parsing', () => {
  it('keeps the highest zip-hash version of each module (semver, pseudo-versions, +incompatible)', () => {
    const sum = parseGoSum(
      [
        'x.org/a v1.2.0 h1:aaa=',
        'x.org/a v1.10.0-rc.1 h1:ccc=',
        'x.org/a v1.9.0 h1:ddd=',
        'x.org/b v0.0.0-20200101000000-abcdefabcdef h1:d=',
        'x.org/b v0.0.0-20210101000000-abcdefabcdef h1:e=',
        'x.org/c v2.0.0+incompatible h1:f=',
        'x.org/c v10.0.0+incompatible h1:g=',
        '',
      ].join('\n'),
    );
    expect(sum.modules).toEqual([
      { path: 'x.org/a', version: 'v1.10.0-rc.1' },
      { path: 'x.org/b', version: 'v0.0.0-20210101000000-abcdefabcdef' },
      { path: 'x.org/c', version: 'v10.0.0+incompatible' },
    ]);
  });

  it('makes no module of /go.mod lines and never raises a version by one (only zip hashes mean the code was used)', () => {
    const sum = parseGoSum(
      [
        // the go command read these go.mod files for the module graph but downloaded no code
        'golang.org/x/net v0.0.0-20190620200207-3b0461eec859/go.mod h1:z5CRVTTTmAJ677TzLLGU+0bjPO0LkuOLi4/5GtJWs/s=',
        'golang.org/x/text v0.3.0/go.mod h1:NqM8EUOU14njkJ3fqMW+pc6Ldnwhi/IjpwHt7yyuwOQ=',
        // code downloaded at v1.2.0; v1.3.0 was only considered
        'x.org/a v1.2.0 h1:aaa=',
        'x.org/a v1.2.0/go.mod h1:bbb=',
        'x.org/a v1.3.0/go.mod h1:ccc=',
        '',
      ].join('\n'),
    );
    expect(sum.modules).toEqual([{ path: 'x.org/a', version: 'v1.2.0' }]);
    expect(sum.problems).toEqual([]);
  });

  it('reports malformed lines by number only', () => {
    const sum = parseGoSum('x.org/a v1.0.0\nx.org/b v1.0.0 h1:x= extra\nx.org/c v1.0.0 h1:ok=\n');
    expect(sum.problems).toEqual(['go.sum line 1: not "<module> <version> <hash>"', 'go.sum line 2: not "<module> <version> <hash>"']);
    expect(sum.modules).toEqual([{ path: 'x.org/c', version: 'v1.0.0' }]);
  });
});
