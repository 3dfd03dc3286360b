import { describe, expect, it } from 'vitest';
import { dockerfile, positions } from './dd-helper.js';
import { findingsOf } from './lint-helper.js';

const DIGEST = `sha256:${'0123456789abcdef'.repeat(4)}`;

describe('DD004 base image not pinned by digest', () => {
  it.each([
    ['a tag', ['FROM node:20-alpine'], 'FROM node:20-alpine is not pinned by digest'],
    ['no tag', ['FROM ubuntu'], 'FROM ubuntu is not pinned by digest'],
    ['a registry with a port', ['FROM --platform=linux/amd64 registry.acme.dev:5000/base/python:3.12 AS build'], 'registry.acme.dev:5000/base/python:3.12@sha256:…'],
    ['an ARG default', ['ARG BASE=python:3.12-slim', 'FROM ${BASE}'], 'the build argument default python:3.12-slim is not pinned'],
    ['an ARG in the tag', ['ARG V=3.20', 'FROM alpine:$V'], 'FROM alpine:$V: the build argument default alpine:3.20'],
  ])('catches %s', async (_name, lines, message) => {
    const f = await findingsOf('DD004', dockerfile(...lines));
    expect(f).toHaveLength(1);
    expect(f[0]?.level).toBe('info');
    expect(f[0]?.message).toContain(message);
  });

  it('points at the image of every unpinned external base', async () => {
    const text = dockerfile('FROM golang:1.22 AS build', 'RUN go build -o /app .', `FROM gcr.io/distroless/static@${DIGEST}`, 'FROM build AS test', 'FROM --platform=$BUILDPLATFORM alpine:3.20');
    expect(positions(await findingsOf('DD004', text))).toEqual([
      [1, 6],
      [5, 32],
    ]);
  });

  it.each([
    ['a digest', [`FROM node:20@${DIGEST}`]],
    ['a digest without tag', [`FROM docker.io/library/alpine@${DIGEST}`]],
    ['scratch', ['FROM scratch']],
    ['an earlier stage', ['FROM alpine:3.20@' + DIGEST + ' AS base', 'FROM base']],
    ['an earlier stage in other case', ['FROM alpine:3.20@' + DIGEST + ' AS Base', 'FROM BASE']],
    ['an unresolved ARG', ['ARG BASE', 'FROM ${BASE}']],
    ['an ARG default that is pinned', [`ARG BASE=python:3.12@${DIGEST}`, 'FROM $BASE']],
  ])('does not flag %s', async (_name, lines) => {
    expect(await findingsOf('DD004', dockerfile(...lines))).toEqual([]);
  });
});
