/** Helpers for the DD rule tests: finding positions, and token-shaped test values built at run time. */
import type { LintFinding } from '../../../src/lint/rule.js';

/** `[line, column]` of each finding. */
export function positions(findings: readonly LintFinding[]): Array<[number, number]> {
  return findings.map((f) => [f.line, f.column]);
}

/**
 * A deterministic random-looking string of `n` characters from `alphabet` (a linear congruential
 * sequence: no Math.random, so tests are reproducible). Test tokens are assembled from a prefix and
 * such a body at run time, so no credential-shaped string sits in the repository for secret scanners.
 */
export function fakeBody(n: number, seed = 7, alphabet = 'abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789'): string {
  let x = seed;
  let out = '';
  for (let i = 0; i < n; i++) {
    x = (x * 1103515245 + 12345) % 2147483648;
    out += alphabet[(x >>> 16) % alphabet.length];
  }
  return out;
}

/** Lines joined with `\n`, ending with a newline. */
export function dockerfile(...lines: string[]): string {
  return `${lines.join('\n')}\n`;
}
