import { describe, expect, it } from 'vitest';
import { DL3035 } from '../../../src/lint/rules/DL3035.js';
import { findingsOf } from './lint-helper.js';
import { at, hadolint, where } from './shell-helper.js';

const df = (...lines: string[]): string => `FROM opensuse/tumbleweed\n${lines.join('\n')}\n`;

describe('DL3035 zypper dist-upgrade', () => {
  it.each([
    ['dist-upgrade', df('RUN zypper dist-upgrade'), 'dist-upgrade'],
    ['dup', df('RUN zypper -n dup --no-recommends'), 'dup'],
    ['inside sh -c', df(`RUN sh -c "zypper --non-interactive dup"`), 'dup'],
    ['an ONBUILD trigger', df('ONBUILD RUN zypper dup'), 'dup'],
  ])('catches %s (at the subcommand)', async (_name, text, word) => {
    expect(await where('DL3035', text)).toEqual([at(text, word)]);
  });

  it.each([
    ['update', df('RUN zypper -n update')],
    ['install', df('RUN zypper -n install dup')],
    ['an option value', df('RUN zypper --root dup -n install x')],
    ['another program', df('RUN echo zypper dup')],
  ])('ignores %s', async (_name, text) => {
    expect(await findingsOf('DL3035', text)).toEqual([]);
  });

  it('has Hadolint’s level and message', () => {
    expect({ level: DL3035.level, message: DL3035.message }).toEqual(hadolint('DL3035'));
  });
});
