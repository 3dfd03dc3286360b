/**
 * `--secret-config FILE` (loadSecretConfig): drydock/Trivy YAML or gitleaks TOML, told apart by the
 * extension or, without one, by TOML table headers; the rule set it makes has its own cache key.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { AppError } from '../../src/core/errors.js';
import { loadSecretConfig, parseSecretConfigFile } from '../../src/secrets/config-file.js';
import { secretRuleSet } from '../../src/secrets/rule-set.js';
import { SECRET_RULES } from '../../src/secrets/rules/index.js';
import { scanContent } from '../../src/secrets/scanner.js';

const dir = mkdtempSync(join(tmpdir(), 'drydock-secret-config-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const ACME = `acme_${'k3Jx9QpL2vN8rT5w'}`;

const YAML = `rules:
  - id: acme-key
    title: ACME key
    severity: HIGH
    regex: 'acme_[a-zA-Z0-9]{16}'
    keywords: [acme_]
disable-rules: [github-pat]
`;

const TOML = `title = "team rules"
[[rules]]
id = "acme-key"
description = "ACME key"
regex = '''acme_[a-zA-Z0-9]{16}'''
keywords = ["acme_"]
`;

function write(name: string, text: string): string {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
}

describe('loadSecretConfig', () => {
  it('reads drydock/Trivy YAML: custom rules next to the built-in ones, minus the disabled', async () => {
    const cfg = await loadSecretConfig(write('secrets.yaml', YAML));
    const ids = cfg.rules.map((r) => r.id);
    expect(ids).toContain('acme-key');
    expect(ids).toContain('aws-access-token');
    expect(ids).not.toContain('github-pat');
    const rules = secretRuleSet(cfg).compiled();
    expect(scanContent(Buffer.from(`key: ${ACME}\n`), 'app/config.yml', rules).map((h) => [h.ruleId, h.severity, h.masked])).toEqual([['acme-key', 'high', 'acme****']]);
  });

  it('reads gitleaks TOML: its rules replace the built-in ones unless [extend] useDefault', async () => {
    const own = await loadSecretConfig(write('gitleaks.toml', TOML));
    expect(own.rules.map((r) => r.id)).toEqual(['acme-key']);
    const extended = await loadSecretConfig(write('extended.toml', `[extend]\nuseDefault = true\n\n${TOML}`));
    expect(extended.rules.length).toBe(SECRET_RULES.length + 1);
    // drydock's placeholder allow-lists and known-safe paths still apply
    expect(own.safePaths.length).toBeGreaterThan(0);
    expect(own.allowlists.length).toBeGreaterThan(0);
  });

  it('tells the formats apart without an extension', () => {
    expect(parseSecretConfigFile(TOML, 'rules').rules.map((r) => r.id)).toEqual(['acme-key']);
    expect(parseSecretConfigFile(YAML, 'rules').rules.length).toBe(SECRET_RULES.length);
  });

  it('gives each rule set its own cache key', async () => {
    const builtin = secretRuleSet();
    const yaml = secretRuleSet(await loadSecretConfig(write('a.yaml', YAML)));
    const same = secretRuleSet(await loadSecretConfig(write('b.yaml', YAML)));
    expect(yaml.key).not.toBe(builtin.key);
    expect(same.key).toBe(yaml.key);
    expect(secretRuleSet(undefined, 1024).key).not.toBe(builtin.key);
  });

  it('reports a missing or invalid file as an input error naming it', async () => {
    const missing = join(dir, 'nope.yaml');
    await expect(loadSecretConfig(missing)).rejects.toThrow(new AppError('INPUT', `secret config ${missing}: ENOENT: no such file or directory, open '${missing}'`));
    const bad = write('bad.yaml', 'rules: [{ id: x }]\n');
    await expect(loadSecretConfig(bad)).rejects.toMatchObject({ code: 'INPUT', message: expect.stringContaining(`${bad}: `) });
    const badToml = write('bad.toml', '[[rules]\n');
    await expect(loadSecretConfig(badToml)).rejects.toMatchObject({ code: 'INPUT', message: expect.stringContaining('not valid TOML') });
  });
});
