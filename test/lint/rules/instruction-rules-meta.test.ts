/**
 * The instruction rules carry Hadolint's levels and messages (../shared/conformance/hadolint-rules.json:
 * the severity and message bound in each rule's Haskell source), and each has its own test file.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { INSTRUCTION_RULES } from '../../../src/lint/rules/list-instructions.js';
import { REPO_ROOT } from '../../helpers/fixtures.js';

interface HadolintRule {
  code: string;
  sourceSeverity: string;
  sourceMessage: string | null;
}

const HADOLINT = new Map(
  (JSON.parse(readFileSync(join(REPO_ROOT, '../shared/conformance/hadolint-rules.json'), 'utf8')) as { rules: HadolintRule[] }).rules.map((r) => [r.code, r]),
);

describe('instruction rules metadata', () => {
  it.each(INSTRUCTION_RULES.map((r) => [r.code, r] as const))('%s has Hadolint level and message', (code, rule) => {
    const h = HADOLINT.get(code);
    expect(h, `${code} is a Hadolint rule`).toBeDefined();
    expect(rule.level).toBe(h?.sourceSeverity);
    const message = h?.sourceMessage ?? null;
    // Messages naming a label are cut at the name in the extracted data: compare up to it.
    if (message !== null && message.endsWith('`')) expect(rule.message.startsWith(message)).toBe(true);
    else if (message !== null) expect(rule.message).toBe(message);
    expect(existsSync(join(REPO_ROOT, 'test/lint/rules', `${code}.test.ts`))).toBe(true);
  });

  it('lists each rule once, in code order', () => {
    const codes = INSTRUCTION_RULES.map((r) => r.code);
    expect(codes).toEqual([...new Set(codes)].sort());
  });
});
