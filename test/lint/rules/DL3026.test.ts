import { describe, expect, it } from 'vitest';
import { spansOf } from './instruction-helper.js';

const trusting = (...trustedRegistries: string[]) => ({ rule: { trustedRegistries } });

describe('DL3026 trusted registries', () => {
  it.each<[string, string[], string[]]>([
    ['FROM random.com/debian:12\n', ['docker.io'], ['1:6-1:26']],
    ['FROM ubuntu:24.04 AS a\nFROM docker.io/library/ubuntu:24.04\n', ['trusted.com'], ['1:6-1:18', '2:6-2:36']],
    ['FROM registry-1.docker.io/library/ubuntu:24.04\n', ['trusted.com'], ['1:6-1:47']],
    ['FROM alpine:3.20\nCOPY --from=untrusted.com/repo/image:tag /foo /bar\n', ['trusted.com', 'docker.io'], ['2:6-2:41']],
    ['FROM alpine:3.20\nRUN --mount=type=cache,from=untrusted.com/x:1,target=/y true\n', ['trusted.com', 'docker.io'], ['2:5-2:56']],
    ['FROM alpine:3.20\nRUN --mount=from=untrusted.com/x:1,target=/y true\n', ['trusted.com', 'docker.io'], ['2:5-2:45']],
    ['FROM x.com/debian:12\nFROM random.com/debian:12\n', ['*.random.com'], ['1:6-1:21', '2:6-2:26']],
    ['FROM alpine:3.20\nONBUILD COPY --from=evil.io/tool:1 /t /t\n', ['docker.io'], ['2:14-2:35']],
  ])('catches %j (trusting %j)', async (text, trusted, spans) => {
    expect(await spansOf('DL3026', text, trusting(...trusted))).toEqual(spans);
  });

  it.each<[string, string[]]>([
    ['FROM random.com/debian:12\n', []],
    ['FROM random.com/debian:12\n', ['x.com', 'random.com']],
    ['FROM scratch\n', ['x.com']],
    ['FROM ubuntu:18.04 AS a\nFROM zemanlx/ubuntu:18.04\nFROM docker.io/zemanlx/ubuntu:18.04\nFROM index.docker.io/library/ubuntu:18.04\n', ['docker.io']],
    ['FROM ubuntu:18.04\n', ['hub.docker.com']],
    ['FROM random.com/foo:1 AS builder1\nFROM builder1 AS builder2\n', ['random.com']],
    ['FROM foo.random.com/debian:12\n', ['x.com', '*.random.com']],
    ['FROM myregistry.io/team/app:1\n', ['my*']],
    ['FROM registry.local:5000/app:1\n', ['registry.local:5000']],
    ['FROM ubuntu:18.04\nFROM gcr.io/x/y:1\n', ['*']],
    ['ARG REGISTRY\nFROM ${REGISTRY}/app:1\n', ['trusted.com']],
    ['FROM trusted.com/a:1 AS build\nFROM trusted.com/b:1\nCOPY --from=build /x /x\nCOPY --from=0 /y /y\nRUN --mount=from=build,target=/b true\n', ['trusted.com']],
    ['FROM trusted.com/a:1\nCOPY --from=trusted.com/repo/image:tag /foo /bar\nCOPY --from=${IMG} /x /x\n', ['trusted.com']],
  ])('catches not %j (trusting %j)', async (text, trusted) => {
    expect(await spansOf('DL3026', text, trusting(...trusted))).toEqual([]);
  });
});
