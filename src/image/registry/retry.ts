import { setTimeout as sleepMs } from 'node:timers/promises';
import type { RetryOptions } from './options.js';

/**
 * Milliseconds a `Retry-After` header asks us to wait: delta-seconds or an HTTP-date.
 * Undefined when absent or unreadable; never negative.
 */
export function parseRetryAfter(value: string | undefined, nowMs: number): number | undefined {
  if (value === undefined) return undefined;
  const text = value.trim();
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  // An HTTP-date names a weekday and month; anything without letters (like "-5") is not one.
  if (!/[A-Za-z]/.test(text)) return undefined;
  const when = Date.parse(text);
  if (Number.isNaN(when)) return undefined;
  return Math.max(0, when - nowMs);
}

/**
 * Exponential backoff with "equal jitter": half the step is fixed, half random, so retries of
 * many clients spread out but never shrink to zero. `retryIndex` is 0 for the first retry.
 */
export function backoffDelay(retryIndex: number, policy: RetryOptions, random: () => number = Math.random): number {
  const step = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** retryIndex);
  return Math.round(step / 2 + (step / 2) * random());
}

/** How long to wait before the next try: the registry's Retry-After (capped) wins over backoff. */
export function retryDelay(retryIndex: number, policy: RetryOptions, retryAfterMs: number | undefined, random?: () => number): number {
  if (retryAfterMs !== undefined) return Math.min(retryAfterMs, policy.maxRetryAfterMs);
  return backoffDelay(retryIndex, policy, random);
}

export interface RetryHooks<T> {
  /** Should this result be retried, and did the server say when? */
  judge(result: T): { retry: boolean; retryAfterMs?: number | undefined };
  /** May this thrown error be retried (a network error), or is it final? */
  retryableError(err: unknown): boolean;
  /** Release a result that is being dropped for a retry (drain its body). */
  release(result: T): Promise<void>;
  sleep?: (ms: number) => Promise<void>;
}

/**
 * Run `attempt` up to `policy.attempts` times. The last result is returned even when it would be
 * retried (the caller maps it to an error); the last retryable error is rethrown.
 */
export async function withRetry<T>(policy: RetryOptions, attempt: () => Promise<T>, hooks: RetryHooks<T>): Promise<T> {
  const sleep = hooks.sleep ?? ((ms: number) => sleepMs(ms).then(() => undefined));
  const tries = Math.max(1, policy.attempts);
  for (let i = 0; ; i++) {
    const last = i === tries - 1;
    let result: T;
    try {
      result = await attempt();
    } catch (err) {
      if (last || !hooks.retryableError(err)) throw err;
      await sleep(retryDelay(i, policy, undefined));
      continue;
    }
    const verdict = hooks.judge(result);
    if (!verdict.retry || last) return result;
    await hooks.release(result);
    await sleep(retryDelay(i, policy, verdict.retryAfterMs));
  }
}
