/**
 * Trivy's secret-scanner tests (../shared/conformance/secrets: trivy-secret-scanner-cases.json with
 * its configs and inputs in trivy-testdata/, and trivy-secret-examples.json derived from them) against
 * drydock: the built-in rules (Trivy ids mapped to drydock's, which are gitleaks' where gitleaks has the
 * rule) and Trivy-format configs loaded by config.ts. Compared: which rules report on which lines, and
 * the secret's offset where both tools put it at the same byte. Every difference is listed with its
 * reason; a listed case that starts agreeing fails the test.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseSecretConfigYaml } from '../../src/secrets/config.js';
import { BUILTIN_ALLOWLISTS, SECRET_RULES } from '../../src/secrets/rules/index.js';
import { compileRules, scanContent } from '../../src/secrets/scanner.js';
import { REPO_ROOT } from '../helpers/fixtures.js';

const DIR = join(REPO_ROOT, '../shared/conformance/secrets');
const TESTDATA = join(DIR, 'trivy-testdata');
const DEFAULTS = { rules: SECRET_RULES, allowlists: BUILTIN_ALLOWLISTS };
const OURS = new Set(SECRET_RULES.map((r) => r.id));

/** Trivy rule id → drydock's (gitleaks') id for the same secret. */
const TRIVY_TO_DRYDOCK: Readonly<Record<string, string>> = {
  'aws-access-key-id': 'aws-access-token',
  'hugging-face-access-token': 'huggingface-access-token',
  'grafana-api-token': 'grafana-api-key',
  'jwt-token': 'jwt',
  'azure-entra-client-secret': 'azure-ad-client-secret',
  'openai-project-api-key': 'openai-api-key',
  'openai-service-account-key': 'openai-api-key',
  'openai-admin-api-key': 'openai-api-key',
  'openai-legacy-api-key': 'openai-api-key',
  'openai-service-api-key': 'openai-api-key',
  'stripe-secret-token': 'stripe-access-token',
  'slack-web-hook': 'slack-webhook-url',
};
const ours = (trivyId: string): string => TRIVY_TO_DRYDOCK[trivyId] ?? trivyId;

/** Rules Trivy has and drydock deliberately does not ship. */
const NOT_SHIPPED: Readonly<Record<string, string>> = {
  'stripe-publishable-token': 'publishable keys (pk_live_/pk_test_) are public by design: they are embedded in web pages',
};

/** Scanner cases answered differently (by test name). */
const CASE_DIFFERENCES: Readonly<Record<string, string>> = {
  'should ignore .md files by default':
    "Trivy skips every *.md; drydock skips Markdown only inside installed packages (known-safe path package-markdown): an application's own README with a real token is still a leak",
  'skip examples file':
    'Trivy skips every path containing "example"; drydock does not: an example config copied into an image with a real key in it is still a leak',
  'invalid aws secrets':
    'line 6 assigns a 70-char random-looking value to "AWS_key"; Trivy has no generic rule, drydock\'s generic-api-key (gitleaks\' rule) reports it, as gitleaks does',
};

/** Offsets that differ by design (test name → reason). */
const OFFSET_DIFFERENCES: Readonly<Record<string, string>> = {
  'find Asymmetric Private Key secrets json': 'the key body starts after the JSON-escaped line break (`\\n`); Trivy counts the backslash as part of the body',
  'find grafana secret': "Trivy's grafana rule has no secret group, so its location includes the opening quote",
};

/** trivy-secret-examples.json cases answered differently (file → reason). */
const EXAMPLE_DIFFERENCES: Readonly<Record<string, string>> = {
  'example-secret.txt': CASE_DIFFERENCES['skip examples file'] ?? '',
  'invalid-aws-secrets.txt': CASE_DIFFERENCES['invalid aws secrets'] ?? '',
};

interface Finding {
  readonly RuleID: string;
  readonly StartLine: number;
  readonly Offset: number;
}
interface ScannerCase {
  readonly name: string;
  readonly configPath: string;
  readonly inputFile: string;
  readonly scanArgsFilePath: string;
  readonly want: { readonly Findings?: readonly Finding[] } | null;
}
interface Example {
  readonly ruleId: string;
  readonly example: string;
  readonly shouldMatch: boolean;
  readonly file: string;
}

const SCANNER_CASES = (JSON.parse(readFileSync(join(DIR, 'trivy-secret-scanner-cases.json'), 'utf8')) as { TestSecretScanner: ScannerCase[] }).TestSecretScanner;
const EXAMPLES = (JSON.parse(readFileSync(join(DIR, 'trivy-secret-examples.json'), 'utf8')) as { cases: Example[] }).cases;

/** What drydock reports for a scanner case: `ruleId:line` set and hits. */
function runCase(c: ScannerCase) {
  const content = Buffer.from(readFileSync(join(TESTDATA, c.inputFile), 'latin1').replace(/\r/g, ''), 'latin1'); // as Trivy's test
  const cfg = parseSecretConfigYaml(readFileSync(join(TESTDATA, c.configPath), 'utf8'), c.configPath, DEFAULTS);
  const rules = compileRules(cfg.rules, { allowlists: cfg.allowlists, safePaths: cfg.safePaths, excludeBlocks: cfg.excludeBlocks });
  const hits = scanContent(content, c.scanArgsFilePath, rules);
  const want = (c.want?.Findings ?? []).filter((f) => NOT_SHIPPED[f.RuleID] === undefined).map((f) => ({ id: ours(f.RuleID), line: f.StartLine, offset: f.Offset }));
  const key = (id: string, line: number): string => `${id}:${line}`;
  const wantKeys = [...new Set(want.map((w) => key(w.id, w.line)))].sort();
  const gotKeys = [...new Set(hits.map((h) => key(h.ruleId, h.line)))].sort();
  const offsetsAgree = want.every((w) => hits.some((h) => h.ruleId === w.id && h.line === w.line && h.offset === w.offset));
  return { same: JSON.stringify(wantKeys) === JSON.stringify(gotKeys), offsetsAgree, wantKeys, gotKeys };
}

describe('Trivy TestSecretScanner cases', () => {
  const runnable = SCANNER_CASES.filter((c) => existsSync(join(TESTDATA, c.inputFile)));

  it('runs every case whose input is in trivy-testdata (obfuscated.js is not)', () => {
    expect(SCANNER_CASES.filter((c) => !runnable.includes(c)).map((c) => c.inputFile)).toEqual(['obfuscated.js']);
    expect(runnable.length).toBeGreaterThan(55);
  });

  it('same rules on the same lines, offsets where comparable; every difference explained', () => {
    const differ: string[] = [];
    const offsetDiffer: string[] = [];
    for (const c of runnable) {
      const r = runCase(c);
      if (!r.same) differ.push(`${c.name}: want ${r.wantKeys.join(',')} got ${r.gotKeys.join(',')}`);
      else if (!r.offsetsAgree) offsetDiffer.push(c.name);
    }
    expect(differ.filter((d) => CASE_DIFFERENCES[d.slice(0, d.indexOf(': want'))] === undefined)).toEqual([]);
    expect(offsetDiffer.filter((n) => OFFSET_DIFFERENCES[n] === undefined)).toEqual([]);
    // the lists are exact: a listed case that starts agreeing must be removed from them
    expect(differ.map((d) => d.slice(0, d.indexOf(': want'))).sort()).toEqual(Object.keys(CASE_DIFFERENCES).sort());
    expect(offsetDiffer.sort()).toEqual(Object.keys(OFFSET_DIFFERENCES).sort());
    const agree = runnable.length - differ.length;
    process.stdout.write(`Trivy scanner cases: ${agree}/${runnable.length} agree, offsets differ by design in ${offsetDiffer.length}\n`);
  });
});

describe('trivy-secret-examples.json', () => {
  const builtin = compileRules(SECRET_RULES, { allowlists: BUILTIN_ALLOWLISTS });

  /** The example is the finding's lines only: for a multi-line private key that leaves out BEGIN/END. */
  const comparable = (e: Example): boolean => !(e.ruleId === 'private-key' && !e.example.includes('-----BEGIN'));

  it('agrees on every comparable example of a shipped rule, differences explained', () => {
    const differ: string[] = [];
    let total = 0;
    for (const e of EXAMPLES) {
      if (NOT_SHIPPED[e.ruleId] !== undefined || !comparable(e)) continue;
      const id = e.ruleId === '*' ? '*' : ours(e.ruleId);
      expect(id === '*' || OURS.has(id), id).toBe(true);
      total++;
      const hits = scanContent(Buffer.from(e.example, 'utf8'), `testdata/${e.file}`, builtin);
      const got = id === '*' ? hits.length > 0 : hits.some((h) => h.ruleId === id);
      if (got !== e.shouldMatch) differ.push(e.file);
    }
    expect([...new Set(differ)].sort()).toEqual(Object.keys(EXAMPLE_DIFFERENCES).sort());
    process.stdout.write(`Trivy examples: ${total - differ.length}/${total} agree\n`);
    expect(total).toBeGreaterThan(45);
  });
});
