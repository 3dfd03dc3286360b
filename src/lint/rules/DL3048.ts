import type { LintRule, Violation } from '../rule.js';
import { labelPairs } from './instructions/label-rules.js';

const KEY_CHARS = /^[a-z0-9.-]*$/;
const FIRST = /^[a-z]/;
const LAST = /[a-z0-9]$/;
const RESERVED_NAMESPACES = ['com.docker.', 'io.docker.', 'org.dockerproject.'];

/**
 * Docker's label key guidelines, as Hadolint checks them: lower-case letters, digits, `.` and `-`;
 * starting with a letter and ending with a letter or digit; no `..` or `--`; not in the namespaces
 * Docker reserves.
 */
export function isValidLabelKey(key: string): boolean {
  return (
    FIRST.test(key) &&
    LAST.test(key) &&
    KEY_CHARS.test(key) &&
    !key.includes('..') &&
    !key.includes('--') &&
    !RESERVED_NAMESPACES.some((ns) => key.startsWith(ns))
  );
}

/** DL3048: a LABEL key that breaks Docker's key format guidelines. Points at the key. */
export const DL3048: LintRule = {
  code: 'DL3048',
  level: 'style',
  message: 'Invalid label key.',
  description: 'Label keys should be lower-case reverse-DNS names outside the namespaces Docker reserves.',
  check(ctx) {
    const out: Violation[] = [];
    for (const { pair } of labelPairs(ctx.doc)) if (!isValidLabelKey(pair.key.value)) out.push({ code: 'DL3048', span: pair.key.span });
    return out;
  },
};
