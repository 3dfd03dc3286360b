import { describe, expect, it } from 'vitest';
import { DL3001 } from '../../../src/lint/rules/DL3001.js';
import { findingsOf } from './lint-helper.js';
import { at, hadolint, where } from './shell-helper.js';

const df = (...lines: string[]): string => `FROM debian:12\n${lines.join('\n')}\n`;

describe('DL3001 commands that make no sense in a build', () => {
  it.each([
    ['top', df('RUN top'), ['top']],
    ['service', df('RUN service nginx start && echo ok'), ['service']],
    ['each one', df('RUN ps aux | grep x && free -m'), ['ps', 'free']],
    ['ssh behind sudo', df('RUN sudo ssh host true'), ['ssh']],
    ['ifconfig in sh -c', df(`RUN sh -c 'ifconfig eth0'`), ['ifconfig']],
    ['vim by path', df('RUN /usr/bin/vim -c q'), ['/usr/bin/vim']],
    ['an ONBUILD trigger', df('ONBUILD RUN kill 1'), ['kill']],
  ])('catches %s (at the program)', async (_name, text, words) => {
    expect(await where('DL3001', text)).toEqual(words.map((w) => at(text, w)));
  });

  it.each([
    ['installing ssh', df('RUN apt-get install ssh vim procps')],
    ['a name as an argument', df('RUN echo top && which ps')],
    ['command -v', df('RUN command -v mount')],
    ['CMD', df('CMD top')],
    ['exec form', df('RUN ["top"]')],
  ])('ignores %s', async (_name, text) => {
    expect(await findingsOf('DL3001', text)).toEqual([]);
  });

  it('has Hadolint’s level and message', () => {
    expect({ level: DL3001.level, message: DL3001.message }).toEqual(hadolint('DL3001'));
  });
});
