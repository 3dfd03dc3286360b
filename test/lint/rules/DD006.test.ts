import { describe, expect, it } from 'vitest';
import { dockerfile, positions } from './dd-helper.js';
import { findingsOf } from './lint-helper.js';

describe('DD006 typosquatted image names', () => {
  it.each([
    ['a misspelled official image', ['FROM pythonn:3.12'], 'FROM pythonn:3.12: "pythonn" looks like a typosquat of "python" (a misspelling, edit distance 1); did you mean python?'],
    ['a transposition', ['FROM pyhton:3.12-slim'], 'of "python"'],
    ['alpline', ['FROM alpline:3.20'], 'of "alpine"'],
    ['a separator variant', ['FROM node-js:20'], '"node-js" looks like a typosquat of "node" (a separator variant)'],
    ['look-alike characters', ['FROM docker.io/library/ng1nx:1.27'], 'of "nginx" (look-alike characters'],
    ['a misspelled verified publisher', ['FROM bitnarni/redis:7.2'], 'of "bitnami/redis" (a misspelled publisher'],
    ['a misspelled trusted namespace', ['FROM gcr.io/distroles/static-debian12'], 'of "gcr.io/distroless/static-debian12"'],
    ['an ARG default', ['ARG BASE=pythonn:3.12', 'FROM $BASE'], 'FROM pythonn:3.12:'],
    ['COPY --from an image', ['FROM alpine:3.20', 'COPY --from=ngnix:1.27 /etc/nginx/nginx.conf /etc/nginx/'], 'COPY --from ngnix:1.27'],
  ])('catches %s', async (_name, lines, message) => {
    const f = await findingsOf('DD006', dockerfile(...lines));
    expect(f).toHaveLength(1);
    expect(f[0]?.level).toBe('error');
    expect(f[0]?.message).toContain(message);
  });

  it('points at the image', async () => {
    const text = dockerfile('FROM --platform=$BUILDPLATFORM golang:1.22 AS build', 'FROM alpline:3.20');
    expect(positions(await findingsOf('DD006', text))).toEqual([[2, 6]]);
  });

  it.each([
    ['official images', ['FROM python:3.12', 'FROM node:20-alpine', 'FROM nginx']],
    ['a user image', ['FROM acme/api:1.2']],
    ['a verified publisher', ['FROM bitnami/redis:7.2']],
    ['a private registry', ['FROM registry.acme.dev/team/pythonn:1']],
    ['Microsoft images', ['FROM mcr.microsoft.com/dotnet/sdk:8.0']],
    ['distroless', ['FROM gcr.io/distroless/static-debian12:nonroot']],
    ['scratch and stages', ['FROM scratch AS pythonn', 'FROM pythonn']],
    ['an unresolved name', ['ARG IMG', 'FROM ${IMG}:1']],
  ])('does not flag %s', async (_name, lines) => {
    expect(await findingsOf('DD006', dockerfile(...lines))).toEqual([]);
  });
});
