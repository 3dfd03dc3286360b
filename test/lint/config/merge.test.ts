import { describe, expect, it } from 'vitest';
import { lintSettingsFromEnv } from '../../../src/lint/config/env.js';
import { parseDrydockConfigLint } from '../../../src/lint/config/drydock-yaml.js';
import { parseHadolintYaml } from '../../../src/lint/config/hadolint-yaml.js';
import { mergeLintSettings, resolveLintSettings } from '../../../src/lint/config/merge.js';
import { DEFAULT_LINT_SETTINGS, effectiveLevel, failsThreshold } from '../../../src/lint/config/settings.js';

describe('merging lint settings', () => {
  it("has Hadolint's defaults", () => {
    expect(resolveLintSettings([])).toEqual(DEFAULT_LINT_SETTINGS);
    expect(DEFAULT_LINT_SETTINGS).toMatchObject({ failureThreshold: 'info', format: 'tty', noFail: false, noColor: false });
  });

  it("applies environment < .hadolint.yaml < .drydock.yaml < command line (Hadolint's order for the first, second and last)", () => {
    const env = lintSettingsFromEnv({ HADOLINT_FORMAT: 'json', HADOLINT_FAILURE_THRESHOLD: 'error', HADOLINT_NOFAIL: '1', HADOLINT_VERBOSE: '1' }).settings;
    const hadolintFile = parseHadolintYaml('format: sarif\nfailure-threshold: warning\n', '.hadolint.yaml').settings;
    const drydockFile = parseDrydockConfigLint('lint:\n  failure-threshold: style\n', '.drydock.yaml').settings;
    const s = mergeLintSettings({ env, hadolintFile, drydockFile, cli: { noFail: false } });
    expect(s.format).toBe('sarif'); // the file beats the environment, as in Hadolint
    expect(s.failureThreshold).toBe('style'); // drydock's section beats .hadolint.yaml
    expect(s.noFail).toBe(false); // the command line beats everything
    expect(s.verbose).toBe(true); // set only by the environment
  });

  it('joins lists across sources and lets the higher source win per code in maps', () => {
    const s = mergeLintSettings({
      env: { ignored: ['DL3006'], trustedRegistries: ['docker.io'], labelSchema: new Map([['version', 'semver']]) },
      hadolintFile: {
        ignored: ['DL3008', 'DL3006'],
        trustedRegistries: ['gcr.io'],
        overrides: new Map([
          ['DL3009', 'error'],
          ['DL3015', 'warning'],
        ]),
        labelSchema: new Map([['version', 'text']]),
      },
      cli: { overrides: new Map([['DL3009', 'style']]) },
    });
    expect([...s.ignored]).toEqual(['DL3006', 'DL3008']);
    expect(s.trustedRegistries).toEqual(['docker.io', 'gcr.io']);
    expect(Object.fromEntries(s.overrides)).toEqual({ DL3009: 'style', DL3015: 'warning' });
    expect(s.labelSchema.get('version')).toBe('text');
  });

  it('keeps every format a source lists, the first being `format`', () => {
    const s = mergeLintSettings({ hadolintFile: parseHadolintYaml('formats: [sarif, json]\n', 'f').settings });
    expect(s.formats).toEqual(['sarif', 'json']);
    expect(s.format).toBe('sarif');
  });

  it('effectiveLevel: ignored beats an override, an override beats the default', () => {
    const s = mergeLintSettings({ cli: { ignored: ['DL3008'], overrides: new Map([['DL3008', 'error'], ['DL1001', 'warning']]) } });
    expect(effectiveLevel('DL3008', 'warning', s)).toBe('ignore');
    expect(effectiveLevel('DL1001', 'ignore', s)).toBe('warning');
    expect(effectiveLevel('DL3009', 'info', s)).toBe('info');
  });

  it("failsThreshold: a finding fails at or above the threshold (Hadolint's `<=` on error < warning < info < style < ignore)", () => {
    expect(failsThreshold('error', 'error')).toBe(true);
    expect(failsThreshold('warning', 'error')).toBe(false);
    expect(failsThreshold('info', 'info')).toBe(true);
    expect(failsThreshold('style', 'info')).toBe(false);
    expect(failsThreshold('style', 'ignore')).toBe(true); // `none`/`ignore`: every finding fails
    expect(failsThreshold('ignore', 'ignore')).toBe(false); // switched-off rules never do
  });
});
