import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { findDrydockConfig, findHadolintConfig, hadolintConfigCandidates } from '../../../src/lint/config/lookup.js';

describe('config file lookup', () => {
  it("searches Hadolint's locations in Hadolint's order, .yml beside each .yaml", () => {
    expect(hadolintConfigCandidates('/src/app', { HOME: '/home/u', XDG_CONFIG_HOME: '/xdg' })).toEqual([
      '/src/app/.hadolint.yaml',
      '/src/app/.hadolint.yml',
      '/xdg/hadolint.yaml',
      '/xdg/hadolint.yml',
      '/home/u/.config/hadolint.yaml',
      '/home/u/.config/hadolint.yml',
      '/home/u/.hadolint/hadolint.yaml',
      '/home/u/.hadolint/hadolint.yml',
      '/home/u/.hadolint/config.yaml',
      '/home/u/.hadolint/config.yml',
      '/home/u/.hadolint.yaml',
      '/home/u/.hadolint.yml',
    ]);
  });

  it('ignores a relative or empty XDG_CONFIG_HOME and a missing HOME', () => {
    expect(hadolintConfigCandidates('/w', { XDG_CONFIG_HOME: 'rel', HOME: '' })).toEqual(['/w/.hadolint.yaml', '/w/.hadolint.yml']);
  });

  it('takes the first that exists; --config wins (resolved against the working directory, existing or not)', () => {
    const present = new Set(['/home/u/.hadolint.yaml', '/home/u/.config/hadolint.yml']);
    const exists = (p: string): boolean => present.has(p);
    expect(findHadolintConfig({ cwd: '/w', env: { HOME: '/home/u' }, exists })).toBe('/home/u/.config/hadolint.yml');
    expect(findHadolintConfig({ cwd: '/w', env: {}, exists })).toBeUndefined();
    expect(findHadolintConfig({ cwd: '/w', env: { HOME: '/home/u' }, exists, explicit: 'ci/lint.yaml' })).toBe('/w/ci/lint.yaml');
    expect(findHadolintConfig({ cwd: '/w', env: { HOME: '/home/u' }, exists, explicit: '/etc/none.yaml' })).toBe('/etc/none.yaml');
  });

  describe('on a real directory tree', () => {
    const root = mkdtempSync(join(tmpdir(), 'drydock-lookup-'));
    afterAll(() => rmSync(root, { recursive: true, force: true }));
    const home = join(root, 'home');
    const project = join(root, 'project');
    mkdirSync(join(home, '.hadolint'), { recursive: true });
    mkdirSync(project, { recursive: true });
    const input = { cwd: project, env: { HOME: home }, exists: existsSync };

    it('finds the home config, then the project one once it exists, and .drydock.yml', () => {
      expect(findHadolintConfig(input)).toBeUndefined();
      writeFileSync(join(home, '.hadolint', 'config.yml'), 'ignored: [DL3000]\n');
      expect(findHadolintConfig(input)).toBe(join(home, '.hadolint', 'config.yml'));
      writeFileSync(join(project, '.hadolint.yml'), 'ignored: [DL3001]\n');
      expect(findHadolintConfig(input)).toBe(join(project, '.hadolint.yml'));
      expect(findDrydockConfig(input)).toBeUndefined();
      writeFileSync(join(project, '.drydock.yml'), 'lint: {}\n');
      expect(findDrydockConfig(input)).toBe(join(project, '.drydock.yml'));
    });
  });
});
