import { describe, expect, it } from 'vitest';
import { parseCargoLock } from '../../../../src/inventory/parsers/rust/cargo-lock.js';

const CRATES_IO = 'registry+https://github.com/rust-lang/crates.io-index';
const FORK = 'git+https://github.com/me/serde?branch=fix#abcdef';

describe('parseCargoLock', () => {
  it('resolves v1 references with their source: a git fork and the registry crate of the same name and version stay apart', () => {
    const text = [
      '[[package]]',
      'name = "app"',
      'version = "0.1.0"',
      'dependencies = [',
      ` "serde 1.0.100 (${FORK})",`,
      ' "helper 0.1.0",',
      ']',
      '',
      '[[package]]',
      'name = "helper"',
      'version = "0.1.0"',
      `dependencies = ["serde 1.0.100 (${CRATES_IO})"]`,
      '',
      '[[package]]',
      'name = "serde"',
      'version = "1.0.100"',
      `source = "${CRATES_IO}"`,
      '',
      '[[package]]',
      'name = "serde"',
      'version = "1.0.100"',
      `source = "${FORK}"`,
      '',
    ].join('\n');
    const lock = parseCargoLock(text);
    expect(lock.problems).toEqual([]);
    expect(lock.version).toBe(1);
    const [app, helper, registry, fork] = lock.crates;
    expect(registry?.source).toBe(CRATES_IO);
    expect(fork?.source).toBe(FORK);
    expect(app?.dependencies).toEqual([1, 3]); // helper, the fork
    expect(helper?.dependencies).toEqual([2]); // the registry crate
  });

  it('takes the crate without a source for a reference without one when the name and version are shared', () => {
    const text = [
      'version = 3',
      '[[package]]\nname = "a"\nversion = "1.0.0"\ndependencies = ["b 1.0.0"]',
      `[[package]]\nname = "b"\nversion = "1.0.0"\nsource = "${CRATES_IO}"`,
      '[[package]]\nname = "b"\nversion = "1.0.0"',
      '[[package]]\nname = "c"\nversion = "1.0.0"\ndependencies = ["b", "b 1.0.0 (git+https://x/y#1)"]',
      '',
    ].join('\n');
    const lock = parseCargoLock(text);
    expect(lock.crates[0]?.dependencies).toEqual([2]);
    expect(lock.problems).toEqual([
      'c 1.0.0: dependency "b" is ambiguous (several versions of it are locked)',
      'c 1.0.0: dependency "b 1.0.0 (git+https://x/y#1)" is not in the lock file (no crate of that name and version has that source)',
    ]);
  });

  it('reads 60,000 versions of one crate, each depending on the next, in linear time', () => {
    const n = 60_000;
    const parts = ['version = 3', ''];
    for (let i = 0; i < n; i++) {
      parts.push('[[package]]', 'name = "x"', `version = "0.0.${i}"`, `source = "${CRATES_IO}"`);
      if (i + 1 < n) parts.push(`dependencies = ["x 0.0.${i + 1}"]`);
      parts.push('');
    }
    const lock = parseCargoLock(parts.join('\n'));
    expect(lock.problems).toEqual([]);
    expect(lock.crates.length).toBe(n);
    expect(lock.crates[0]?.dependencies).toEqual([1]);
    expect(lock.crates[n - 2]?.dependencies).toEqual([n - 1]);
    expect(lock.crates[n - 1]?.dependencies).toEqual([]);
    expect(lock.crates.every((c, i) => c.version === `0.0.${i}`)).toBe(true);
  }, 15_000); // linear: about a second (re-spreading the version list per crate took ~20 s)
});
