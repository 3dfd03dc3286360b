import { describe, expect, it } from 'vitest';
import { spansOf } from './instruction-helper.js';

describe('DL3007 FROM :latest', () => {
  it.each<[string, string[]]>([
    ['FROM debian:latest\n', ['1:13-1:19']],
    ['FROM debian:latest AS builder\n', ['1:13-1:19']],
    ['FROM localhost:5000/team/app:latest\n', ['1:30-1:36']],
    ['ARG TAG=latest\nFROM node:${TAG}\n', ['2:6-2:17']],
  ])('catches %j', async (text, spans) => {
    expect(await spansOf('DL3007', text)).toEqual(spans);
  });

  it.each([
    'FROM debian:bookworm\n',
    'FROM debian\n',
    'FROM hub.docker.io/debian:latest@sha256:7959ed6f7e35f8b1aaa06d1d8259d4ee25aa85a086d5c125480c333183f9deeb\n',
    'FROM latest:1.0\n',
    'FROM registry.example.com:5000/latest\n',
  ])('catches not %j', async (text) => {
    expect(await spansOf('DL3007', text)).toEqual([]);
  });
});
