import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseToml, TomlError } from '../../../src/inventory/parsers/toml.js';
import { sharedPath } from '../support/shared.js';

const PYTHON = '/usr/bin/python3';

/** The same document read by Python's tomllib (the reference TOML 1.0 reader), as JSON. */
function tomllib(text: string): unknown {
  const script = 'import json,sys,tomllib; json.dump(tomllib.loads(sys.stdin.read()), sys.stdout, default=str)';
  return JSON.parse(execFileSync(PYTHON, ['-c', script], { input: text, encoding: 'utf8' }));
}
const plain = (v: unknown): unknown => JSON.parse(JSON.stringify(v));

const LOCK_FILES = [
  sharedPath('conformance', 'trivy-parsers', 'python_poetry', 'testdata', 'poetry_flask.lock'),
  sharedPath('conformance', 'trivy-parsers', 'python_poetry', 'testdata', 'poetry_v2_flask.lock'),
  sharedPath('conformance', 'trivy-parsers', 'python_poetry', 'testdata', 'poetry_normal.lock'),
  sharedPath('conformance', 'trivy-parsers', 'python_uv', 'testdata', 'uv_multiple_roots.lock'),
  sharedPath('conformance', 'trivy-parsers', 'python_pylock', 'testdata', 'pylock.toml'),
  join(import.meta.dirname, 'python', 'testdata', 'uv_normal.lock'),
];

describe('parseToml', () => {
  it('reads lock files exactly as Python tomllib does', () => {
    for (const file of LOCK_FILES) {
      const text = readFileSync(file, 'utf8');
      expect(plain(parseToml(text)), file).toEqual(tomllib(text));
    }
  });

  it('reads the TOML 1.0 value forms exactly as tomllib does', () => {
    const text = [
      '# comment',
      'bare_key-1 = "basic \\"quoted\\" \\u00e9 \\U0001F600 \\t"',
      "literal = 'C:\\no\\escapes'",
      '"quoted key" = 1',
      "'single' = -2",
      'dotted.key.here = true',
      'ints = [0, +17, -5, 1_000, 0xDEAD_beef, 0o755, 0b1101]',
      'floats = [3.14, -0.01, 5e+22, 1e06, -2E-2, 6.626e-34, 224_617.445_991]',
      'nested = [ [1, 2], ["a", \'b\'], [ {x = 1}, {y.z = "w"} ], ]',
      'multi = """',
      'Roses are red',
      '  Violets are "blue" \\',
      '     and so on"""',
      "raw = '''",
      "first line is trimmed",
      "  keeps \\ backslashes'''",
      'inline = { a = 1, b = { c = [1, 2] }, "d.e" = false }',
      'date = 1979-05-27',
      'datetime = 1979-05-27T07:32:00Z',
      'spaced = 1979-05-27 07:32:00',
      '[table.sub]',
      'x = 1',
      '[table]',
      'y = 2',
      '[[arr]]',
      'n = 1',
      '[arr.child]',
      'c = "first"',
      '[[arr]]',
      'n = 2',
      '[[arr.items]]',
      'k = 1',
      '[[arr.items]]',
      'k = 2',
    ].join('\n');
    const mine = plain(parseToml(text)) as Record<string, unknown>;
    const ref = tomllib(text) as Record<string, unknown>;
    // tomllib turns dates into datetime objects; drydock keeps their text
    expect(mine['date']).toBe('1979-05-27');
    expect(mine['datetime']).toBe('1979-05-27T07:32:00Z');
    expect(mine['spaced']).toBe('1979-05-27T07:32:00'); // normalised to the ISO form (the separator is not kept)
    for (const k of ['date', 'datetime', 'spaced']) {
      delete mine[k];
      delete ref[k];
    }
    expect(mine).toEqual(ref);
  });

  it('tables have no prototype: __proto__ is a plain key', () => {
    const t = parseToml('__proto__ = "x"\n[constructor]\na = 1\n');
    expect(Object.getPrototypeOf(t)).toBeNull();
    expect(t['__proto__']).toBe('x');
    expect(({} as Record<string, unknown>)['a']).toBeUndefined();
  });

  it('rejects invalid documents with the line of the problem', () => {
    const bad: Array<[string, number]> = [
      ['a = 1\na = 2', 2],
      ['[t]\nx = 1\n[t]', 3],
      ['a = "unterminated', 1],
      ['a = 1 b = 2', 1],
      ['[', 1],
      ['a = [1, 2', 1],
      ['a = {x = 1}\n[a]', 2],
      ['a = [1]\n[[a]]', 2],
      ['x = 1\n\nkey = nope', 3],
      ['s = "bad \\q escape"', 1],
      ['t.x = 1\n[t]', 2],
    ];
    for (const [text, line] of bad) {
      let error: unknown;
      try {
        parseToml(text);
      } catch (err) {
        error = err;
      }
      expect(error, text).toBeInstanceOf(TomlError);
      expect((error as TomlError).line, text).toBe(line);
    }
  });

  it('caps nesting depth instead of overflowing the stack', () => {
    expect(() => parseToml(`a = ${'['.repeat(10_000)}`)).toThrow(TomlError);
  });
});
