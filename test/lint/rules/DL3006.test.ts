import { describe, expect, it } from 'vitest';
import { spansOf } from './instruction-helper.js';

describe('DL3006 untagged FROM', () => {
  it.each<[string, string[]]>([
    ['FROM debian\n', ['1:6-1:12']],
    ['FROM --platform=$BUILDPLATFORM golang AS build\n', ['1:32-1:38']],
    ['FROM gcr.io/distroless/static\n', ['1:6-1:30']],
    ['FROM localhost:5000/app\n', ['1:6-1:24']],
    ['FROM golang:1.22 AS build\nFROM node AS test\n', ['2:6-2:10']],
    // A global ARG default is expanded: the image it names has no tag.
    ['ARG BASE=node\nFROM ${BASE}\n', ['2:6-2:13']],
    // The registry is a variable, but the image name is known and untagged.
    ['ARG REGISTRY\nFROM ${REGISTRY}/node\n', ['2:6-2:22']],
  ])('catches %j', async (text, spans) => {
    expect(await spansOf('DL3006', text)).toEqual(spans);
  });

  it.each([
    'FROM debian:12\n',
    'FROM scratch\n',
    'FROM ruby@sha256:f1dbca0f5dbc9f1dbca0f5dbc9f1dbca0f5dbc9f1dbca0f5dbc9f1dbca0f5dbc9aaaa\n',
    'FROM localhost:5000/app:1.0\n',
    'FROM ${VALUE}\n',
    'ARG TAG\nFROM node:${TAG}\n',
    'ARG BASE=node:22\nFROM ${BASE}\n',
    'FROM golang:1.22 AS build\nRUN go build\nFROM build AS test\nFROM BUILD\n',
  ])('catches not %j', async (text) => {
    expect(await spansOf('DL3006', text)).toEqual([]);
  });
});
