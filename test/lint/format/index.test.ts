import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../../src/core/errors.js';
import { LINT_FORMAT_IDS, LINT_FORMATS, lintFormat, writeLintReport } from '../../../src/lint/format/index.js';
import { sampleReport } from './data.js';

const HERE = fileURLToPath(new URL('.', import.meta.url));

describe('lint format registry', () => {
  it('lists every format id once, each with its own writer file and test file', () => {
    expect(LINT_FORMATS.map((f) => f.id)).toEqual([...LINT_FORMAT_IDS]);
    for (const f of LINT_FORMATS) {
      expect(existsSync(`${HERE}../../../src/lint/format/${f.id}.ts`), `src/lint/format/${f.id}.ts`).toBe(true);
      expect(existsSync(`${HERE}${f.id}.test.ts`), `test/lint/format/${f.id}.test.ts`).toBe(true);
    }
    const names = LINT_FORMATS.flatMap((f) => [f.id, ...f.aliases]);
    expect(new Set(names).size).toBe(names.length);
    expect(new Set(LINT_FORMATS.map((f) => f.fileExtension)).size).toBe(LINT_FORMATS.length);
  });

  it("resolves Hadolint's names and aliases, case-insensitively", () => {
    expect(lintFormat('gitlab_codeclimate')?.id).toBe('gitlab');
    expect(lintFormat('JSON')?.id).toBe('json');
    expect(lintFormat('md')?.id).toBe('markdown');
    expect(lintFormat('junit')).toBeUndefined();
  });

  it('rejects an unknown format as a usage error naming the choices', () => {
    let err: unknown;
    try {
      writeLintReport('xml', sampleReport());
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).code).toBe('USAGE');
    expect((err as AppError).message).toMatch(/unknown lint format "xml" \(one of: tty, json, sarif, checkstyle, codeclimate, gitlab, markdown/);
    expect(writeLintReport('json', sampleReport())).toBe(LINT_FORMATS[1]?.write(sampleReport(), {}));
  });
});
