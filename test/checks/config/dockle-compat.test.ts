/**
 * The compatibility table: every checkpoint of Dockle's list (../shared/conformance/dockle-checkpoints.json)
 * is either a drydock check with Dockle's code as its id, title and default level, or not applicable
 * with a stated reason.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CONFIG_CHECKS } from '../../../src/checks/config/index.js';
import { DOCKLE_NOT_APPLICABLE, DOCKLE_PARTIAL } from '../../../src/checks/config/dockle.js';
import { REPO_ROOT } from '../../helpers/fixtures.js';

interface Checkpoint {
  code: string;
  title: string;
  defaultLevel: string | null;
  readmeLevel: string | null;
  implemented: boolean;
}

const checkpoints = (
  JSON.parse(readFileSync(join(REPO_ROOT, '..', 'shared', 'conformance', 'dockle-checkpoints.json'), 'utf8')) as { checkpoints: Checkpoint[] }
).checkpoints;

describe('Dockle compatibility table', () => {
  it.each(checkpoints)('$code $title', (cp) => {
    const check = CONFIG_CHECKS.find((c) => c.id === cp.code);
    const reason = DOCKLE_NOT_APPLICABLE[cp.code];
    expect(check === undefined ? 0 : 1, `${cp.code}: implemented and marked not applicable at once`).toBe(reason === undefined ? 1 : 0);
    if (check) {
      expect(check.title).toBe(cp.title);
      expect(check.dockleLevel).toBe(cp.defaultLevel);
    } else {
      expect(reason?.length ?? 0).toBeGreaterThan(20);
    }
  });

  it('names no checkpoint Dockle does not have, and implements every one Dockle implements except content trust', () => {
    const codes = new Set(checkpoints.map((c) => c.code));
    for (const code of [...Object.keys(DOCKLE_NOT_APPLICABLE), ...Object.keys(DOCKLE_PARTIAL)]) expect(codes, code).toContain(code);
    for (const c of CONFIG_CHECKS.filter((c) => c.dockleLevel !== undefined)) expect(codes, c.id).toContain(c.id);
    const missing = checkpoints.filter((c) => c.implemented && !CONFIG_CHECKS.some((k) => k.id === c.code)).map((c) => c.code);
    expect(missing).toEqual(['CIS-DI-0005']);
  });

  it('drydock-only checks use DD-IMG ids and claim no Dockle level', () => {
    for (const c of CONFIG_CHECKS) {
      if (c.id.startsWith('DD-IMG-')) expect(c.dockleLevel, c.id).toBeUndefined();
      else expect(c.id, c.id).toMatch(/^(CIS-DI|DKL-DI|DKL-LI)-\d{4}$/);
    }
  });

  it('every check file is in CONFIG_CHECKS under the id its file is named after', async () => {
    const dir = join(REPO_ROOT, 'src', 'checks', 'config');
    const files = readdirSync(dir).filter((f) => /^(cis-di|dkl-di|dkl-li|dd-img)-\d{4}\.ts$/.test(f));
    expect(files.map((f) => f.replace(/\.ts$/, '').toUpperCase()).sort()).toEqual(CONFIG_CHECKS.map((c) => c.id).sort());
    for (const f of files) {
      const mod = (await import(join(dir, f))) as Record<string, unknown>;
      expect(Object.values(mod).filter((v) => CONFIG_CHECKS.includes(v as never)).length, f).toBe(1);
    }
  });
});
