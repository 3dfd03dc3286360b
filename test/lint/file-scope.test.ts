/**
 * Per-file caches (src/lint/file-scope.ts): what a file scope caches lasts until the scope ends, what is
 * cached outside any scope stays; linting many files in one run gives each exactly what linting it
 * alone gives (no cache entry of one file reaches another, and dropping them between files loses nothing).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lintFiles, type FileLint, type LintInput } from '../../src/lint/engine.js';
import { FileCache, inFileScope } from '../../src/lint/file-scope.js';
import { REPO_ROOT } from '../helpers/fixtures.js';
import { settings } from './rules/lint-helper.js';

describe('FileCache', () => {
  it('keeps what a file scope caches until the scope ends', () => {
    const cache = new FileCache<object, string>();
    const key = {};
    inFileScope(() => {
      cache.set(key, 'a');
      expect(cache.get(key)).toBe('a');
      inFileScope(() => expect(cache.get(key)).toBe('a'));
      expect(cache.get(key)).toBe('a');
    });
    expect(cache.get(key)).toBeUndefined();
  });

  it('keeps what is cached outside any scope, and shows it inside one', () => {
    const cache = new FileCache<object, string>();
    const key = {};
    cache.set(key, 'b');
    inFileScope(() => expect(cache.get(key)).toBe('b'));
    expect(cache.get(key)).toBe('b');
  });

  it('drops the scope even when linting throws', () => {
    const cache = new FileCache<object, string>();
    const key = {};
    expect(() =>
      inFileScope(() => {
        cache.set(key, 'c');
        throw new Error('boom');
      }),
    ).toThrow('boom');
    expect(cache.get(key)).toBeUndefined();
  });
});

describe('lintFiles over many files', () => {
  const dir = join(REPO_ROOT, 'test', 'lint', 'fixtures', 'dockerfiles');
  const inputs: LintInput[] = readdirSync(dir)
    .filter((name) => !name.endsWith('.md'))
    .sort()
    .map((name) => ({ name, text: readFileSync(join(dir, name), 'utf8') }));

  it('reports for each file what linting it alone reports, in either order', async () => {
    expect(inputs.length).toBeGreaterThanOrEqual(10);
    const alone: Array<FileLint | undefined> = [];
    for (const input of inputs) alone.push((await lintFiles([input], settings())).files[0]);
    const together = await lintFiles([...inputs, ...inputs].reverse(), settings());
    const n = inputs.length;
    together.files.forEach((f, i) => {
      const expected = alone[(2 * n - 1 - i) % n];
      expect(f.findings).toEqual(expected?.findings);
      expect(f.fixes).toEqual(expected?.fixes);
    });
  });
});
