import { describe, expect, it } from 'vitest';
import { DL3037 } from '../../../src/lint/rules/DL3037.js';
import { findingsOf } from './lint-helper.js';
import { at, hadolint, where } from './shell-helper.js';

const df = (...lines: string[]): string => `FROM opensuse/leap:15.6\n${lines.join('\n')}\n`;

describe('DL3037 zypper version pinning', () => {
  it.each([
    ['a bare name', df('RUN zypper install -y tomcat && zypper clean'), ['tomcat']],
    ['only the unpinned', df('RUN zypper -n in tomcat=9.0.39 curl'), ['curl']],
    ['a repo option value is skipped', df('RUN zypper -n in --from oss vim'), ['vim']],
    ['an ONBUILD trigger', df('ONBUILD RUN zypper install -y tomcat'), ['tomcat']],
  ])('catches %s (at the package)', async (_name, text, words) => {
    expect(await where('DL3037', text)).toEqual(words.map((w) => at(text, w, text.split(w).length - 1)));
  });

  it.each([
    ['=', df('RUN zypper install -y tomcat=9.0.39 && zypper clean')],
    ['escaped comparisons', df('RUN zypper install -y tomcat\\>=9.0 a\\>9.0 b\\<=9.0 c\\<9.0')],
    ['a quoted comparison', df(`RUN zypper install -y 'tomcat>=9.0'`)],
    ['an rpm file', df('RUN zypper install -y tomcat-9.0.39-1.rpm')],
    ['patterns', df('RUN zypper -n in -t pattern devel_basis && zypper -n in pattern:lamp_server')],
    ['a version from ARG', df('ARG V=9.0.39', 'RUN zypper -n in tomcat=$V')],
    ['other subcommands', df('RUN zypper -n rm tomcat && zypper -n up tomcat')],
  ])('ignores %s', async (_name, text) => {
    expect(await findingsOf('DL3037', text)).toEqual([]);
  });

  it('has Hadolint’s level and message', () => {
    expect({ level: DL3037.level, message: DL3037.message }).toEqual(hadolint('DL3037'));
  });
});
