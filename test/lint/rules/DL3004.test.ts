import { describe, expect, it } from 'vitest';
import { DL3004 } from '../../../src/lint/rules/DL3004.js';
import { findingsOf } from './lint-helper.js';
import { at, hadolint, where } from './shell-helper.js';

const df = (...lines: string[]): string => `FROM debian:12\n${lines.join('\n')}\n`;

describe('DL3004 sudo', () => {
  it.each([
    ['sudo', df('RUN sudo apt-get update'), 'sudo'],
    ['sudo in a chain', df('RUN apt-get update && sudo apt-get install'), 'sudo'],
    ['sudo with options', df('RUN sudo -u app -E make'), 'sudo'],
    ['sudo behind env', df('RUN env A=1 sudo make'), 'sudo'],
    ['sudo by path', df('RUN /usr/bin/sudo make'), '/usr/bin/sudo'],
    ['sudo -l (runs nothing, still sudo)', df('RUN sudo -l'), 'sudo'],
    ['sudo in sh -c', df(`RUN sh -c 'sudo make'`), 'sudo'],
    ['an ONBUILD trigger', df('ONBUILD RUN sudo make'), 'sudo'],
  ])('catches %s (at sudo)', async (_name, text, word) => {
    expect(await where('DL3004', text)).toEqual([at(text, word)]);
  });

  it.each([
    ['installing sudo', df('RUN apt-get install sudo')],
    ['sudo as an argument', df('RUN echo sudo && grep sudo /etc/group')],
    ['gosu', df('RUN gosu app make')],
  ])('ignores %s', async (_name, text) => {
    expect(await findingsOf('DL3004', text)).toEqual([]);
  });

  it('has Hadolint’s level and message', () => {
    expect({ level: DL3004.level, message: DL3004.message }).toEqual(hadolint('DL3004'));
  });
});
