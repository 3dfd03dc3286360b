import { describe, expect, it } from 'vitest';
import { backoffDelay, parseRetryAfter, retryDelay, withRetry } from '../../../src/image/registry/retry.js';
import { DEFAULT_RETRY, type RetryOptions } from '../../../src/image/registry/options.js';

const POLICY: RetryOptions = { attempts: 4, baseDelayMs: 100, maxDelayMs: 1000, maxRetryAfterMs: 5000 };
const NOW = Date.parse('2025-01-01T00:00:00Z');

describe('parseRetryAfter', () => {
  it.each([
    ['120', 120_000],
    [' 0 ', 0],
    ['Wed, 01 Jan 2025 00:00:30 GMT', 30_000],
    ['Tue, 31 Dec 2024 23:00:00 GMT', 0],
    ['soon', undefined],
    ['-5', undefined],
    [undefined, undefined],
  ])('%s → %s ms', (value, expected) => {
    expect(parseRetryAfter(value, NOW)).toBe(expected);
  });
});

describe('backoff', () => {
  it('doubles per retry within [step/2, step], capped at maxDelayMs', () => {
    expect([0, 1, 2, 3, 4, 10].map((i) => backoffDelay(i, POLICY, () => 0))).toEqual([50, 100, 200, 400, 500, 500]);
    expect([0, 1, 2, 3, 4, 10].map((i) => backoffDelay(i, POLICY, () => 1))).toEqual([100, 200, 400, 800, 1000, 1000]);
  });

  it('lets Retry-After win, capped by maxRetryAfterMs', () => {
    expect(retryDelay(0, POLICY, 3000)).toBe(3000);
    expect(retryDelay(0, POLICY, 60_000)).toBe(5000);
    expect(DEFAULT_RETRY.attempts).toBeGreaterThan(1);
  });
});

describe('withRetry', () => {
  const hooks = (slept: number[]) => ({
    judge: (r: number) => ({ retry: r >= 500, retryAfterMs: r === 503 ? 7 : undefined }),
    retryableError: (e: unknown) => e instanceof Error && e.message === 'reset',
    release: async () => undefined,
    sleep: async (ms: number) => {
      slept.push(ms);
    },
  });

  it('retries retryable results and errors, then returns the first good result', async () => {
    const answers: Array<number | Error> = [new Error('reset'), 503, 502, 200];
    const slept: number[] = [];
    const result = await withRetry(POLICY, async () => {
      const a = answers.shift()!;
      if (a instanceof Error) throw a;
      return a;
    }, hooks(slept));
    expect(result).toBe(200);
    expect(slept).toHaveLength(3);
    expect(slept[1]).toBe(7);
  });

  it('returns the last result when attempts run out, and rethrows final errors at once', async () => {
    const slept: number[] = [];
    let calls = 0;
    expect(await withRetry({ ...POLICY, attempts: 2 }, async () => (calls++, 500), hooks(slept))).toBe(500);
    expect(calls).toBe(2);
    await expect(withRetry(POLICY, async () => { throw new Error('fatal'); }, hooks(slept))).rejects.toThrow('fatal');
    expect(slept).toHaveLength(1);
  });
});
