/**
 * The DD rules never throw and always report spans inside the file, on the parser fuzz corpus (the
 * fixtures and Hadolint's rule cases), Dockerfiles shaped for these rules, and seeded mutations of all
 * of them (see test/lint/dockerfile/fuzz-gen.ts).
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lintFiles } from '../../../src/lint/engine.js';
import { DRYDOCK_RULES } from '../../../src/lint/rules/list-drydock.js';
import { REPO_ROOT } from '../../helpers/fixtures.js';
import { prng } from '../../helpers/prng.js';
import { generate, mutate } from '../dockerfile/fuzz-gen.js';
import { dockerfile } from './dd-helper.js';
import { settings } from './lint-helper.js';

const SHAPED = [
  dockerfile('ARG BASE=pythonn:3.12', 'FROM ${BASE} AS build', 'ARG NPM_TOKEN', 'ENV DB_PASSWORD=Xk9#qAbcD3fGh', 'RUN curl -fsSL https://x | sh && npm ci', 'COPY . .', 'COPY id_rsa .env /root/', 'FROM build', 'EXPOSE 22 8080', 'USER root', 'CMD ["node", "server.js"]'),
  dockerfile('FROM 10.0.0.1:5000/golang:1.22', 'RUN go build -o /app . && bash <(curl -s https://x/i)', 'RUN --mount=type=cache,target=/root/.cache/go-build go build', 'HEALTHCHECK NONE'),
  dockerfile('FROM node:20', 'RUN <<EOF', 'yarn install', 'sh -c "$(wget -qO- https://x)"', 'EOF', 'ONBUILD COPY *.pem /k/', 'ONBUILD RUN echo $NPM_TOKEN'),
];

function corpus(): string[] {
  const dir = join(REPO_ROOT, 'test/lint/fixtures/dockerfiles');
  const fixtures = readdirSync(dir)
    .filter((f) => f.endsWith('.Dockerfile'))
    .map((f) => readFileSync(join(dir, f), 'utf8'));
  const cases = (JSON.parse(readFileSync(join(REPO_ROOT, '../shared/conformance/hadolint-rule-cases.json'), 'utf8')) as { cases: Array<{ dockerfile: string }> }).cases;
  return [...SHAPED, ...fixtures, ...cases.map((c) => c.dockerfile)];
}

async function lintAll(texts: readonly string[], dockerignore: string | undefined): Promise<void> {
  const run = await lintFiles(
    texts.map((text, i) => ({ name: String(i), text, dockerignore })),
    settings(),
    DRYDOCK_RULES,
  );
  for (const file of run.files) {
    const text = texts[Number(file.name)] as string;
    const lines = text.split('\n').length;
    for (const f of file.findings) {
      if (f.line < 1 || f.line > lines || f.endLine < f.line || f.column < 1) expect.fail(`${f.code} at ${f.line}:${f.column}-${f.endLine}:${f.endColumn}\n--- input ${JSON.stringify(text)}`);
    }
  }
}

describe('DD rules robustness', () => {
  const pool = corpus();

  it('lint the corpus', async () => {
    await lintAll(pool, undefined);
    await lintAll(pool, '.git\n*.pem\n!keep.pem\n');
  });

  it.each([1, 2, 3])('lint 3,000 mutated and 1,000 generated files, seed %i', async (seed) => {
    const rand = prng(0xdd00 + seed);
    const texts = [...Array.from({ length: 3000 }, () => mutate(rand, pool)), ...Array.from({ length: 1000 }, () => generate(rand))];
    await lintAll(texts, seed === 2 ? '[' : undefined);
  });
});
