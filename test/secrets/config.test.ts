/**
 * drydock's secret config (Trivy's keys; a whole trivy-secret.yaml or the `secrets:` section of
 * .drydock.yaml): custom rules, allow-lists, exclude blocks, enabling and disabling rules and
 * known-safe paths, severities, warnings and errors.
 */
import { describe, expect, it } from 'vitest';
import { AppError } from '../../src/core/errors.js';
import { compileSecretConfig, parseSecretConfigYaml, type SecretConfig } from '../../src/secrets/config.js';
import { BUILTIN_ALLOWLISTS, SECRET_RULES } from '../../src/secrets/rules/index.js';
import { scanContent } from '../../src/secrets/scanner.js';

const DEFAULTS = { rules: SECRET_RULES, allowlists: BUILTIN_ALLOWLISTS };
const parse = (yaml: string): SecretConfig => parseSecretConfigYaml(yaml, 'secrets.yaml', DEFAULTS);
const GHP = 'ghp_R7bK2mQ9xLw4TzN8vC3pH6sJ1dF5gY0aE2uI';

function scan(cfg: SecretConfig, text: string, path = 'app/settings.env'): string[] {
  const rules = compileSecretConfig(cfg);
  return scanContent(Buffer.from(text), path, rules).map((h) => `${h.ruleId}:${h.line}:${h.severity}`);
}

const CUSTOM = `
rules:
  - id: acme-token
    title: ACME API token
    severity: CRITICAL
    regex: '(?i)acme_token\\s*=\\s*(?P<secret>[a-z0-9]{16})'
    secret-group-name: secret
    keywords: [ACME_TOKEN]
`;

describe('secret config', () => {
  it('custom rules (Go RE2, named secret group) run with the built-in ones', () => {
    const cfg = parse(CUSTOM);
    expect(cfg.rules.length).toBe(SECRET_RULES.length + 1);
    expect(scan(cfg, `ACME_TOKEN = k3y9x2m1q8w7e6r5\nGH=${GHP}`)).toEqual(['acme-token:1:critical', 'github-pat:2:critical']);
    expect(cfg.rules.at(-1)).toMatchObject({ keywords: ['acme_token'], multiline: true });
  });

  it('is read from the `secrets:` section of a .drydock.yaml too (built-in defaults when none are given)', () => {
    const cfg = parseSecretConfigYaml(`lint:\n  ignored: [DL3008]\nsecrets:\n  disable-rules: [github-pat]\n`, '.drydock.yaml');
    expect(scan(cfg, `GH=${GHP}`)).toEqual([]);
    expect(cfg.warnings).toEqual([]);
  });

  it('enable-builtin-rules keeps only those built-ins; disable-rules removes built-in or custom ones', () => {
    const only = parse('enable-builtin-rules: [aws-access-token]\n');
    expect(only.rules.map((r) => r.id)).toEqual(['aws-access-token']);
    const cfg = parse(`${CUSTOM}\ndisable-rules: [acme-token, github-pat]\n`);
    expect(cfg.rules.map((r) => r.id)).not.toContain('acme-token');
    expect(scan(cfg, `GH=${GHP}`)).toEqual([]);
  });

  it('allow-rules: a path skips files, a regex drops findings whose whole match it matches', () => {
    const cfg = parse(`allow-rules:\n  - id: fixtures\n    path: '^fixtures/'\n  - id: docs-token\n    regex: 'DOCS_GH='\n`);
    expect(scan(cfg, `GH=${GHP}`, 'fixtures/a.env')).toEqual([]);
    expect(scan(cfg, `DOCS_GH=${GHP}`)).toEqual(['github-pat:1:critical']); // the match is the token alone
    const own = parse(`${CUSTOM.replace('keywords: [ACME_TOKEN]', "keywords: [ACME_TOKEN]\n    allow-rules:\n      - regex: '0000'")}`);
    expect(scan(own, 'acme_token = 0000aaaa1111bbbb')).toEqual([]);
  });

  it('exclude-block drops secrets inside the blocks (global and per rule)', () => {
    const cfg = parse("exclude-block:\n  regexes: ['--- example ---(.|\\s)*--- end ---']\n");
    expect(scan(cfg, `--- example ---\nGH=${GHP}\n--- end ---\nGH=${GHP}\n`)).toEqual(['github-pat:4:critical']);
  });

  it('disable-allow-rules switches known-safe paths off (by id); unknown ids are warnings', () => {
    const cfg = parse('disable-allow-rules: [package-docs, tests]\n');
    expect(scan(cfg, `GH=${GHP}`, 'usr/share/doc/app/README')).toEqual(['github-pat:1:critical']);
    expect(scan(parse('{}'), `GH=${GHP}`, 'usr/share/doc/app/README')).toEqual([]);
    expect(cfg.warnings).toEqual(['secrets.yaml: no known-safe path entry tests']);
  });

  it('severity: any case; missing → unknown; unknown values → unknown with a warning', () => {
    const sev = (s: string): string | undefined => parse(CUSTOM.replace('CRITICAL', s)).rules.at(-1)?.severity;
    expect(sev('hIgH')).toBe('high');
    expect(parse(CUSTOM.replace('    severity: CRITICAL\n', '')).rules.at(-1)?.severity).toBe('unknown');
    const bad = parse(CUSTOM.replace('CRITICAL', 'bad'));
    expect(bad.rules.at(-1)?.severity).toBe('unknown');
    expect(bad.warnings.join()).toMatch(/unknown severity "bad"/);
  });

  it('repeated group names report one finding per group', () => {
    const cfg = parse(`enable-builtin-rules: [none]\nrules:\n  - id: pair\n    regex: 'user="(?P<s>\\w{8})" pass="(?P<s>\\w{8})"'\n    secret-group-name: s\n`);
    expect(scan(cfg, 'user="abcdefgh" pass="k3y9x2m1"')).toEqual(['pair:1:unknown', 'pair:1:unknown']);
  });

  it('reports every bad field at once, naming the file', () => {
    let err: unknown;
    try {
      parse(`rules:\n  - id: a\n    regex: '(?=x)'\n  - id: b\n    regex: 'x'\n    secret-group-name: nope\n  - id: c\nallow-rules:\n  - description: empty\n`);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(AppError);
    const message = (err as AppError).message;
    expect(message).toContain('secrets.yaml');
    for (const part of [/rule a: invalid regex/, /rule b: the regex has no group named nope/, /rule c: regex is missing/, /allow-rules\[0\]: needs a regex or a path/]) expect(message).toMatch(part);
  });

  it('rejects YAML that is not a mapping or has mistyped fields; unknown keys are warnings', () => {
    expect(() => parse('- a\n- b\n')).toThrow(/expected a mapping/);
    expect(() => parse('disable-rules: github-pat\n')).toThrow(/disable-rules/);
    expect(() => parse('rules: [\n')).toThrow(/not valid YAML/);
    expect(parse('colour: blue\n').warnings).toEqual(['secrets.yaml: unknown key colour; ignored']);
  });
});
