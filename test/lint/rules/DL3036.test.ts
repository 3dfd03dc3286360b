import { describe, expect, it } from 'vitest';
import { DL3036 } from '../../../src/lint/rules/DL3036.js';
import { findingsOf } from './lint-helper.js';
import { at, fixed, hadolint, where } from './shell-helper.js';

const df = (...lines: string[]): string => `FROM opensuse/leap:15.6\n${lines.join('\n')}\n`;

describe('DL3036 zypper clean', () => {
  it.each([
    ['zypper install', df('RUN zypper install -y mariadb=10.4'), 'zypper install -y mariadb=10.4'],
    ['clean before install', df('RUN zypper clean && zypper install -y mariadb=10.4'), 'zypper install -y mariadb=10.4'],
    ['update', df('RUN zypper -n up'), 'zypper -n up'],
    ['a cache mount of another directory', df('RUN --mount=type=cache,target=/var/cache/dnf zypper -n in x=1'), 'zypper -n in x=1'],
    ['an ONBUILD trigger', df('ONBUILD RUN zypper install -y mariadb=10.4'), 'zypper install -y mariadb=10.4'],
  ])('catches %s (at the last install)', async (_name, text, command) => {
    expect(await where('DL3036', text)).toEqual([at(text, command)]);
  });

  it.each([
    ['zypper clean', df('RUN zypper install -y mariadb=10.4 && zypper clean')],
    ['zypper cc', df('RUN zypper install -y mariadb=10.4 && zypper cc')],
    ['zypper clean --all', df('RUN zypper -n in x=1 && zypper clean --all')],
    ['rm of the cache', df('RUN zypper -n in x=1 && rm -rf /var/cache/zypp/*')],
    ['a cache mount', df('RUN --mount=type=cache,target=/var/cache/zypp zypper install -y mariadb')],
    ['a tmpfs mount', df('RUN --mount=type=tmpfs,target=/var/cache/zypp zypper install -y mariadb')],
    ['no download', df('RUN zypper -n rm x && zypper refresh && zypper lr')],
  ])('ignores %s', async (_name, text) => {
    expect(await findingsOf('DL3036', text)).toEqual([]);
  });

  it('fixes by appending zypper clean --all', async () => {
    const text = df('RUN zypper install -y mariadb=10.4');
    const r = await fixed('DL3036', text);
    expect(r).toEqual({ text: df('RUN zypper install -y mariadb=10.4 && zypper clean --all'), unfixable: 0 });
    expect(await findingsOf('DL3036', r.text)).toEqual([]);
  });

  it('has Hadolint’s level and message', () => {
    expect({ level: DL3036.level, message: DL3036.message }).toEqual(hadolint('DL3036'));
  });
});
