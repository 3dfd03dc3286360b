import { describe, expect, it } from 'vitest';
import { existsSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createAnalyzers } from '../src/inventory/analyzers/index.js';

const root = fileURLToPath(new URL('..', import.meta.url));

describe('plug-in registries', () => {
  it('every analyzer file is in the analyzer list, and every analyzer has a test file', () => {
    const files = readdirSync(`${root}/src/inventory/analyzers`).filter((f) => f.endsWith('.ts') && f !== 'index.ts');
    const ids = createAnalyzers({ now: new Date() }).map((a) => a.id);
    expect(new Set(ids).size).toBe(ids.length);
    // the OS first (purls need it), then the OS package databases (language packages fold into them)
    expect(ids.slice(0, 4)).toEqual(['os', 'dpkg', 'apk', 'rpm']);
    expect([...ids].sort()).toEqual(files.map((f) => f.replace(/\.ts$/, '')).sort());
    for (const id of ids) expect(existsSync(`${root}/test/inventory/analyzers/${id}.test.ts`), `test for analyzer ${id}`).toBe(true);
  });
});
