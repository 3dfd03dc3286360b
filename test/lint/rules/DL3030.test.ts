import { describe, expect, it } from 'vitest';
import { DL3030 } from '../../../src/lint/rules/DL3030.js';
import { findingsOf } from './lint-helper.js';
import { at, fixed, hadolint, where } from './shell-helper.js';

const df = (...lines: string[]): string => `FROM centos:7\n${lines.join('\n')}\n`;

describe('DL3030 yum -y', () => {
  it.each([
    ['yum install', df('RUN yum install httpd-2.4.6 && yum clean all'), 1],
    ['groupinstall', df('RUN yum groupinstall "Development Tools"'), 1],
    ['remove', df('RUN yum -q remove httpd'), 1],
    ['module install', df('RUN yum module install nodejs:18'), 1],
    ['behind sudo', df('RUN sudo yum install vim-8.0'), 1],
    ['inside sh -c', df(`RUN sh -c 'yum update'`), 1],
    ['the second of two, in a heredoc', df('RUN <<EOF', 'yum install -y gcc-8', 'yum install make-4', 'EOF'), 2],
    ['an ONBUILD trigger', df('ONBUILD RUN yum install httpd-2.4.6'), 1],
    ['by path', df('RUN /usr/bin/yum install httpd-2.4.6'), 1],
  ])('catches %s (at the program name)', async (_name, text, nth) => {
    const word = text.includes('/usr/bin/yum') ? '/usr/bin/yum' : 'yum';
    expect(await where('DL3030', text)).toEqual([at(text, word, nth)]);
  });

  it.each([
    ['-y', df('RUN yum install -y httpd')],
    ['-y before the subcommand', df('RUN yum -y install httpd')],
    ['--assumeyes', df('RUN yum install --assumeyes httpd')],
    ['a bundle with y', df('RUN yum -qy install httpd')],
    ['--setopt=assumeyes=1', df('RUN yum --setopt=assumeyes=1 install httpd')],
    ['commands that ask nothing', df('RUN yum clean all && yum makecache && yum info httpd && yum list installed')],
    ['dnf (DL3038)', df('RUN dnf install httpd')],
    ['a backquoted comment', df('RUN bash -c `# not even a yum command`')],
    ['exec form', df('RUN ["yum", "install", "httpd"]')],
    ['a non-POSIX shell', df('SHELL ["pwsh", "-c"]', 'RUN yum install httpd')],
    ['yum as an argument', df('RUN echo yum install httpd')],
  ])('ignores %s', async (_name, text) => {
    expect(await findingsOf('DL3030', text)).toEqual([]);
  });

  it.each([
    [df('RUN yum install httpd-2.4.6 && yum clean all'), df('RUN yum install -y httpd-2.4.6 && yum clean all')],
    [df('RUN yum groupinstall "Development Tools"'), df('RUN yum groupinstall -y "Development Tools"')],
    [df('RUN yum module install nodejs:18'), df('RUN yum module install -y nodejs:18')],
    [df('RUN yum \\', '    install httpd'), df('RUN yum \\', '    install -y httpd')],
  ])('fixes %j by adding -y after the action', async (text, want) => {
    const r = await fixed('DL3030', text);
    expect(r).toEqual({ text: want, unfixable: 0 });
    expect(await findingsOf('DL3030', r.text)).toEqual([]);
  });

  it('has Hadolint’s level and message', async () => {
    expect({ level: DL3030.level, message: DL3030.message }).toEqual(hadolint('DL3030'));
    const [f] = await findingsOf('DL3030', df('RUN yum install httpd'));
    expect(f).toMatchObject({ level: 'warning', message: hadolint('DL3030').message, fixable: true });
  });
});
