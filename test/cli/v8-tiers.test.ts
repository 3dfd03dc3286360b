import { cachedDataVersionTag } from 'node:v8';
import { describe, expect, it } from 'vitest';
import { withoutOptimizingCompiler } from '../../src/cli/v8-tiers.js';

describe('withoutOptimizingCompiler', () => {
  it('turns TurboFan off for the work only (V8 flags, hence the code-cache tag, are restored)', async () => {
    const before = cachedDataVersionTag();
    let during = 0;
    expect(await withoutOptimizingCompiler(async () => ((during = cachedDataVersionTag()), 42))).toBe(42);
    expect(during).not.toBe(before);
    expect(cachedDataVersionTag()).toBe(before);
  });

  it('restores the flags when the work fails', async () => {
    const before = cachedDataVersionTag();
    await expect(withoutOptimizingCompiler(() => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(cachedDataVersionTag()).toBe(before);
  });

  it('leaves V8 alone when Node was started with a tiering flag of its own', async () => {
    const before = cachedDataVersionTag();
    let during = 0;
    await withoutOptimizingCompiler(async () => void (during = cachedDataVersionTag()), ['--no-opt']);
    expect(during).toBe(before);
  });
});
