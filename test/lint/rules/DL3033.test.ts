import { describe, expect, it } from 'vitest';
import { DL3033 } from '../../../src/lint/rules/DL3033.js';
import { findingsOf } from './lint-helper.js';
import { at, hadolint, where } from './shell-helper.js';

const df = (...lines: string[]): string => `FROM centos:7\n${lines.join('\n')}\n`;

describe('DL3033 yum version pinning', () => {
  it.each([
    ['a bare name', df('RUN yum install -y tomcat && yum clean all'), ['tomcat']],
    ['a module without a stream', df('RUN yum module install -y tomcat && yum clean all'), ['tomcat']],
    ['an exclude value is skipped', df('RUN yum install -y -x kernel\\* vim git-2.1'), ['vim']],
    ['through sudo', df('RUN sudo yum install -y --setopt=tsflags=nodocs httpd'), ['httpd']],
    ['an ENV of an unrelated stage', 'FROM fedora:fc42 AS build\nENV version=2.51.0-2.fc42\nFROM fedora:fc42\nRUN yum -y install git-core-${version}\n', ['git-core-${version}']],
    ['an ONBUILD trigger', df('ONBUILD RUN yum install -y tomcat'), ['tomcat']],
  ])('catches %s (at the package)', async (_name, text, words) => {
    expect(await where('DL3033', text)).toEqual(words.map((w) => at(text, w, text.split(w).length - 1)));
  });

  it.each([
    ['a version', df('RUN yum install -y tomcat-9.2 && yum clean all')],
    ['an epoch', df('RUN yum install -y openssl-1:1.1.1k')],
    ['a name with dashes and plus', df('RUN yum install -y rpm-sign-4.16.1.3 gcc-c++-1.1.1')],
    ['a module stream', df('RUN yum module install -y tomcat:9 && yum clean all')],
    ['groupinstall', df('RUN yum groupinstall -y "Development Tools"')],
    ['a version from ENV', df('ENV version=2.51.0-2.fc42', 'RUN yum -y install git-core-${version}')],
    ['a version from ENV of the parent stage', 'FROM fedora:fc42 AS build\nENV version=2.51.0-2.fc42\nFROM build\nRUN yum -y install git-core-${version}\n'],
    ['dnf (DL3041)', df('RUN dnf install -y tomcat')],
    ['a backquoted comment', df('RUN bash -c `# not even a yum command`')],
  ])('ignores %s', async (_name, text) => {
    expect(await findingsOf('DL3033', text)).toEqual([]);
  });

  it('has Hadolint’s level and message', () => {
    expect({ level: DL3033.level, message: DL3033.message }).toEqual(hadolint('DL3033'));
  });
});
