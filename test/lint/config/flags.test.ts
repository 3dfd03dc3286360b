import { describe, expect, it } from 'vitest';
import { lintSettingsFromFlags } from '../../../src/lint/config/flags.js';

describe('lint settings from command-line flags', () => {
  it('gives nothing for no flags, and switches only turn things on', () => {
    expect(lintSettingsFromFlags({})).toEqual({});
    expect(lintSettingsFromFlags({ noFail: false, strictLabels: false, error: [], ignore: [] })).toEqual({});
  });

  it("reads Hadolint's flags", () => {
    expect(
      lintSettingsFromFlags({
        error: ['DL3008'],
        style: ['DL3008', 'DL3015'],
        info: ['DL1001'],
        ignore: ['DL3006'],
        trustedRegistry: ['docker.io', 'gcr.io'],
        requireLabel: ['maintainer:text', 'version:semver'],
        strictLabels: true,
        disableIgnorePragma: true,
        failureThreshold: 'none',
        noFail: true,
        noColor: true,
        format: 'gitlab_codeclimate',
        verbose: true,
      }),
    ).toEqual({
      overrides: new Map([
        ['DL3008', 'error'],
        ['DL3015', 'style'],
        ['DL1001', 'info'],
      ]),
      ignored: ['DL3006'],
      trustedRegistries: ['docker.io', 'gcr.io'],
      labelSchema: new Map([
        ['maintainer', 'text'],
        ['version', 'semver'],
      ]),
      strictLabels: true,
      disableIgnorePragma: true,
      failureThreshold: 'ignore',
      noFail: true,
      noColor: true,
      formats: ['gitlab'],
      verbose: true,
    });
  });

  it.each([
    [{ failureThreshold: 'high' }, /--failure-threshold: "high"/],
    [{ format: 'junit' }, /--format: unknown lint format "junit"/],
    [{ requireLabel: ['version'] }, /--require-label: "version" is not label:format/],
    [{ requireLabel: ['version:number'] }, /--require-label: "version:number"/],
  ])('rejects %j as a usage error', (flags, message) => {
    expect(() => lintSettingsFromFlags(flags)).toThrow(message);
    try {
      lintSettingsFromFlags(flags);
    } catch (e) {
      expect((e as { code: string }).code).toBe('USAGE');
    }
  });
});
