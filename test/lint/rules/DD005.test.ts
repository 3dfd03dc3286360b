import { describe, expect, it } from 'vitest';
import { dockerfile, positions } from './dd-helper.js';
import { findingsOf } from './lint-helper.js';

describe('DD005 registry addressed by IP address or port', () => {
  it.each([
    ['an IPv4 registry', ['FROM 10.0.12.7/base/node:20'], 'the registry 10.0.12.7 is addressed by a raw IP address'],
    ['an IPv4 registry with port', ['FROM 192.168.1.20:5000/app:1'], 'by a raw IP address'],
    ['an IPv6 registry', ['FROM [fd00::7]:5000/app:1'], 'the registry [fd00::7]:5000 is addressed by a raw IP address'],
    ['a host with a port', ['FROM registry.internal:5000/team/python:3.12'], 'by an explicit port (5000)'],
    ['an ARG default', ['ARG REG=10.1.1.1:5000', 'FROM ${REG}/base:1'], 'FROM 10.1.1.1:5000/base:1'],
    ['COPY --from an image', ['FROM alpine:3.20', 'COPY --from=registry.internal:8443/tools/jq:1 /jq /usr/bin/jq'], 'COPY --from registry.internal:8443/tools/jq:1'],
    ['a RUN mount from an image', ['FROM alpine:3.20', 'RUN --mount=from=172.16.0.9/tools:1,target=/t /t/run'], 'RUN --mount 172.16.0.9/tools:1'],
  ])('catches %s', async (_name, lines, message) => {
    const f = await findingsOf('DD005', dockerfile(...lines));
    expect(f).toHaveLength(1);
    expect(f[0]?.level).toBe('warning');
    expect(f[0]?.message).toContain(message);
  });

  it('points at the image reference or the flag', async () => {
    const text = dockerfile('FROM --platform=linux/arm64 10.0.0.2/a:1 AS a', 'COPY --from=10.0.0.3/b:1 /b /b');
    expect(positions(await findingsOf('DD005', text))).toEqual([
      [1, 29],
      [2, 6],
    ]);
  });

  it.each([
    ['Docker Hub', ['FROM node:20']],
    ['a registry by name', ['FROM ghcr.io/acme/app:1', 'FROM registry.internal/team/app:1']],
    ['an explicit port 443', ['FROM registry.acme.dev:443/app:1']],
    ['localhost with a port', ['FROM localhost:5000/app:dev']],
    ['IPv4 loopback', ['FROM 127.0.0.1:5000/app:dev']],
    ['IPv6 loopback', ['FROM [::1]:5000/app:dev']],
    ['an unresolved registry', ['ARG REG', 'FROM ${REG}/app:1']],
    ['COPY --from a stage', ['FROM 127.0.0.1:5000/b:1 AS build', 'FROM alpine:3.20', 'COPY --from=build /x /x', 'COPY --from=0 /y /y']],
  ])('does not flag %s', async (_name, lines) => {
    expect(await findingsOf('DD005', dockerfile(...lines))).toEqual([]);
  });
});
