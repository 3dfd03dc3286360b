/**
 * Hadolint's own rule tests (../shared/conformance/hadolint-rule-cases.json: 1,100+ cases from
 * test/Hadolint/Rule/*Spec.hs, PragmaSpec.hs, ShellcheckSpec.hs, RegressionSpec.hs) run as one table.
 * At least 98% must agree; every case drydock answers differently is listed in DIFFERENCES with the
 * reason, and a listed case that starts agreeing fails the test (so the list never goes stale).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { lintFiles, type EngineSettings, type FileLint } from '../../src/lint/engine.js';
import type { LintLevel } from '../../src/lint/rule.js';
import { RULES } from '../../src/lint/rules/index.js';
import { REPO_ROOT } from '../helpers/fixtures.js';

interface Case {
  rule: string;
  dockerfile: string;
  dockerfileOnbuild?: string;
  expectViolation: boolean;
  expectCount?: number;
  onbuild: boolean;
  config?: { allowedRegistries?: string[]; labelSchema?: Record<string, string>; strictLabels?: boolean; ignoreRules?: string[] };
  description: string;
  source: string;
}

const CASES = (JSON.parse(readFileSync(join(REPO_ROOT, '..', 'shared', 'conformance', 'hadolint-rule-cases.json'), 'utf8')) as { cases: Case[] }).cases;

/** Cases where drydock deliberately answers differently from Hadolint, keyed by `source#onbuild`. */
const DIFFERENCES: Readonly<Record<string, string>> = {
  'test/Hadolint/Rule/DL3009Spec.hs:92':
    'the case text has `\\` followed by spaces mid-line (a newline lost in the Haskell source); BuildKit continues a line only when the escape ends it, so the second --mount is not a RUN flag and /var/cache/apt is not a cache mount',
  'test/Hadolint/Rule/DL3009Spec.hs:98#onbuild':
    'the case text has `\\` followed by spaces mid-line (a newline lost in the Haskell source); BuildKit continues a line only when the escape ends it, so the second --mount is not a RUN flag and /var/cache/apt is not a cache mount',
  'test/Hadolint/Rule/DL3033Spec.hs:80':
    'an ARG declared in another stage is out of scope in BuildKit, so ${version} expands to empty and the package is unpinned',
  'test/Hadolint/Rule/DL3041Spec.hs:111':
    'an ARG declared in another stage is out of scope in BuildKit, so ${version} expands to empty and the package is unpinned',
};

const keyOf = (c: Case): string => `${c.source}${c.onbuild ? '#onbuild' : ''}`;

/** Rules that are off by default (level ignore) are switched on so their own cases can be checked. */
function settingsFor(config: Case['config'], enableAll: boolean): EngineSettings {
  const overrides = new Map<string, LintLevel>();
  if (enableAll) for (const r of RULES) if (r.level === 'ignore') overrides.set(r.code, 'info');
  return {
    ignored: new Set(config?.ignoreRules ?? []),
    overrides,
    disableIgnorePragma: false,
    shellcheck: true,
    rule: {
      trustedRegistries: config?.allowedRegistries ?? [],
      labelSchema: new Map(Object.entries(config?.labelSchema ?? {})),
      strictLabels: config?.strictLabels ?? false,
      dockerignore: undefined,
    },
  };
}

function textOf(c: Case): string {
  // Hadolint's test helpers append one newline before parsing.
  return `${c.onbuild && c.dockerfileOnbuild !== undefined ? c.dockerfileOnbuild : c.dockerfile}\n`;
}

function agrees(c: Case, file: FileLint): boolean {
  // Hadolint's own families only: drydock's DD rules (and its DD000 parse warnings) are not Hadolint's to judge.
  const codes = file.findings.map((f) => f.code).filter((c) => c.startsWith('DL') || c.startsWith('SC'));
  const count = c.rule === '*' ? codes.length : c.rule === 'SC*' ? codes.filter((x) => x.startsWith('SC')).length : codes.filter((x) => x === c.rule).length;
  if (c.expectCount !== undefined) return count === c.expectCount;
  return c.expectViolation ? count > 0 : count === 0;
}

describe('Hadolint rule cases', () => {
  const outcome = new Map<Case, FileLint>();

  beforeAll(async () => {
    // One lint run per distinct configuration: every case is its own file, so ShellCheck starts once per group.
    const groups = new Map<string, Case[]>();
    for (const c of CASES) {
      const key = `${c.rule === '*' ? 'default' : 'all'}\u0000${JSON.stringify(c.config ?? {})}`;
      groups.set(key, [...(groups.get(key) ?? []), c]);
    }
    for (const [key, list] of groups) {
      const run = await lintFiles(
        list.map((c, i) => ({ name: `case-${i}`, text: textOf(c) })),
        settingsFor(list[0]?.config, !key.startsWith('default')),
      );
      list.forEach((c, i) => outcome.set(c, run.files[i] as FileLint));
    }
  }, 120_000);

  it('agrees with Hadolint on at least 98% of its cases; every difference is explained', () => {
    const disagreeing = CASES.filter((c) => !agrees(c, outcome.get(c) as FileLint));
    const unexplained = disagreeing
      .filter((c) => DIFFERENCES[keyOf(c)] === undefined)
      .map((c) => `${keyOf(c)} [${c.rule}] ${c.description}: expected ${c.expectCount ?? (c.expectViolation ? 'a violation' : 'none')}, got ${JSON.stringify(outcome.get(c)?.findings.map((f) => `${f.code}@${f.line}`))}\n    ${JSON.stringify(textOf(c))}`);
    expect(unexplained, unexplained.join('\n')).toEqual([]);
    const stale = Object.keys(DIFFERENCES).filter((k) => !disagreeing.some((c) => keyOf(c) === k));
    expect(stale, 'listed differences that now agree').toEqual([]);
    const agreement = 1 - disagreeing.length / CASES.length;
    expect(agreement).toBeGreaterThanOrEqual(0.98);
  });

  it('covers every Hadolint rule the cases test', () => {
    const codes = new Set(RULES.map((r) => r.code));
    const tested = [...new Set(CASES.map((c) => c.rule))].filter((r) => r.startsWith('DL'));
    expect(tested.filter((r) => !codes.has(r))).toEqual([]);
  });
});
