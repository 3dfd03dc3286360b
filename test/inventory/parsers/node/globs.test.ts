import { describe, expect, it } from 'vitest';
import { matchesWorkspaces } from '../../../../src/inventory/parsers/node/globs.js';

describe('workspace globs', () => {
  it.each([
    ['packages/a', ['packages/*'], true],
    ['packages/a/b', ['packages/*'], false],
    ['packages/a/b', ['packages/**'], true],
    ['apps/web', ['./apps/web/'], true],
    ['apps/web', ['apps/w?b'], true],
    ['libs/ui-kit', ['libs/ui-*'], true],
    ['libs/private-x', ['libs/*', '!libs/private-*'], false],
    ['tools', ['packages/*'], false],
    ['a/b/c/d', ['**/d'], true],
  ])('%s against %j → %s', (dir, patterns, want) => {
    expect(matchesWorkspaces(dir, patterns)).toBe(want);
  });

  it('does not backtrack exponentially', () => {
    const t = performance.now();
    expect(matchesWorkspaces(`${'a/'.repeat(30)}b`, ['**/**/**/**/**/**/**/c'])).toBe(false);
    expect(matchesWorkspaces('a'.repeat(5000), [`${'*a'.repeat(50)}b`])).toBe(false);
    expect(performance.now() - t).toBeLessThan(1000);
  });
});
