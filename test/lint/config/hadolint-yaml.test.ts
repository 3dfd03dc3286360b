import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../../src/core/errors.js';
import { parseHadolintYaml } from '../../../src/lint/config/hadolint-yaml.js';
import type { PartialLintSettings } from '../../../src/lint/config/settings.js';
import { REPO_ROOT } from '../../helpers/fixtures.js';

interface ConfigCase {
  description: string;
  yaml: string;
  expectedHaskell: string;
}
const CASES = (JSON.parse(readFileSync(join(REPO_ROOT, '..', 'shared', 'conformance', 'hadolint-configfile-cases.json'), 'utf8')) as { cases: ConfigCase[] })
  .cases;

/** Plain, order-insensitive form of settings for comparison (sets and maps sorted). */
function plain(s: PartialLintSettings): Record<string, unknown> {
  const out: Record<string, unknown> = { ...s };
  if (s.overrides) out['overrides'] = Object.fromEntries([...s.overrides].sort());
  if (s.labelSchema) out['labelSchema'] = Object.fromEntries([...s.labelSchema].sort());
  if (s.trustedRegistries) out['trustedRegistries'] = [...s.trustedRegistries].sort(); // Haskell: Set.fromList
  return out;
}

/**
 * Hadolint's expected PartialConfiguration for each upstream case (test/Hadolint/Config/ConfigfileSpec.hs),
 * translated by hand into drydock's model. `field` is the Haskell field the expectation names (checked
 * against the upstream text, so a case cannot silently be matched to the wrong translation).
 */
const EXPECTED: Record<string, { field: string; settings: PartialLintSettings } | { error: RegExp }> = {
  'parse empty config file': { error: /empty YAML stream/ },
  'parse `no-fail: true`': { field: 'partialNoFail = Just True', settings: { noFail: true } },
  'parse `no-fail: false`': { field: 'partialNoFail = Just False', settings: { noFail: false } },
  'parse `no-color: true`': { field: 'partialNoColor = Just True', settings: { noColor: true } },
  'parse `no-color: false`': { field: 'partialNoColor = Just False', settings: { noColor: false } },
  'parse `verbose: true`': { field: 'partialVerbose = Just True', settings: { verbose: true } },
  'parse `verbose: false`': { field: 'partialVerbose = Just False', settings: { verbose: false } },
  'parse `format: json`': { field: 'partialFormats = [Json]', settings: { formats: ['json'] } },
  'parse `format: sarif`': { field: 'partialFormats = [Sarif]', settings: { formats: ['sarif'] } },
  'parse multiple formats': { field: 'partialFormats = [Sarif, Json]', settings: { formats: ['sarif', 'json'] } },
  'parse override error rules': {
    field: 'partialErrorRules = ["DL3020", "DL3040", "SC1020"]',
    settings: { overrides: new Map([['DL3020', 'error'], ['DL3040', 'error'], ['SC1020', 'error']]) },
  },
  'parse override warning rules': {
    field: 'partialWarningRules = ["DL3020", "DL3040", "SC1020"]',
    settings: { overrides: new Map([['DL3020', 'warning'], ['DL3040', 'warning'], ['SC1020', 'warning']]) },
  },
  'parse override info rules': {
    field: 'partialInfoRules = ["DL3020", "DL3040", "SC1020"]',
    settings: { overrides: new Map([['DL3020', 'info'], ['DL3040', 'info'], ['SC1020', 'info']]) },
  },
  'parse override style rules': {
    field: 'partialStyleRules = ["DL3020", "DL3040", "SC1020"]',
    settings: { overrides: new Map([['DL3020', 'style'], ['DL3040', 'style'], ['SC1020', 'style']]) },
  },
  'parse ignored rules': { field: 'partialIgnoreRules = ["DL3020", "DL3040", "SC1020"]', settings: { ignored: ['DL3020', 'DL3040', 'SC1020'] } },
  'parse trusted registries': {
    field: 'partialAllowedRegistries = Set.fromList ["foobar.com", "barfoo.com"]',
    settings: { trustedRegistries: ['foobar.com', 'barfoo.com'] },
  },
  'parse label schema': {
    field: 'partialLabelSchema = Map.fromList [("foo", Email), ("bar", RawText)]',
    settings: { labelSchema: new Map([['foo', 'email'], ['bar', 'text']]) },
  },
  'parse strict-labels: true': { field: 'partialStrictLabels = Just True', settings: { strictLabels: true } },
  'parse strict-labels: false': { field: 'partialStrictLabels = Just False', settings: { strictLabels: false } },
  'parse disable-ignore-pragma: true': { field: 'partialDisableIgnorePragma = Just True', settings: { disableIgnorePragma: true } },
  'parse disable-ignore-pragma: false': { field: 'partialDisableIgnorePragma = Just False', settings: { disableIgnorePragma: false } },
  'parse `failure-threshold: warning`': { field: 'partialFailureThreshold = Just DLWarningC', settings: { failureThreshold: 'warning' } },
  'parse `failure-threshold: style`': { field: 'partialFailureThreshold = Just DLStyleC', settings: { failureThreshold: 'style' } },
};

describe('.hadolint.yaml: Hadolint ConfigfileSpec cases', () => {
  it('has all 23 upstream cases, each with a translation', () => {
    expect(CASES).toHaveLength(23);
    expect(CASES.map((c) => c.description).sort()).toEqual(Object.keys(EXPECTED).sort());
  });

  it.each(CASES.map((c) => [c.description, c] as const))('%s', (description, c) => {
    const want = EXPECTED[description];
    if (want === undefined) throw new Error(`no translation for ${description}`);
    if ('error' in want) {
      expect(c.expectedHaskell).toMatch(/^Left /);
      expect(() => parseHadolintYaml(c.yaml, '.hadolint.yaml')).toThrow(want.error);
      return;
    }
    expect(c.expectedHaskell).toBe(`Right mempty { ${want.field} }`);
    const got = parseHadolintYaml(c.yaml, '.hadolint.yaml');
    expect(plain(got.settings)).toEqual(plain(want.settings));
    expect(got.warnings).toEqual([]);
  });
});

describe('.hadolint.yaml: beyond the upstream cases', () => {
  const parse = (text: string) => parseHadolintYaml(text, 'conf/.hadolint.yaml');

  it('reads the full example of Hadolint README', () => {
    const text = [
      'failure-threshold: info',
      'format: gitlab_codeclimate',
      'ignored: [DL3000, SC1010]',
      'label-schema:',
      '  author: text',
      '  contact: email',
      '  created: rfc3339',
      '  version: semver',
      '  documentation: url',
      '  git-revision: hash',
      '  license: spdx',
      'no-color: false',
      'no-fail: true',
      'override:',
      '  error: [DL3001, DL3002]',
      '  warning: [DL3042, DL3033]',
      '  info: [DL3032]',
      '  style: [DL3015]',
      'strict-labels: true',
      'disable-ignore-pragma: false',
      'trustedRegistries:',
      '  - docker.io',
      '  - my-company.com:5000',
      '  - "*.gcr.io"',
      '',
    ].join('\n');
    const { settings, warnings } = parse(text);
    expect(warnings).toEqual([]);
    expect(settings.formats).toEqual(['gitlab']);
    expect(settings.failureThreshold).toBe('info');
    expect(settings.ignored).toEqual(['DL3000', 'SC1010']);
    expect(settings.labelSchema?.get('git-revision')).toBe('hash');
    expect(settings.labelSchema?.size).toBe(7);
    expect(settings.overrides?.get('DL3002')).toBe('error');
    expect(settings.overrides?.get('DL3033')).toBe('warning');
    expect(settings.overrides?.get('DL3015')).toBe('style');
    expect(settings.trustedRegistries).toEqual(['docker.io', 'my-company.com:5000', '*.gcr.io']);
    expect(settings).toMatchObject({ noColor: false, noFail: true, strictLabels: true, disableIgnorePragma: false });
  });

  it('takes a single string for trustedRegistries', () => {
    expect(parse('trustedRegistries: docker.io\n').settings.trustedRegistries).toEqual(['docker.io']);
  });

  it('reports every bad field at once, naming the file', () => {
    const text = [
      'no-fail: yes', // YAML 1.2: a string, not a boolean
      'ignored: DL3000',
      'failure-threshold: high',
      'format: xml',
      'label-schema: {author: name}',
      'override:',
      '  error: [DL3000, 7]',
      'trustedRegistries: {a: b}',
      '',
    ].join('\n');
    let err: unknown;
    try {
      parse(text);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(AppError);
    const e = err as AppError;
    expect(e.code).toBe('INPUT');
    expect(e.message).toMatch(/^conf\/\.hadolint\.yaml: invalid lint configuration: /);
    for (const field of ['no-fail', 'ignored', 'failure-threshold', 'format', 'label-schema.author', 'override.error.1', 'trustedRegistries']) {
      expect(e.message).toContain(`${field}:`);
    }
  });

  it('rejects YAML syntax errors and non-mappings with the file name', () => {
    expect(() => parse('ignored: [DL3000\n')).toThrow(/^conf\/\.hadolint\.yaml: not valid YAML/);
    expect(() => parse('- DL3000\n')).toThrow(/conf\/\.hadolint\.yaml: expected a mapping/);
    expect(() => parse('# only a comment\n')).toThrow(/empty YAML stream/);
    expect(() => parse('ignored: [a]\nignored: [b]\n')).toThrow(/not valid YAML/); // duplicate key
  });

  it('warns about unknown keys and Hadolint-only formats instead of failing', () => {
    const { settings, warnings } = parse('ignored: [DL3000]\ntrusted-registries: [x]\nformats: [junit, json]\noverride:\n  fatal: [DL3001]\n');
    expect(settings.ignored).toEqual(['DL3000']);
    expect(settings.formats).toEqual(['json']);
    expect(warnings).toEqual([
      'conf/.hadolint.yaml: unknown key "trusted-registries" ignored',
      'conf/.hadolint.yaml: override: unknown level "fatal" ignored',
      'conf/.hadolint.yaml: format "junit" is a Hadolint format drydock does not write: ignored',
    ]);
  });

  it('treats keys without a value as absent, and accepts `none` as a threshold', () => {
    expect(parse('ignored:\nno-fail:\nfailure-threshold: none\n').settings).toEqual({ failureThreshold: 'ignore' });
  });

  it('gives a code in several override lists the most severe level (Hadolint applies error last)', () => {
    const { settings } = parse('override:\n  style: [DL3008]\n  error: [DL3008]\n  info: [DL3008]\n');
    expect(settings.overrides?.get('DL3008')).toBe('error');
  });
});
