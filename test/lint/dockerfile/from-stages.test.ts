/** ARG expansion, FROM image references, aliases and stages. */
import { describe, expect, it } from 'vitest';
import { expandVars } from '../../../src/lint/dockerfile/expand.js';
import { parseImageRef } from '../../../src/lint/dockerfile/image-ref.js';
import { parseDockerfile } from '../../../src/lint/dockerfile/parse.js';
import { as, fmt, nth } from './span-helpers.js';

describe('expandVars', () => {
  const vars = new Map<string, string>([
    ['V', '1.2'],
    ['EMPTY', ''],
    ['REG', 'gcr.io'],
  ]);
  const lookup = (n: string) => vars.get(n);
  it.each([
    ['plain', 'plain', false],
    ['$V', '1.2', false],
    ['${V}', '1.2', false],
    ['a-${V}-b$V', 'a-1.2-b1.2', false],
    ['${V:-x}', '1.2', false],
    ['${EMPTY:-x}', 'x', false],
    ['${EMPTY-x}', '', false],
    ['${UNSET:-x}', 'x', false],
    ['${UNSET-x}', 'x', false],
    ['${UNSET:-$V}', '1.2', false],
    ['${V:+alt}', 'alt', false],
    ['${EMPTY:+alt}', '', false],
    ['${EMPTY+alt}', 'alt', false],
    ['${UNSET:+alt}', '${UNSET:+alt}', true],
    ['${UNSET}', '${UNSET}', true],
    ['$UNSET/x', '$UNSET/x', true],
    ['${V:?must}', '1.2', false],
    ['${UNSET:?must}', '${UNSET:?must}', true],
    ['${V#1.}', '${V#1.}', true],
    ['\\$V', '$V', false],
    ['$', '$', false],
    ['$1x', '$1x', false],
    ['${REG}/a:${V}', 'gcr.io/a:1.2', false],
    ['${unclosed', '${unclosed', true],
  ])('%s → %s (unresolved %s)', (text, value, unresolved) => {
    expect(expandVars(text, lookup)).toEqual({ value, unresolved });
  });

  it('the escape character is configurable (backtick)', () => {
    expect(expandVars('`$V', lookup, 96)).toEqual({ value: '$V', unresolved: false });
    expect(expandVars('\\$V', lookup, 96)).toEqual({ value: '\\1.2', unresolved: false });
  });
});

describe('parseImageRef', () => {
  const ref = (s: string) => {
    const r = parseImageRef(s, { value: s, unresolved: false });
    return [r.registry, r.repository, r.tag, r.digest, r.scratch];
  };
  it.each([
    ['alpine', [undefined, 'alpine', undefined, undefined, false]],
    ['alpine:3.19', [undefined, 'alpine', '3.19', undefined, false]],
    ['library/alpine:3.19', [undefined, 'library/alpine', '3.19', undefined, false]],
    ['bitnami/redis:7', [undefined, 'bitnami/redis', '7', undefined, false]],
    ['docker.io/library/alpine:3.19', ['docker.io', 'library/alpine', '3.19', undefined, false]],
    ['localhost/app', ['localhost', 'app', undefined, undefined, false]],
    ['localhost:5000/app:1', ['localhost:5000', 'app', '1', undefined, false]],
    ['registry.example.com:5000/team/app', ['registry.example.com:5000', 'team/app', undefined, undefined, false]],
    ['gcr.io/distroless/static@sha256:abc', ['gcr.io', 'distroless/static', undefined, 'sha256:abc', false]],
    ['ubuntu:22.04@sha256:abc', [undefined, 'ubuntu', '22.04', 'sha256:abc', false]],
    ['MyRegistry/app', ['MyRegistry', 'app', undefined, undefined, false]],
    ['scratch', [undefined, 'scratch', undefined, undefined, true]],
    ['app:${TAG:-x}', [undefined, 'app', '${TAG:-x}', undefined, false]],
    ['${REGISTRY}/app:1', [undefined, '${REGISTRY}/app', '1', undefined, false]],
  ])('%s', (s, expected) => {
    expect(ref(s)).toEqual(expected);
  });
});

describe('FROM and stages', () => {
  it('global ARG defaults expand FROM; ARGs chain; raw stays as written', () => {
    const doc = parseDockerfile('ARG REG=registry.example.com\nARG IMG=${REG}/base\nARG TAG\nFROM ${IMG}:1.0 AS base\nFROM node:${TAG}\nFROM node:${TAG:-20}\n');
    const [a, b, c] = doc.stages.map((s) => s.from.image);
    expect([a?.raw, a?.expanded, a?.unresolved, a?.registry, a?.repository, a?.tag]).toEqual(['${IMG}:1.0', 'registry.example.com/base:1.0', false, 'registry.example.com', 'base', '1.0']);
    expect([b?.expanded, b?.unresolved, b?.tag]).toEqual(['node:${TAG}', true, '${TAG}']);
    expect([c?.expanded, c?.unresolved, c?.tag]).toEqual(['node:20', false, '20']);
    expect(doc.globalArgs.map((g) => g.pairs[0]!.key.value)).toEqual(['REG', 'IMG', 'TAG']);
    expect(doc.warnings).toEqual([]);
  });

  it('ARGs inside a stage do not reach the next FROM', () => {
    const doc = parseDockerfile('FROM alpine\nARG V=3\nFROM node:${V}\n');
    expect(doc.stages[1]!.from.image).toMatchObject({ expanded: 'node:${V}', unresolved: true });
    expect(doc.globalArgs).toEqual([]);
  });

  it('alias: written case kept, stage name lower-cased; parent by earlier name only', () => {
    const doc = parseDockerfile('FROM golang:1.22 AS Build\nRUN go build\nFROM build as test\nFROM later\nFROM alpine AS later\nCOPY --from=build /out /out\n');
    const from = as(nth(doc, 0), 'FROM');
    expect([from.alias?.raw, from.alias && fmt(from.alias.span)]).toEqual(['Build', '1:21-1:26']);
    expect(doc.stages.map((s) => [s.index, s.name, s.parent, s.instructions.map((i) => i.keyword)])).toEqual([
      [0, 'build', undefined, ['RUN']],
      [1, 'test', 0, []],
      [2, undefined, undefined, []],
      [3, 'later', undefined, ['COPY']],
    ]);
    expect(doc.instructions.map((i) => i.stage)).toEqual([0, 0, 1, 2, 3, 3]);
    expect(doc.stages[1]!.from).toBe(nth(doc, 2));
  });

  it('FROM scratch', () => {
    const doc = parseDockerfile('FROM scratch\nCOPY app /\n');
    expect(doc.stages[0]!.from.image).toMatchObject({ scratch: true, repository: 'scratch', registry: undefined });
  });

  it.each([
    ['FROM', 'FROM requires either one or three arguments'],
    ['FROM a AS', 'FROM requires either one or three arguments'],
    ['FROM a b c', 'FROM requires either one or three arguments'],
    ['FROM a AS 1bad', 'invalid name for build stage: "1bad", name can\'t start with a number or contain symbols'],
    ['FROM a AS b$c', 'invalid name for build stage: "b$c", name can\'t start with a number or contain symbols'],
  ])('%s → warning', (line, message) => {
    expect(parseDockerfile(`${line}\n`).warnings.map((w) => w.message)).toEqual([message]);
  });
});
