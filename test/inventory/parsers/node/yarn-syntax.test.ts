import { describe, expect, it } from 'vitest';
import { parseYarnSyntax } from '../../../../src/inventory/parsers/node/yarn-syntax.js';

describe('yarn v1 lock syntax', () => {
  it('reads entries with several keys, quoted and bare words, nested blocks, comments and CRLF', () => {
    const doc = parseYarnSyntax(
      '# yarn lockfile v1\r\n\r\n"@babel/x@^7.0.0", "@babel/x@^7.4.4", y@1:\r\n  version "7.4.4"\r\n  resolved "https://r/x.tgz#abc"\r\n  dependencies:\r\n    "@s/dep" "^1.0.0 || ^2"\r\n    plain "~1.2"\r\n  optionalDependencies:\r\n    fsevents "^2"\r\n\r\nz@2:\r\n  version "2.0.0"\r\n',
    );
    expect(doc.problems).toEqual([]);
    expect(doc.entries.map((e) => e.keys)).toEqual([['@babel/x@^7.0.0', '@babel/x@^7.4.4', 'y@1'], ['z@2']]);
    const first = doc.entries[0]?.fields;
    expect(first?.get('version')).toBe('7.4.4');
    expect(first?.get('dependencies')).toEqual(new Map([['@s/dep', '^1.0.0 || ^2'], ['plain', '~1.2']]));
    expect(first?.get('optionalDependencies')).toEqual(new Map([['fsevents', '^2']]));
    expect(doc.entries[1]?.fields.get('version')).toBe('2.0.0');
  });

  it('keeps colons and commas inside quotes, unescapes JSON escapes, takes npm-style quoted keys', () => {
    const doc = parseYarnSyntax('"a@git+ssh://git@h:x/y.git#v1, with comma":\n  "version" "1.0.0"\n  "resolved" "say \\"hi\\""\n');
    expect(doc.entries[0]?.keys).toEqual(['a@git+ssh://git@h:x/y.git#v1, with comma']);
    expect(doc.entries[0]?.fields.get('resolved')).toBe('say "hi"');
  });

  it('reports lines it cannot read and goes on', () => {
    const doc = parseYarnSyntax('a@1:\n  version "1"\nstray line\n  orphan "x"\nb@1:\n  version "2"\n  nokeyvalue\n');
    expect(doc.entries.map((e) => e.keys[0])).toEqual(['a@1', 'b@1']);
    expect(doc.problems).toEqual(['line 3: expected an entry (keys ending in ":")', 'line 7: expected "key value"']);
  });

  it('stops nesting at a depth cap instead of recursing without bound', () => {
    const deep = ['a@1:'];
    for (let i = 1; i <= 12; i++) deep.push(`${'  '.repeat(i)}k${i}:`);
    const doc = parseYarnSyntax(deep.join('\n'));
    expect(doc.problems.length).toBeGreaterThan(0);
    expect(doc.problems[0]).toMatch(/nested deeper than 8 levels/);
  });
});
