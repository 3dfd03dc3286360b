import { describe, expect, it } from 'vitest';
import { evaluatePolicy, parseAttestationPolicy, ruleFails } from '../../src/signing/attestation-policy.js';

const statement = {
  _type: 'https://in-toto.io/Statement/v0.1',
  predicateType: 'https://cosign.sigstore.dev/attestation/vuln/v1',
  predicate: { scanner: { uri: 'https://github.com/drydock/drydock', result: { summary: { critical: 0, high: 3 } } } },
};

describe('attestation policy', () => {
  it('reads YAML and JSON, refusing unknown keys, rules with no or two tests, bad regexes', () => {
    expect(parseAttestationPolicy('rules:\n  - path: predicate.x\n    equals: 1\n', 'p.yaml').rules).toHaveLength(1);
    expect(parseAttestationPolicy('{"rules":[{"path":"a","exists":true}]}', 'p.json').rules[0]).toEqual({ path: 'a', exists: true });
    expect(() => parseAttestationPolicy('rules: []', 'p')).toThrow(/p: invalid policy: rules/);
    expect(() => parseAttestationPolicy('rules:\n  - path: a\n', 'p')).toThrow(/exactly one test/);
    expect(() => parseAttestationPolicy('rules:\n  - path: a\n    equals: 1\n    exists: true\n', 'p')).toThrow(/exactly one test/);
    expect(() => parseAttestationPolicy('rules:\n  - path: a\n    bogus: 1\n', 'p')).toThrow(/p: invalid policy/);
    expect(() => parseAttestationPolicy('rules:\n  - path: a\n    matches: "("\n', 'p')).toThrow(/not a valid regular expression/);
    expect(() => parseAttestationPolicy('a: [', 'p')).toThrow(/p: not YAML or JSON/);
  });

  it('evaluates every test kind', () => {
    const fails = (rule: object): string | undefined => ruleFails(statement, rule as never);
    expect(fails({ path: 'predicate.scanner.result.summary.critical', equals: 0 })).toBeUndefined();
    expect(fails({ path: 'predicate.scanner.result.summary.high', equals: 0 })).toBe('predicate.scanner.result.summary.high is 3, not 0');
    expect(fails({ path: 'predicate.scanner.result.summary.high', atMost: 3 })).toBeUndefined();
    expect(fails({ path: 'predicate.scanner.result.summary.high', lessThan: 3 })).toMatch(/not < 3/);
    expect(fails({ path: 'predicate.scanner.result.summary.high', atLeast: 4 })).toMatch(/not >= 4/);
    expect(fails({ path: 'predicate.scanner.result.summary.high', greaterThan: 2 })).toBeUndefined();
    expect(fails({ path: 'predicate.scanner.uri', matches: '^https://github\\.com/drydock/' })).toBeUndefined();
    expect(fails({ path: 'predicate.scanner.uri', matches: '^trivy' })).toMatch(/does not match/);
    expect(fails({ path: 'predicate.scanner.uri', notEquals: 'x' })).toBeUndefined();
    expect(fails({ path: 'predicate.nothing', exists: false })).toBeUndefined();
    expect(fails({ path: 'predicate.nothing', exists: true })).toBe('predicate.nothing is absent');
    expect(fails({ path: 'predicate.nothing', equals: null })).toBe('predicate.nothing is absent');
    expect(fails({ path: 'predicate.scanner.uri', atMost: 1 })).toMatch(/not a number/);
    expect(fails({ path: 'predicate.constructor', exists: true })).toBe('predicate.constructor is absent');
  });

  it('keeps the statements that satisfy every rule', () => {
    const other = { ...statement, predicate: { scanner: { result: { summary: { critical: 2 } } } } };
    const policy = parseAttestationPolicy('rules:\n  - path: predicate.scanner.result.summary.critical\n    equals: 0\n', 'p');
    const r = evaluatePolicy([statement, other], policy);
    expect(r.passing).toEqual([statement]);
    expect(r.failures).toEqual(['predicate.scanner.result.summary.critical is 2, not 0']);
  });
});
