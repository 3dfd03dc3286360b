import { describe, expect, it } from 'vitest';
import { nodeFileResult } from '../../../../src/inventory/parsers/node/file-results.js';
import { parseNpmLock } from '../../../../src/inventory/parsers/node/npm-lock.js';
import { parsePnpmLock } from '../../../../src/inventory/parsers/node/pnpm-lock.js';
import { parseYarnLock } from '../../../../src/inventory/parsers/node/yarn-lock.js';

/** Lock files and manifests made to hurt: they become unknowns or results, quickly, never throws. */
describe('hostile JavaScript files', () => {
  it('a YAML alias bomb in pnpm-lock.yaml or a berry yarn.lock is refused', () => {
    const lines = ['lockfileVersion: "9.0"', 'a0: &a0 [x, x, x, x, x, x, x, x, x, x]'];
    for (let i = 1; i < 12; i++) lines.push(`a${i}: &a${i} [${Array.from({ length: 10 }, () => `*a${i - 1}`).join(', ')}]`);
    lines.push('importers: *a11');
    const t = performance.now();
    expect(parsePnpmLock(lines.join('\n')).problems).toEqual(['not valid YAML']);
    expect(parseYarnLock(`__metadata:\n  version: 8\n${lines.slice(1).join('\n')}\n`).problems).toEqual(['not valid YAML']);
    expect(performance.now() - t).toBeLessThan(2000);
  });

  it('a package-lock.json v1 nested thousands of levels deep is read to a depth cap, without recursion', () => {
    // written by hand: JSON.stringify itself recurses
    const n = 5000;
    let text = '';
    for (let i = 0; i < n; i++) text += `"p${i}": {"version": "1.0.0", "requires": {"p${i + 1}": "1.0.0"}, "dependencies": {`;
    text = `{"lockfileVersion": 1, "dependencies": {${text}${'}}'.repeat(n)}}}`;
    const t = performance.now();
    const graph = parseNpmLock(text);
    expect(performance.now() - t).toBeLessThan(1000);
    expect(graph.problems).toEqual(['dependencies nested deeper than 64 levels, not read']);
    expect(graph.packages).toHaveLength(64);
    expect(graph.packages.find((p) => p.name === 'p0')?.dependsOn).toEqual(['p1@1.0.0']);
  });

  it('JSON nested too deep for the parser is an unknown, not a crash', () => {
    const deep = `${'['.repeat(2_000_000)}${']'.repeat(2_000_000)}`;
    expect(nodeFileResult('app/package-lock.json', Buffer.from(deep))?.unknowns?.length).toBe(1);
    expect(nodeFileResult('app/node_modules/x/package.json', Buffer.from(deep))?.unknowns).toEqual(['package.json: not a JSON object']);
    const deepObject = `{"name": "x", "version": "1.0.0", "dependencies": ${'['.repeat(500_000)}${']'.repeat(500_000)}, "license": ${'{"type": '.repeat(100_000)}"MIT"${'}'.repeat(100_000)}}`;
    const r = nodeFileResult('app/node_modules/x/package.json', Buffer.from(deepObject));
    expect(r?.packages?.map((p) => [p.name, p.licenses])).toEqual([['x', []]]);
    expect(r?.unknowns).toHaveLength(1);
    const deepYaml = `lockfileVersion: '9.0'\nimporters: ${'['.repeat(100_000)}${']'.repeat(100_000)}\n`;
    expect(nodeFileResult('app/pnpm-lock.yaml', Buffer.from(deepYaml))?.unknowns?.length).toBe(1);
  });

  it('a big yarn.lock parses in linear time', () => {
    const entries: string[] = [];
    for (let i = 0; i < 30_000; i++) entries.push(`p${i}@^1.0.0:\n  version "1.0.${i}"\n  dependencies:\n    p${(i + 1) % 30_000} "^1.0.0"\n`);
    const t = performance.now();
    const graph = parseYarnLock(entries.join('\n'));
    expect(graph.packages).toHaveLength(30_000);
    expect(performance.now() - t).toBeLessThan(5000);
  });

  it('binary garbage in lock files and manifests', () => {
    const junk = Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256));
    for (const path of ['a/package-lock.json', 'a/yarn.lock', 'a/pnpm-lock.yaml', 'a/bun.lock', 'a/package.json', 'a/node_modules/x/package.json']) {
      const r = nodeFileResult(path, junk);
      expect(r?.packages ?? [], path).toEqual([]);
    }
  });
});
