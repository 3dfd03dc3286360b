import { describe, expect, it } from 'vitest';
import { DL3032 } from '../../../src/lint/rules/DL3032.js';
import { findingsOf } from './lint-helper.js';
import { at, fixed, hadolint, where } from './shell-helper.js';

const df = (...lines: string[]): string => `FROM centos:7\n${lines.join('\n')}\n`;

describe('DL3032 yum clean all', () => {
  it.each([
    ['yum install', df('RUN yum install -y mariadb-10.4'), 'yum install -y mariadb-10.4'],
    ['clean before install', df('RUN yum clean all && yum install -y x-1'), 'yum install -y x-1'],
    ['groupinstall', df('RUN yum -y groupinstall "Development Tools"'), 'yum -y groupinstall "Development Tools"'],
    ['update', df('RUN yum -y update && echo ok'), 'yum -y update'],
    ['clean of metadata only', df('RUN yum install -y x-1 && yum clean metadata'), 'yum install -y x-1'],
    ['an ONBUILD trigger', df('ONBUILD RUN yum install -y mariadb-10.4'), 'yum install -y mariadb-10.4'],
  ])('catches %s (at the last install)', async (_name, text, command) => {
    expect(await where('DL3032', text)).toEqual([at(text, command)]);
  });

  it.each([
    ['yum clean all', df('RUN yum install -y mariadb-10.4 && yum clean all')],
    ['rm -rf /var/cache/yum/*', df('RUN yum install -y mariadb-10.4 && rm -rf /var/cache/yum/*')],
    ['a cache mount', df('RUN --mount=type=cache,target=/var/cache/yum yum install -y x-1')],
    ['no download', df('RUN yum remove -y x && yum info y')],
    ['a backquoted comment', df('RUN bash -c `# not even a yum command`')],
  ])('ignores %s', async (_name, text) => {
    expect(await findingsOf('DL3032', text)).toEqual([]);
  });

  it('fixes by appending yum clean all', async () => {
    const text = df('RUN yum install -y mariadb-10.4 \\', '  && yum -y update');
    const r = await fixed('DL3032', text);
    expect(r).toEqual({ text: df('RUN yum install -y mariadb-10.4 \\', '  && yum -y update && yum clean all'), unfixable: 0 });
    expect(await findingsOf('DL3032', r.text)).toEqual([]);
  });

  it('has Hadolint’s level and message', () => {
    expect({ level: DL3032.level, message: DL3032.message }).toEqual(hadolint('DL3032'));
  });
});
