/**
 * The instruction rules never throw, report spans inside the file, and offer fixes that are in
 * bounds, do not overlap and leave a file that lints again — on the fixtures, Hadolint's rule cases,
 * Dockerfiles shaped for these rules, and seeded mutations of all of them (test/lint/dockerfile/fuzz-gen.ts).
 * Every setting these rules read is on: a label schema of every type, strict labels, trusted registries.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lintFiles, type EngineSettings } from '../../../src/lint/engine.js';
import type { TextEdit } from '../../../src/lint/rule.js';
import { INSTRUCTION_RULES } from '../../../src/lint/rules/list-instructions.js';
import { REPO_ROOT } from '../../helpers/fixtures.js';
import { prng } from '../../helpers/prng.js';
import { generate, mutate } from '../dockerfile/fuzz-gen.js';
import { applyEdits, settings } from './lint-helper.js';

const SETTINGS: EngineSettings = settings({
  overrides: { DL1001: 'info', DL3057: 'info' },
  rule: {
    trustedRegistries: ['docker.io', '*.example.com', 'ghcr*'],
    labelSchema: new Map([
      ['maintainer', 'email'],
      ['version', 'semver'],
      ['url', 'url'],
      ['created', 'rfc3339'],
      ['revision', 'hash'],
      ['license', 'spdx'],
      ['title', 'text'],
    ]),
    strictLabels: true,
  },
});

const SHAPED = [
  'MAINTAINER "Jane" <j@x.io>\nARG AWS_SECRET_ACCESS_KEY\nFROM --platform=linux/amd64 random.com/app:latest AS scratch\nUSER root\nWORKDIR app\nADD app.py ./\nCOPY a b c\nCOPY --from=scratch / /\nEXPOSE 70000 1-99999/udp\nCMD npm start\nCMD ["x"]\nENTRYPOINT run\nENTRYPOINT run2\nHEALTHCHECK CMD curl -f http://x/\nHEALTHCHECK NONE\n',
  'FROM --platform=$TARGETPLATFORM node AS Build\nENV A=1 B=$A C=${A:-x}\nLABEL version=v1 maintainer=me url=x created=now revision=XYZ license=mit title= Com.Docker.x=1\nONBUILD ONBUILD RUN x\nONBUILD FROM y\nONBUILD ADD conf /etc/\nONBUILD COPY --from=build x y\nFROM build AS build\nCOPY --from=build x .\nCOPY --from=9 x .\n',
  '# escape=`\nFROM mcr.microsoft.com/windows/servercore:ltsc2022\nWORKDIR C:\\app\nCOPY a.tar.gz C:\\tmp\\\nRUN tar -xf C:\\tmp\\a.tar.gz\nUSER ContainerUser\nMAINTAINER a"b`c\n',
  'FROM debian:12\nCOPY app.tgz /tmp/\nRUN <<EOF\ntar xzf /tmp/app.tgz\nEOF\nRUN --mount=type=cache,from=evil.io/x:1,target=/c true\n# hadolint ignore=DL3008\nRUN true\n',
];

function corpus(): string[] {
  const dir = join(REPO_ROOT, 'test/lint/fixtures/dockerfiles');
  const fixtures = readdirSync(dir)
    .filter((f) => f.endsWith('.Dockerfile'))
    .map((f) => readFileSync(join(dir, f), 'utf8'));
  const cases = (JSON.parse(readFileSync(join(REPO_ROOT, '../shared/conformance/hadolint-rule-cases.json'), 'utf8')) as { cases: Array<{ dockerfile: string }> }).cases;
  return [...SHAPED, ...fixtures, ...cases.map((c) => c.dockerfile)];
}

function checkEdits(text: string, edits: readonly TextEdit[], where: string): void {
  const sorted = [...edits].sort((a, b) => a.offset - b.offset);
  let end = 0;
  for (const e of sorted) {
    if (e.offset < end || e.length < 0 || e.offset + e.length > text.length) expect.fail(`bad edit ${JSON.stringify(e)} ${where}`);
    end = e.offset + e.length;
  }
}

async function lintAll(texts: readonly string[]): Promise<number> {
  const run = await lintFiles(
    texts.map((text, i) => ({ name: String(i), text })),
    SETTINGS,
    INSTRUCTION_RULES,
  );
  const fixed: string[] = [];
  for (const file of run.files) {
    const text = texts[Number(file.name)] as string;
    const lines = text.split('\n').length;
    const edits: TextEdit[] = [];
    file.findings.forEach((f, i) => {
      const where = `${f.code} at ${f.line}:${f.column}-${f.endLine}:${f.endColumn}\n--- input ${JSON.stringify(text)}`;
      if (f.line < 1 || f.line > lines || f.endLine < f.line || f.column < 1 || (f.endLine === f.line && f.endColumn < f.column)) expect.fail(where);
      const fix = file.fixes[i];
      if (fix !== undefined) {
        checkEdits(text, fix, where);
        edits.push(...fix);
      }
    });
    if (edits.length > 0) {
      checkEdits(text, edits, `(all fixes) in ${JSON.stringify(text)}`);
      fixed.push(applyEdits(text, edits));
    }
  }
  // The fixed files lint again, and nothing that was fixed is offered for fixing again.
  if (fixed.length > 0) {
    const again = await lintFiles(fixed.map((text, i) => ({ name: String(i), text })), SETTINGS, INSTRUCTION_RULES);
    for (const file of again.files) {
      const stale = file.findings.filter((f) => f.fixable && ['DL3020', 'DL3025', 'DL4000'].includes(f.code));
      if (stale.length > 0) expect.fail(`still fixable after --fix: ${JSON.stringify(stale)}\n--- ${JSON.stringify(fixed[Number(file.name)])}`);
    }
  }
  return fixed.length;
}

describe('instruction rules robustness', () => {
  const pool = corpus();

  it('lint the corpus; fixes apply', async () => {
    expect(await lintAll(pool)).toBeGreaterThan(10);
  });

  it.each([1, 2, 3])('lint 3,000 mutated and 1,000 generated files, seed %i', async (seed) => {
    const rand = prng(0x1d00 + seed);
    await lintAll([...Array.from({ length: 3000 }, () => mutate(rand, pool)), ...Array.from({ length: 1000 }, () => generate(rand))]);
  }, 60_000);
});
