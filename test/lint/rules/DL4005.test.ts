import { describe, expect, it } from 'vitest';
import { DL4005 } from '../../../src/lint/rules/DL4005.js';
import { findingsOf } from './lint-helper.js';
import { at, hadolint, where } from './shell-helper.js';

const df = (...lines: string[]): string => `FROM debian:12\n${lines.join('\n')}\n`;

describe('DL4005 ln to /bin/sh', () => {
  it.each([
    ['ln -sfv', df('RUN ln -sfv /bin/bash /bin/sh'), '/bin/sh'],
    ['ln -s -f with a relative target', df('RUN ln -s -f bash /bin/sh'), '/bin/sh'],
    ['/usr/bin/sh', df('RUN ln -sf /usr/bin/bash /usr/bin/sh'), '/usr/bin/sh'],
    ['in a chain', df('RUN apt-get install -y bash && ln -sf /bin/bash /bin/sh'), '/bin/sh'],
    ['an ONBUILD trigger', df('ONBUILD RUN ln -sfv /bin/bash /bin/sh'), '/bin/sh'],
  ])('catches %s (at the link name)', async (_name, text, word) => {
    expect(await where('DL4005', text)).toEqual([at(text, word)]);
  });

  it.each([
    ['unrelated links', df('RUN ln -sf /bin/true /sbin/initctl')],
    ['/bin/sh as the target of another link', df('RUN ln -s /bin/sh /usr/local/bin/sh')],
    ['/bin/sh elsewhere', df('RUN ln -s foo bar && unrelated && something_with /bin/sh')],
    ['-t directory', df('RUN ln -s -t /usr/local/bin /bin/sh')],
    ['one operand', df('RUN ln -s /bin/sh')],
    ['SHELL', df('SHELL ["/bin/bash", "-c"]')],
  ])('ignores %s', async (_name, text) => {
    expect(await findingsOf('DL4005', text)).toEqual([]);
  });

  it('has Hadolint’s level and message', () => {
    expect({ level: DL4005.level, message: DL4005.message }).toEqual(hadolint('DL4005'));
  });
});
