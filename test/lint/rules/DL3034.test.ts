import { describe, expect, it } from 'vitest';
import { DL3034 } from '../../../src/lint/rules/DL3034.js';
import { findingsOf } from './lint-helper.js';
import { at, fixed, hadolint, where } from './shell-helper.js';

const df = (...lines: string[]): string => `FROM opensuse/leap:15.6\n${lines.join('\n')}\n`;

describe('DL3034 zypper non-interactive', () => {
  it.each([
    ['install', df('RUN zypper install httpd=2.4.24 && zypper clean')],
    ['the `in` alias', df('RUN zypper in httpd')],
    ['remove', df('RUN zypper rm httpd')],
    ['update', df('RUN zypper --quiet up')],
    ['patch', df('RUN zypper patch')],
    ['source-install', df('RUN zypper si httpd')],
    ['an ONBUILD trigger', df('ONBUILD RUN zypper install httpd')],
  ])('catches %s (at the program name)', async (_name, text) => {
    expect(await where('DL3034', text)).toEqual([at(text, 'zypper')]);
  });

  it.each([
    ['-n (global)', df('RUN zypper -n install httpd')],
    ['--non-interactive', df('RUN zypper --non-interactive install httpd')],
    ['-y', df('RUN zypper install -y httpd')],
    ['--no-confirm', df('RUN zypper install --no-confirm httpd')],
    ['-n after the subcommand (as Hadolint reads it)', df('RUN zypper install -n httpd')],
    ['commands that ask nothing', df('RUN zypper refresh && zypper clean && zypper search httpd && zypper lr')],
    ['exec form', df('RUN ["zypper", "install", "httpd"]')],
  ])('ignores %s', async (_name, text) => {
    expect(await findingsOf('DL3034', text)).toEqual([]);
  });

  it.each([
    [df('RUN zypper install httpd=2.4.24 && zypper clean'), df('RUN zypper install -y httpd=2.4.24 && zypper clean')],
    [df('RUN zypper --quiet up'), df('RUN zypper --non-interactive --quiet up')],
    [df('RUN zypper si httpd'), df('RUN zypper --non-interactive si httpd')],
  ])('fixes %j', async (text, want) => {
    const r = await fixed('DL3034', text);
    expect(r).toEqual({ text: want, unfixable: 0 });
    expect(await findingsOf('DL3034', r.text)).toEqual([]);
  });

  it('has Hadolint’s level and message', () => {
    expect({ level: DL3034.level, message: DL3034.message }).toEqual(hadolint('DL3034'));
  });
});
