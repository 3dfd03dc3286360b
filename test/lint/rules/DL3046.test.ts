import { describe, expect, it } from 'vitest';
import { DL3046 } from '../../../src/lint/rules/DL3046.js';
import { findingsOf } from './lint-helper.js';
import { at, fixed, hadolint, where } from './shell-helper.js';

const df = (...lines: string[]): string => `FROM debian:12\n${lines.join('\n')}\n`;

describe('DL3046 useradd -l with a high UID', () => {
  it.each([
    ['-u 123456', df('RUN useradd -u 123456 luser')],
    ['--uid=', df('RUN useradd -m --uid=1000000 luser')],
    ['--uid value', df('RUN useradd --uid 100000 luser')],
    ['-u attached', df('RUN useradd -u100000 luser')],
    ['a UID from ARG', df('ARG APP_UID=200000', 'RUN useradd -u ${APP_UID} app')],
    ['a UID from ENV with --uid=', df('ENV APP_UID=200000', 'RUN useradd --uid=$APP_UID app')],
    ['behind sudo', df('RUN sudo useradd -u 123456 luser')],
  ])('catches %s (at useradd)', async (_name, text) => {
    expect(await where('DL3046', text)).toEqual([at(text, 'useradd')]);
  });

  it.each([
    ['no UID', df('RUN useradd luser')],
    ['a short UID', df('RUN useradd -u 12345 luser')],
    ['-l', df('RUN useradd -l -u 123456 luser')],
    ['-l in a bundle', df('RUN useradd -lmu 123456 luser')],
    ['--no-log-init', df('RUN useradd --no-log-init -u 123456 luser')],
    ['a UID only known at build time', df('ARG APP_UID', 'RUN useradd -u $APP_UID app')],
    ['a comment that looks like a UID', df('RUN useradd -c 1234567 luser')],
    ['adduser', df('RUN adduser -u 123456 luser')],
  ])('ignores %s', async (_name, text) => {
    expect(await findingsOf('DL3046', text)).toEqual([]);
  });

  it('fixes by adding -l', async () => {
    const r = await fixed('DL3046', df('RUN useradd -u 123456 luser'));
    expect(r).toEqual({ text: df('RUN useradd -l -u 123456 luser'), unfixable: 0 });
    expect(await findingsOf('DL3046', r.text)).toEqual([]);
  });

  it('has Hadolint’s level and message', () => {
    expect({ level: DL3046.level, message: DL3046.message }).toEqual(hadolint('DL3046'));
  });
});
