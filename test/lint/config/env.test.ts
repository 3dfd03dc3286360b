import { describe, expect, it } from 'vitest';
import { lintSettingsFromEnv } from '../../../src/lint/config/env.js';

describe('lint settings from the environment', () => {
  it('is empty for an empty environment', () => {
    expect(lintSettingsFromEnv({ HOME: '/root', PATH: '/bin' })).toEqual({ settings: {}, warnings: [] });
  });

  it.each([
    ['1', true],
    ['y', true],
    ['YES', true],
    ['On', true],
    ['true', true],
    ['0', false],
    ['false', false],
    ['no', false],
  ])('reads HADOLINT_NOFAIL=%s as %s (Hadolint: 1, y, yes, on, true are truthy)', (v, want) => {
    expect(lintSettingsFromEnv({ HADOLINT_NOFAIL: v }).settings.noFail).toBe(want);
  });

  it('reads every HADOLINT_ variable', () => {
    const { settings, warnings } = lintSettingsFromEnv({
      HADOLINT_NOFAIL: '1',
      HADOLINT_VERBOSE: 'yes',
      HADOLINT_FORMAT: 'json',
      HADOLINT_FAILURE_THRESHOLD: 'warning',
      HADOLINT_OVERRIDE_ERROR: 'DL3010,DL3020',
      HADOLINT_OVERRIDE_WARNING: 'DL3001',
      HADOLINT_OVERRIDE_INFO: 'DL3002',
      HADOLINT_OVERRIDE_STYLE: 'DL3003, DL3010',
      HADOLINT_IGNORE: 'DL3006,SC2086',
      HADOLINT_STRICT_LABELS: 'true',
      HADOLINT_DISABLE_IGNORE_PRAGMA: '0',
      HADOLINT_TRUSTED_REGISTRIES: 'docker.io,my-company.com:5000',
      HADOLINT_REQUIRE_LABELS: 'maintainer:text,version:semver',
    });
    expect(warnings).toEqual([]);
    expect(settings).toEqual({
      noFail: true,
      verbose: true,
      strictLabels: true,
      disableIgnorePragma: false,
      formats: ['json'],
      failureThreshold: 'warning',
      // DL3010 is in both the error and the style list: the most severe wins, as in config files
      overrides: new Map([
        ['DL3003', 'style'],
        ['DL3010', 'error'],
        ['DL3002', 'info'],
        ['DL3001', 'warning'],
        ['DL3020', 'error'],
      ]),
      ignored: ['DL3006', 'SC2086'],
      trustedRegistries: ['docker.io', 'my-company.com:5000'],
      labelSchema: new Map([
        ['maintainer', 'text'],
        ['version', 'semver'],
      ]),
    });
  });

  it('lets DRYDOCK_LINT_ win over HADOLINT_ for single values and joins lists', () => {
    const { settings } = lintSettingsFromEnv({
      HADOLINT_FORMAT: 'json',
      DRYDOCK_LINT_FORMAT: 'sarif',
      HADOLINT_NOFAIL: 'true',
      DRYDOCK_LINT_NOFAIL: 'false',
      HADOLINT_IGNORE: 'DL3006',
      DRYDOCK_LINT_IGNORE: 'DD001,DL3006',
      HADOLINT_OVERRIDE_ERROR: 'DL3008',
      DRYDOCK_LINT_OVERRIDE_STYLE: 'DL3008',
    });
    expect(settings.formats).toEqual(['sarif']);
    expect(settings.noFail).toBe(false);
    expect(settings.ignored).toEqual(['DL3006', 'DD001']);
    expect(settings.overrides?.get('DL3008')).toBe('style');
  });

  it('follows no-color.org: any non-empty NO_COLOR turns colour off; empty variables count as unset', () => {
    expect(lintSettingsFromEnv({ NO_COLOR: '0' }).settings.noColor).toBe(true);
    expect(lintSettingsFromEnv({ NO_COLOR: '' }).settings.noColor).toBeUndefined();
    expect(lintSettingsFromEnv({ HADOLINT_NOFAIL: '', HADOLINT_IGNORE: ' , ' }).settings).toEqual({});
  });

  it('drops what Hadolint drops (unknown format or threshold, malformed label) with a warning', () => {
    const { settings, warnings } = lintSettingsFromEnv({
      HADOLINT_FORMAT: 'xml',
      DRYDOCK_LINT_FAILURE_THRESHOLD: 'high',
      HADOLINT_REQUIRE_LABELS: 'maintainer,version:number,author:email',
    });
    expect(settings).toEqual({ labelSchema: new Map([['author', 'email']]) });
    expect(warnings).toHaveLength(4);
    expect(warnings.join('\n')).toMatch(/HADOLINT_FORMAT: unknown format "xml"/);
    expect(warnings.join('\n')).toMatch(/DRYDOCK_LINT_FAILURE_THRESHOLD: "high"/);
    expect(warnings.join('\n')).toMatch(/"maintainer" is not label:format/);
    expect(warnings.join('\n')).toMatch(/"version:number" is not label:format/);
  });

  it('accepts format aliases and `none`', () => {
    expect(lintSettingsFromEnv({ HADOLINT_FORMAT: 'gitlab_codeclimate', HADOLINT_FAILURE_THRESHOLD: 'none' }).settings).toEqual({
      formats: ['gitlab'],
      failureThreshold: 'ignore',
    });
  });
});
