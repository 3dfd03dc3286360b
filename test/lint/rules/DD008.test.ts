import { describe, expect, it } from 'vitest';
import { dockerfile, positions } from './dd-helper.js';
import { findingsOf } from './lint-helper.js';

describe('DD008 final image runs as root', () => {
  it.each([
    ['no USER at all', ['FROM node:20', 'CMD ["node", "server.js"]'], [1, 6], "the base image's user (node:20: root unless"],
    ['USER root last', ['FROM alpine:3.20', 'USER app', 'RUN id', 'USER root'], [4, 6], 'USER root is the last USER'],
    ['USER 0:0', ['FROM alpine:3.20', 'USER 0:0'], [2, 6], 'USER 0:0 is the last USER'],
    ['USER root with a group', ['FROM alpine:3.20', 'USER root:wheel'], [2, 6], 'USER root:wheel'],
    ['a USER in a builder stage only', ['FROM node:20 AS build', 'USER node', 'RUN npm ci', 'FROM node:20-slim', 'COPY --from=build /app /app'], [4, 6], 'No USER in the final stage'],
    ['root set again in the final stage over an inherited user', ['FROM alpine:3.20 AS base', 'USER app', 'FROM base', 'USER 0'], [4, 6], 'USER 0'],
    ['the Windows administrator', ['FROM mcr.microsoft.com/windows/servercore:ltsc2022', 'USER ContainerAdministrator'], [2, 6], 'USER ContainerAdministrator'],
    ['scratch', ['FROM golang:1.22 AS build', 'USER nobody', 'FROM scratch', 'COPY --from=build /app /app'], [3, 6], 'FROM scratch runs as uid 0'],
    ['a Chainguard dev tag', ['FROM cgr.dev/chainguard/python:latest-dev'], [1, 6], 'No USER'],
    ['a distroless root tag', ['FROM gcr.io/distroless/static-debian12:latest'], [1, 6], 'No USER'],
  ])('catches %s', async (_name, lines, at, message) => {
    const f = await findingsOf('DD008', dockerfile(...lines));
    expect(positions(f)).toEqual([at]);
    expect(f[0]?.level).toBe('warning');
    expect(f[0]?.message).toContain(message);
  });

  it.each([
    ['a non-root USER last', ['FROM node:20', 'USER node']],
    ['a numeric non-root user with root group', ['FROM alpine:3.20', 'USER 10001:0']],
    ['USER root earlier, then a user', ['FROM alpine:3.20', 'USER root', 'RUN apk add --no-cache curl', 'USER 10001']],
    ['a user inherited from an earlier stage', ['FROM alpine:3.20 AS base', 'USER app', 'FROM base', 'RUN id']],
    ['a user inherited through two stages', ['FROM alpine:3.20 AS a', 'USER 1000', 'FROM a AS b', 'FROM b']],
    ['root only in a builder stage', ['FROM node:20 AS build', 'USER root', 'FROM node:20-slim', 'USER node']],
    ['a variable user', ['FROM alpine:3.20', 'ARG APP_USER=app', 'USER ${APP_USER}']],
    ['distroless nonroot', ['FROM gcr.io/distroless/static-debian12:nonroot']],
    ['Chainguard', ['FROM cgr.dev/chainguard/node:latest']],
    ['an unresolved base', ['ARG BASE', 'FROM ${BASE}']],
    ['ONBUILD USER root (runs in child images)', ['FROM alpine:3.20', 'USER app', 'ONBUILD USER root']],
  ])('does not flag %s', async (_name, lines) => {
    expect(await findingsOf('DD008', dockerfile(...lines))).toEqual([]);
  });
});
