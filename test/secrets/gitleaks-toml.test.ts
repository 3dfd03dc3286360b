/**
 * gitleaks TOML configs brought by users: rules, rule and global allow-lists (targets, conditions,
 * stopwords, targetRules), extending drydock's built-in rules, what is ignored, and the errors.
 */
import { describe, expect, it } from 'vitest';
import { AppError } from '../../src/core/errors.js';
import { parseGitleaksToml } from '../../src/secrets/gitleaks-toml.js';
import { BUILTIN_ALLOWLISTS, SECRET_RULES } from '../../src/secrets/rules/index.js';
import { compileRules, scanContent } from '../../src/secrets/scanner.js';

function scanWith(toml: string, text: string, path = 'app/config.txt'): string[] {
  const cfg = parseGitleaksToml(toml, 'gitleaks.toml', { defaults: SECRET_RULES });
  const rules = compileRules(cfg.rules, { allowlists: [...BUILTIN_ALLOWLISTS, ...cfg.allowlists], safePaths: [] });
  return scanContent(Buffer.from(text), path, rules).map((h) => `${h.ruleId}:${h.line}:${h.masked}`);
}

const ACME = `
[[rules]]
id = "acme-token"
description = "ACME token"
regex = '''(?i)acme[_-]?token\\s*=\\s*"?(acm_[a-z0-9]{16})"?'''
keywords = ["ACME"]
entropy = 3
`;

describe('gitleaks TOML rules', () => {
  it('a rule: RE2 regex, keywords (lower-cased), the first group as the secret, entropy floor', () => {
    expect(scanWith(ACME, 'ACME_TOKEN = "acm_k3y9x2m1q8w7e6r5"\nacme_token=acm_aaaaaaaaaaaaaaaa')).toEqual(['acme-token:1:acm_****']);
    const cfg = parseGitleaksToml(ACME, 'g.toml');
    expect(cfg.rules[0]).toMatchObject({ id: 'acme-token', title: 'ACME token', severity: 'high', keywords: ['acme'], flags: 'i', entropy: 3 });
  });

  it('secretGroup picks a group; path limits the files', () => {
    const toml = `[[rules]]\nid = "x"\nregex = '''(user)=(\\w+)'''\nsecretGroup = 2\npath = '''\\.ini$'''\nkeywords = ["user"]`;
    expect(scanWith(toml, 'user=s3cr3tvalue', 'app/a.ini')).toEqual(['x:1:s3****']);
    expect(scanWith(toml, 'user=s3cr3tvalue', 'app/a.txt')).toEqual([]);
  });

  it('rule allow-lists: regexTarget match/line, stopwords, condition AND with paths', () => {
    const toml = `${ACME}
[[rules.allowlists]]
regexTarget = "line"
regexes = ['''# nosecret''']
[[rules.allowlists]]
stopwords = ["dead"]
[[rules.allowlists]]
condition = "AND"
paths = ['''^fixtures/''']
regexTarget = "match"
regexes = ['''(?i)^acme_token''']
`;
    expect(scanWith(toml, 'acme_token = acm_k3y9x2m1q8w7e6r5 # nosecret')).toEqual([]);
    expect(scanWith(toml, 'acme_token = acm_deadbeef12345678')).toEqual([]);
    expect(scanWith(toml, 'acme_token = acm_k3y9x2m1q8w7e6r5', 'fixtures/a.txt')).toEqual([]);
    expect(scanWith(toml, 'acme_token = acm_k3y9x2m1q8w7e6r5', 'app/a.txt')).toHaveLength(1);
  });

  it('global allow-lists apply to every rule; targetRules attach one to the named rules', () => {
    const toml = `${ACME}
[[allowlists]]
paths = ['''^vendor/''']
[[allowlists]]
targetRules = ["acme-token"]
regexes = ['''^acm_0''']
`;
    expect(scanWith(toml, 'acme_token = acm_k3y9x2m1q8w7e6r5', 'vendor/x')).toEqual([]);
    expect(scanWith(toml, 'acme_token = acm_0k3y9x2m1q8w7e6r')).toEqual([]);
    expect(scanWith(toml, 'acme_token = acm_k3y9x2m1q8w7e6r5')).toHaveLength(1);
  });

  it('[extend] useDefault extends drydock\'s built-in rules: overrides by id, disabledRules', () => {
    const toml = `[extend]\nuseDefault = true\ndisabledRules = ["github-pat"]\n${ACME}\n[[rules]]\nid = "aws-access-token"\nentropy = 4.5\nkeywords = ["extra"]\n`;
    const cfg = parseGitleaksToml(toml, 'g.toml', { defaults: SECRET_RULES });
    const ids = cfg.rules.map((r) => r.id);
    expect(ids).toContain('acme-token');
    expect(ids).toContain('slack-bot-token');
    expect(ids).not.toContain('github-pat');
    const aws = cfg.rules.find((r) => r.id === 'aws-access-token');
    expect(aws?.entropy).toBe(4.5);
    expect(aws?.keywords).toEqual(expect.arrayContaining(['akia', 'extra']));
    expect(aws?.pattern).toBe(SECRET_RULES.find((r) => r.id === 'aws-access-token')?.pattern);
  });

  it('what does not apply to images is a warning: commits, [extend] path, composite rules, skipReport', () => {
    const toml = `[extend]\npath = "base.toml"\n${ACME}\nskipReport = true\n[[rules.required]]\nid = "other"\n[[rules.allowlists]]\ncommits = ["abc123"]\n`;
    const cfg = parseGitleaksToml(toml, 'g.toml');
    expect(cfg.warnings).toHaveLength(4);
    expect(cfg.warnings.join('\n')).toMatch(/commits do not apply/);
    expect(cfg.rules[0]?.allowlists ?? []).toEqual([]);
  });

  it.each([
    ['not TOML', '[[rules]\nid=', /not valid TOML/],
    ['a rule without regex or path', '[[rules]]\nid = "x"', /rule x: both regex and path are empty/],
    ['an RE2 regex JavaScript cannot run', "[[rules]]\nid = \"bad\"\nregex = '''a(?=b)'''", /rule bad: invalid regex.*look-around/],
    ['an unknown condition', `${ACME}\n[[rules.allowlists]]\ncondition = "XOR"\nregexes = ['''x''']`, /unknown condition "XOR"/],
    ['an unknown regexTarget', `${ACME}\n[[rules.allowlists]]\nregexTarget = "file"\nregexes = ['''x''']`, /unknown regexTarget "file"/],
    ['an empty allow-list', `${ACME}\n[[rules.allowlists]]\ndescription = "nothing"`, /at least one of commits, paths, regexes or stopwords/],
    ['a secretGroup beyond the groups', "[[rules]]\nid = \"g\"\nregex = '''(a)b'''\nsecretGroup = 3", /invalid secretGroup 3/],
    ['targetRules naming no rule', `${ACME}\n[[allowlists]]\ntargetRules = ["nope"]\nregexes = ['''x''']`, /rule nope, which does not exist/],
    ['a mistyped field', '[[rules]]\nid = "x"\nregex = "a"\nentropy = "high"', /invalid gitleaks config: rules\.0\.entropy/],
  ])('rejects %s with an INPUT error naming the file', (_what, toml, message) => {
    let err: unknown;
    try {
      parseGitleaksToml(toml, 'my-gitleaks.toml');
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).code).toBe('INPUT');
    expect((err as AppError).message).toContain('my-gitleaks.toml');
    expect((err as AppError).message).toMatch(message);
  });
});
