import { describe, expect, it } from 'vitest';
import { DL4001 } from '../../../src/lint/rules/DL4001.js';
import { findingsOf } from './lint-helper.js';
import { at, hadolint, where } from './shell-helper.js';

describe('DL4001 wget and curl in one stage', () => {
  it.each([
    ['two RUNs', 'FROM node AS foo\nRUN wget my.xyz\nRUN curl localhost\n', [['curl', 1]]],
    ['one RUN (at its first download)', 'FROM node AS foo\nRUN wget my.xyz && curl localhost\n', [['wget', 1]]],
    ['every later RUN using either', 'FROM node\nRUN wget a\nRUN curl b\nRUN echo hello\nRUN wget c\n', [['curl', 1], ['wget', 2]]],
    ['only the stage using both', 'FROM node\nRUN wget a\nRUN curl b\nFROM scratch\nRUN curl c\n', [['curl', 1]]],
    ['behind sudo and in sh -c', `FROM node\nRUN sudo wget a\nRUN sh -c 'curl b'\n`, [['curl', 1]]],
    ['ONBUILD triggers among themselves', 'FROM node\nONBUILD RUN wget a\nRUN curl b\nONBUILD RUN curl c\n', [['curl', 2]]],
  ])('catches %s', async (_name, text, words) => {
    expect(await where('DL4001', text)).toEqual(words.map(([w, n]) => at(text, w as string, n as number)));
  });

  it.each([
    ['only wget', 'FROM node\nRUN wget my.xyz\n'],
    ['different stages', 'FROM node AS foo\nRUN wget my.xyz\nFROM scratch\nRUN curl localhost\n'],
    ['installing both', 'FROM debian\nRUN apt-get install -y curl wget\n'],
    ['a check for one', 'FROM debian\nRUN command -v wget || curl -fsSLO x\n'],
    ['one in an ONBUILD trigger, one not', 'FROM node\nONBUILD RUN wget a\nRUN curl b\n'],
  ])('ignores %s', async (_name, text) => {
    expect(await findingsOf('DL4001', text)).toEqual([]);
  });

  it('has Hadolint’s level and message', () => {
    expect({ level: DL4001.level, message: DL4001.message }).toEqual(hadolint('DL4001'));
  });
});
