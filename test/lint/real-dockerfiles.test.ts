/**
 * Every real Dockerfile within reach lints cleanly as a run — no crash, no rule failure, no parse warning
 * on files that real builders accept: the recipes that build this repo's fixture images with buildah
 * (so they are known-good Dockerfiles), the lint fixtures, and Trivy's integration Dockerfiles.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lintFiles } from '../../src/lint/engine.js';
import { PARSE_WARNING_CODE } from '../../src/lint/engine.js';
import { REPO_ROOT } from '../helpers/fixtures.js';
import { settings } from './rules/lint-helper.js';

function dockerfilesUnder(dir: string, out: string[] = []): string[] {
  if (!existsSync(dir)) return out;
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    const st = statSync(p);
    if (st.isDirectory()) dockerfilesUnder(p, out);
    else if (/(^|\.)(Dockerfile|Containerfile)$/i.test(name) && st.size < 1_000_000) out.push(p);
  }
  return out;
}

describe('real Dockerfiles', () => {
  const files = [
    ...dockerfilesUnder(join(REPO_ROOT, 'scripts', 'fixtures', 'recipes')),
    ...dockerfilesUnder(join(REPO_ROOT, 'test', 'lint', 'fixtures', 'dockerfiles')),
    ...dockerfilesUnder(join(REPO_ROOT, '..', 'shared', 'conformance', 'trivy-integration', 'integration', 'testdata', 'fixtures', 'repo')),
  ];

  it('lint without crashes, rule failures or parse warnings (with ShellCheck)', async () => {
    expect(files.length).toBeGreaterThanOrEqual(20);
    const run = await lintFiles(
      files.map((f) => ({ name: f, text: readFileSync(f, 'utf8') })),
      settings({ shellcheck: true }),
    );
    expect(run.notices).toEqual([]);
    const warnings = run.report.findings.filter((f) => f.code === PARSE_WARNING_CODE).map((f) => `${f.file}:${f.line} ${f.message}`);
    expect(warnings).toEqual([]);
    // Each file's findings point inside it.
    run.files.forEach((f, i) => {
      const lines = readFileSync(files[i] as string, 'utf8').split('\n').length;
      for (const x of f.findings) expect(x.line).toBeLessThanOrEqual(lines);
    });
  });
});
