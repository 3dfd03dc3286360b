/**
 * The meta-test of the built-in secret rules: every rule's own examples (each must-match example
 * yields a finding of that rule, each must-not-match example none), and the registry's invariants:
 * every rule file is listed, ids are unique and are gitleaks' ids wherever gitleaks has the rule.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseToml } from 'smol-toml';
import { describe, expect, it } from 'vitest';
import { SEVERITIES } from '../../src/core/severity.js';
import { BUILTIN_ALLOWLISTS, SECRET_RULES } from '../../src/secrets/rules/index.js';
import { compileRules, scanContent } from '../../src/secrets/scanner.js';
import { REPO_ROOT } from '../helpers/fixtures.js';

const RULES_DIR = join(REPO_ROOT, 'src/secrets/rules');
const GITLEAKS_IDS = new Set(
  (parseToml(readFileSync(join(REPO_ROOT, '../shared/conformance/secrets/gitleaks-default-config.toml'), 'utf8')) as { rules: Array<{ id: string }> }).rules.map((r) => r.id),
);

/** Built-in ids that are not in gitleaks' default config, and where they come from. */
const NOT_GITLEAKS: Readonly<Record<string, string>> = {
  'aws-secret-access-key': 'Trivy',
  'gcp-service-account': "gitleaks' rule sources (not in its default config)",
  'azure-storage-account-key': 'Trivy',
  'azure-sas-token': 'Trivy',
  'azure-devops-pat': 'Trivy',
  'azure-container-registry-credential': 'Trivy',
  'azure-container-registry-password': 'Trivy',
  'azure-app-config-connection-string': 'Trivy',
  'azure-ai-services-key': 'Trivy',
  'openai-realtime-client-secret': 'Trivy',
  'dockerconfig-secret': 'Trivy',
  'private-packagist-token': 'Trivy',
  'symfony-default-secret': 'Trivy',
  'maven-settings-password': 'Trivy',
  'maven-settings-passphrase': 'Trivy',
  'maven-settings-security-master': 'Trivy',
  'npmrc-auth': 'drydock',
  'dockerhub-pat': 'drydock',
  'docker-config-auth': 'drydock',
  'database-url-password': 'drydock',
};

describe('built-in secret rules: own examples', () => {
  for (const rule of SECRET_RULES) {
    it(rule.id, () => {
      const compiled = compileRules([rule], { allowlists: BUILTIN_ALLOWLISTS });
      const path = rule.examples.path ?? 'app/config.txt';
      expect(rule.examples.match.length, 'at least one must-match example').toBeGreaterThan(0);
      expect(rule.examples.noMatch.length, 'at least one must-not-match example').toBeGreaterThan(0);
      for (const text of rule.examples.match) {
        const hits = scanContent(Buffer.from(text, 'utf8'), path, compiled);
        expect(hits.map((h) => h.ruleId), `must match: ${JSON.stringify(text)}`).toContain(rule.id);
      }
      for (const text of rule.examples.noMatch) {
        const hits = scanContent(Buffer.from(text, 'utf8'), path, compiled);
        expect(hits.map((h) => h.ruleId), `must not match: ${JSON.stringify(text)}`).not.toContain(rule.id);
      }
    });
  }
});

describe('built-in secret rule registry', () => {
  it('ids are unique, keywords lower-case and non-empty, severities valid, titles present', () => {
    const ids = SECRET_RULES.map((r) => r.id);
    expect(ids.filter((id, i) => ids.indexOf(id) !== i)).toEqual([]);
    for (const r of SECRET_RULES) {
      expect(r.keywords.length, r.id).toBeGreaterThan(0);
      for (const k of r.keywords) expect(k, r.id).toBe(k.toLowerCase());
      expect(SEVERITIES, r.id).toContain(r.severity);
      expect(r.title.trim(), r.id).not.toBe('');
    }
    expect(() => compileRules(SECRET_RULES, { allowlists: BUILTIN_ALLOWLISTS })).not.toThrow();
  });

  it("ids are gitleaks' where gitleaks has the rule; the others are accounted for", () => {
    for (const r of SECRET_RULES) {
      if (GITLEAKS_IDS.has(r.id)) continue;
      expect(NOT_GITLEAKS[r.id], `${r.id} is neither a gitleaks id nor listed as Trivy's/drydock's`).toBeDefined();
    }
    for (const id of Object.keys(NOT_GITLEAKS)) expect(SECRET_RULES.map((r) => r.id), id).toContain(id);
  });

  it('every rule file exports rules that are all in SECRET_RULES', async () => {
    const files = readdirSync(RULES_DIR).filter((f) => f.endsWith('.ts') && f !== 'index.ts' && f !== 'parts.ts');
    expect(files.length).toBeGreaterThan(30);
    const listed = new Set(SECRET_RULES);
    for (const f of files) {
      const exported = Object.values((await import(join(RULES_DIR, f))) as Record<string, unknown>).filter(Array.isArray);
      expect(exported.length, `${f} exports a rule list`).toBeGreaterThan(0);
      for (const list of exported) for (const rule of list as object[]) expect(listed.has(rule as never), `${f}: ${JSON.stringify((rule as { id?: string }).id)}`).toBe(true);
    }
  });

  it('no rule example is an allow-listed placeholder and no must-match example is found by no rule at all', () => {
    const all = compileRules(SECRET_RULES, { allowlists: BUILTIN_ALLOWLISTS });
    for (const r of SECRET_RULES) {
      for (const text of r.examples.match) expect(scanContent(Buffer.from(text), r.examples.path ?? 'app/x', all).length, r.id).toBeGreaterThan(0);
    }
  });
});
