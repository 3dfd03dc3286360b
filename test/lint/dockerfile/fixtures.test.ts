/**
 * Real-world Dockerfiles (test/lint/fixtures/dockerfiles/) and Hadolint's 1,103 rule cases
 * (../shared/conformance/hadolint-rule-cases.json): every file parses without an exception, and only
 * the genuinely invalid ones get ParseWarnings.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { heredocSource } from '../../../src/lint/dockerfile/heredoc.js';
import { parseDockerfile } from '../../../src/lint/dockerfile/parse.js';
import { REPO_ROOT } from '../../helpers/fixtures.js';
import { as, fmt, textAt } from './span-helpers.js';

const DIR = join(REPO_ROOT, 'test/lint/fixtures/dockerfiles');
const load = (name: string) => parseDockerfile(readFileSync(join(DIR, name), 'utf8'));

describe('real-world Dockerfiles', () => {
  const cases: Array<[string, string, string[]]> = [
    ['node-app', 'ARG ARG FROM WORKDIR COPY RUN FROM WORKDIR COPY RUN COPY COPY RUN FROM LABEL ENV WORKDIR RUN COPY COPY COPY USER EXPOSE HEALTHCHECK ENTRYPOINT CMD', ['deps<-', 'build<-', 'runtime<-']],
    ['go-app', 'FROM ARG ARG WORKDIR ENV COPY RUN COPY RUN FROM COPY USER EXPOSE ENTRYPOINT', ['build<-', 'final<-']],
    ['python-app', 'FROM ENV FROM RUN WORKDIR COPY RUN FROM RUN WORKDIR COPY RUN COPY USER EXPOSE CMD', ['base<-', 'builder<-0', '<-0']],
    ['java-maven', 'FROM WORKDIR COPY RUN COPY RUN FROM ARG RUN USER WORKDIR COPY COPY COPY COPY ENV EXPOSE ENTRYPOINT', ['build<-', '<-']],
    ['nginx-static', 'FROM WORKDIR COPY RUN COPY RUN FROM MAINTAINER RUN COPY COPY VOLUME EXPOSE STOPSIGNAL HEALTHCHECK CMD', ['assets<-', '<-']],
    ['windows', 'FROM SHELL WORKDIR ADD RUN COPY ENV USER CMD', ['<-']],
    ['heredocs', 'FROM RUN COPY RUN COPY RUN CMD', ['<-']],
    ['buildkit-mounts', 'FROM WORKDIR RUN RUN RUN COPY ADD ADD FROM COPY ENTRYPOINT', ['build<-', '<-']],
    ['onbuild-base', 'FROM RUN WORKDIR ONBUILD ONBUILD ONBUILD ENV ARG ARG USER CMD', ['<-']],
    ['registry-args', 'ARG ARG ARG FROM FROM FROM FROM COPY FROM FROM FROM COPY', ['base<-', 'tools<-', 'alpine<-', 'app<-0', '<-', '<-', '<-']],
  ];
  it.each(cases)('%s: instructions, stages, no warnings', (name, keywords, stages) => {
    const doc = load(`${name}.Dockerfile`);
    expect(doc.instructions.map((i) => i.keyword).join(' ')).toBe(keywords);
    expect(doc.stages.map((s) => `${s.name ?? ''}<-${s.parent ?? ''}`)).toEqual(stages);
    expect(doc.warnings).toEqual([]);
    for (const i of doc.instructions) expect(textAt(doc, i.keywordSpan).toUpperCase()).toBe(i.keyword);
  });

  it('node-app: FROM expands global ARGs; HEALTHCHECK continued over two lines', () => {
    const doc = load('node-app.Dockerfile');
    expect(doc.stages.map((s) => s.from.image.expanded)).toEqual(['node:20.11.1-alpine3.19', 'node:20.11.1-alpine3.19', 'node:20.11.1-alpine3.19']);
    const hc = as(doc.instructions.find((i) => i.keyword === 'HEALTHCHECK'), 'HEALTHCHECK');
    expect(hc.command?.kind === 'shell' && hc.command.script.text).toBe('wget -qO- http://127.0.0.1:8080/healthz || exit 1');
    expect(fmt(hc.span)).toBe('34:1-35:56');
    const label = as(doc.instructions.find((i) => i.keyword === 'LABEL'), 'LABEL');
    expect(label.pairs.map((p) => p.key.value)).toEqual(['org.opencontainers.image.title', 'org.opencontainers.image.source', 'org.opencontainers.image.licenses']);
    expect(fmt(label.pairs[2]!.value!.span)).toBe('23:41-23:53');
  });

  it('go-app: directives, platform flag, two mounts, digest-pinned distroless', () => {
    const doc = load('go-app.Dockerfile');
    expect(doc.directives.map((d) => `${d.name}=${d.value}`)).toEqual(['syntax=docker/dockerfile:1', 'check=skip=JSONArgsRecommended']);
    expect(doc.stages[0]!.from.platform).toBe('$BUILDPLATFORM');
    const runs = doc.instructions.filter((i) => i.keyword === 'RUN').map((i) => as(i, 'RUN'));
    expect(runs[1]!.mounts.map((m) => m.target)).toEqual(['/go/pkg/mod', '/root/.cache/go-build']);
    expect(runs[1]!.argsText).toBe('GOOS=$TARGETOS GOARCH=$TARGETARCH go build -ldflags="-s -w" -o /out/server ./cmd/server');
    expect(doc.stages[1]!.from.image).toMatchObject({ registry: 'gcr.io', repository: 'distroless/static-debian12', tag: 'nonroot' });
    expect(doc.stages[1]!.from.image.digest).toMatch(/^sha256:8dd8d3ca/);
  });

  it('python-app: the comment inside the apt-get continuation is dropped from the command', () => {
    const doc = load('python-app.Dockerfile');
    const run = as(doc.stages[1]!.instructions[0], 'RUN');
    expect(run.command.kind === 'shell' && run.command.script.text).not.toContain('headers');
    expect(doc.comments.map((c) => [c.text, fmt(c.span)])).toEqual([[' headers for psycopg', '11:9-11:30']]);
    expect(fmt(run.span)).toBe('8:1-13:35');
  });

  it('windows: backtick escape over CRLF lines, backslashes literal', () => {
    const doc = load('windows.Dockerfile');
    expect(doc.escape).toBe('`');
    const run = as(doc.instructions.find((i) => i.keyword === 'RUN'), 'RUN');
    expect(fmt(run.span)).toBe('7:1-9:43');
    if (run.command.kind !== 'shell') throw new Error('shell expected');
    const rm = run.command.script.toFile(run.command.script.text.indexOf('Remove-Item'));
    expect([rm.line, rm.column]).toEqual([8, 5]);
    expect(as(doc.instructions.find((i) => i.keyword === 'WORKDIR'), 'WORKDIR').words.map((w) => w.value)).toEqual(['C:\\app']);
    const env = as(doc.instructions.find((i) => i.keyword === 'ENV'), 'ENV');
    expect(env.pairs.map((p) => [p.key.value, p.value?.value])).toEqual([
      ['APP_HOME', 'C:\\app'],
      ['LOG_DIR', 'C:\\logs'],
    ]);
    const cmd = as(doc.instructions.find((i) => i.keyword === 'CMD'), 'CMD');
    expect(cmd.command.kind === 'exec' && cmd.command.args[0]!.value).toBe('C:\\app\\server.exe');
  });

  it('heredocs: bodies, <<- tabs, quoting, two heredocs on one COPY', () => {
    const doc = load('heredocs.Dockerfile');
    const docs = doc.instructions.flatMap((i) => ('heredocs' in i ? i.heredocs : []));
    expect(docs.map((h) => [h.delimiter, h.quoted, h.stripTabs, fmt(h.bodySpan)])).toEqual([
      ['EOT', false, false, '4:1-7:28'],
      ['EOF', true, true, '10:1-11:16'],
      ['INSTALL', false, false, '14:1-15:21'],
      ['one.txt', false, false, '18:1-18:11'],
      ['two.txt', false, false, '20:1-20:12'],
      ['PY', true, false, '23:1-23:28'],
    ]);
    expect(docs[1]!.body).toBe('[server]\nport = ${PORT}\n');
    const src = heredocSource(doc, docs[0]!);
    const curl = src.toFile(src.text.indexOf('curl'));
    expect([curl.line, curl.column]).toEqual([6, 60]);
  });

  it('buildkit-mounts: every mount type, RUN network/security, COPY/ADD flags', () => {
    const doc = load('buildkit-mounts.Dockerfile');
    const runs = doc.instructions.filter((i) => i.keyword === 'RUN').map((i) => as(i, 'RUN'));
    expect(runs.map((r) => r.mounts.map((m) => m.type).join(','))).toEqual(['bind,bind,cache', 'secret,ssh', 'tmpfs,cache']);
    expect([runs[1]!.network, runs[1]!.security, runs[1]!.argsText]).toEqual(['none', 'sandbox', 'cargo build --release --offline']);
    expect(runs[0]!.mounts[2]!.options.get('id')).toBe('cargo-registry');
    const copy = as(doc.instructions.find((i) => i.keyword === 'COPY'), 'COPY');
    expect([copy.chmod, copy.flags.map((f) => f.name)]).toEqual(['0755', ['link', 'parents', 'exclude', 'chmod']]);
  });

  it('onbuild-base: triggers, legacy ENV, ARG list', () => {
    const doc = load('onbuild-base.Dockerfile');
    const inner = doc.instructions.filter((i) => i.keyword === 'ONBUILD').map((i) => as(i, 'ONBUILD').inner?.keyword);
    expect(inner).toEqual(['COPY', 'RUN', 'COPY']);
    const env = as(doc.instructions.find((i) => i.keyword === 'ENV'), 'ENV');
    expect([env.legacy, env.pairs[0]!.value?.value]).toEqual([true, 'value with spaces']);
    const args = doc.instructions.filter((i) => i.keyword === 'ARG').map((i) => as(i, 'ARG').pairs.map((p) => `${p.key.value}=${p.value?.value ?? '-'}`));
    expect(args).toEqual([['BUNDLER_VERSION=-'], ['RAILS_ENV=production', 'DEBUG=-']]);
  });

  it('registry-args: registries, digests, defaults and unresolved ARGs', () => {
    const doc = load('registry-args.Dockerfile');
    expect(doc.stages.map((s) => [s.from.image.registry, s.from.image.repository, s.from.image.tag, s.from.image.unresolved, s.from.image.scratch])).toEqual([
      ['registry.example.com:5000', 'platform/base', '1.4.2', false, false],
      ['localhost:5000', 'tools/builder', undefined, false, false],
      ['docker.io', 'library/alpine', '3.19', false, false],
      [undefined, 'base', undefined, false, false],
      [undefined, 'myorg/app', '${IMAGE_TAG}', true, false],
      [undefined, 'latest-base', undefined, false, false],
      [undefined, 'scratch', undefined, false, true],
    ]);
  });
});

interface RuleCase {
  readonly rule: string;
  readonly dockerfile: string;
  readonly dockerfileOnbuild?: string;
}

/**
 * The only rule cases that are not valid Dockerfiles for BuildKit (besides the many snippets that have
 * no FROM at all, which get the "before the first FROM" warning): Hadolint tests these on purpose.
 */
const INVALID_CASES: ReadonlyMap<string, string> = new Map([
  ['ONBUILD ONBUILD RUN anything\n', 'chaining ONBUILD via `ONBUILD ONBUILD` is not allowed'],
  ['ONBUILD FROM debian:buster\n', 'FROM is not allowed as an ONBUILD trigger'],
  ['ONBUILD MAINTAINER "BoJack Horseman"\n', 'MAINTAINER is not allowed as an ONBUILD trigger'],
  ['ONBUILD SHELL anything', 'SHELL requires the arguments to be in JSON form'],
]);

describe('Hadolint rule cases', () => {
  const file = join(REPO_ROOT, '../shared/conformance/hadolint-rule-cases.json');
  const cases = (JSON.parse(readFileSync(file, 'utf8')) as { cases: RuleCase[] }).cases;

  it('has the 1,103 cases', () => {
    expect(cases).toHaveLength(1103);
  });

  it('all parse; warnings only for missing FROM and the known-invalid cases', () => {
    let parsed = 0;
    let seenInvalid = 0;
    for (const c of cases) {
      for (const text of [c.dockerfile, c.dockerfileOnbuild]) {
        if (text === undefined) continue;
        const doc = parseDockerfile(text);
        parsed++;
        const other = doc.warnings.filter((w) => !w.message.endsWith('before the first FROM: no build stage in context'));
        const invalid = INVALID_CASES.get(text);
        if (invalid !== undefined) seenInvalid++;
        expect(other.map((w) => w.message), `${c.rule}: ${JSON.stringify(text)}`).toEqual(invalid === undefined ? [] : [invalid]);
        const stray = doc.instructions.filter((i) => i.stage < 0 && i.keyword !== 'ARG');
        expect(doc.warnings.length - other.length).toBe(stray.length);
      }
    }
    expect(parsed).toBe(1103 + cases.filter((c) => c.dockerfileOnbuild !== undefined).length);
    expect(seenInvalid).toBeGreaterThanOrEqual(INVALID_CASES.size);
  });

  it('cases with a FROM first are valid: zero warnings', () => {
    const withFrom = cases.filter((c) => /^\s*(#[^\n]*\n\s*)*FROM\s/i.test(c.dockerfile));
    expect(withFrom.length).toBeGreaterThan(200);
    for (const c of withFrom) expect(parseDockerfile(c.dockerfile).warnings, c.dockerfile).toEqual([]);
  });
});
