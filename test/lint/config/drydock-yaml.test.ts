import { describe, expect, it } from 'vitest';
import { parseDrydockConfigLint, parseDrydockLintSection } from '../../../src/lint/config/drydock-yaml.js';

describe('.drydock.yaml lint: section', () => {
  it('takes the .hadolint.yaml keys plus rules: {CODE: level}, rules winning over override', () => {
    const text = [
      'scan:',
      '  severity: high # another command\'s key: not looked at',
      'lint:',
      '  failure-threshold: warning',
      '  trustedRegistries: [docker.io]',
      '  override:',
      '    style: [DL3008]',
      '  rules:',
      '    DL3008: error',
      '    DD004: ignore',
      '    DL1001: warning',
      '',
    ].join('\n');
    const { settings, warnings } = parseDrydockConfigLint(text, '.drydock.yaml');
    expect(warnings).toEqual([]);
    expect(settings.failureThreshold).toBe('warning');
    expect(settings.trustedRegistries).toEqual(['docker.io']);
    expect([...(settings.overrides ?? [])]).toEqual([
      ['DL3008', 'error'],
      ['DD004', 'ignore'],
      ['DL1001', 'warning'],
    ]);
  });

  it('has no settings for an empty file or a file without lint:', () => {
    expect(parseDrydockConfigLint('', '.drydock.yaml')).toEqual({ settings: {}, warnings: [] });
    expect(parseDrydockConfigLint('# nothing yet\n', '.drydock.yaml')).toEqual({ settings: {}, warnings: [] });
    expect(parseDrydockConfigLint('scan: {}\n', '.drydock.yaml')).toEqual({ settings: {}, warnings: [] });
  });

  it('reports bad values of both spellings at once, under lint.', () => {
    expect(() => parseDrydockLintSection({ rules: { DL3008: 'fatal' }, ignored: 'DL3000', 'no-fail': 1 }, 'x/.drydock.yaml')).toThrow(
      /^x\/\.drydock\.yaml: invalid lint configuration: .*lint\.ignored: .*lint\.no-fail: .*lint\.rules\.DL3008: expected one of error, warning, info, style, ignore/,
    );
    expect(() => parseDrydockConfigLint('lint: [a]\n', '.drydock.yaml')).toThrow(/lint: expected a mapping/);
  });

  it('warns about unknown keys in the section', () => {
    expect(parseDrydockLintSection({ rule: { DL3008: 'error' } }, '.drydock.yaml').warnings).toEqual(['.drydock.yaml: lint: unknown key "rule" ignored']);
  });
});
