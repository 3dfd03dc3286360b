import { describe, expect, it } from 'vitest';
import { DL3041 } from '../../../src/lint/rules/DL3041.js';
import { rpmPackagePinned } from '../../../src/lint/rules/support/rpm-pinning.js';
import { findingsOf } from './lint-helper.js';
import { at, hadolint, where } from './shell-helper.js';

const df = (...lines: string[]): string => `FROM fedora:40\n${lines.join('\n')}\n`;

describe('DL3041 dnf version pinning', () => {
  it.each([
    ['a bare name', df('RUN dnf install -y tomcat && dnf clean all'), ['tomcat']],
    ['a name with a dash', df('RUN microdnf install -y rpm-sign'), ['rpm-sign']],
    ['only the unpinned of a list', df('RUN dnf install -y tomcat-9.0.1 python3-devel gcc-c++-1.1.1'), ['python3-devel']],
    ['a module without a stream', df('RUN dnf module install -y tomcat'), ['tomcat']],
    ['the `in` alias', df('RUN dnf -y in jq'), ['jq']],
    ['a value-taking option is skipped', df('RUN dnf install -y --enablerepo epel htop'), ['htop']],
    ['an ENV of another stage', df('ENV V=1.2', 'FROM fedora:40', 'RUN dnf -y install git-core-${V}'), ['git-core-${V}']],
    ['an ARG of another stage', df('ARG V=1.2', 'FROM fedora:40', 'RUN dnf -y install git-core-${V}'), ['git-core-${V}']],
    ['an empty default', df('ARG V=', 'RUN dnf -y install "git-core-$V"'), ['"git-core-$V"']],
    ['an ONBUILD trigger', df('ONBUILD RUN dnf install -y tomcat'), ['tomcat']],
  ])('catches %s (at the package)', async (_name, text, words) => {
    expect(await where('DL3041', text)).toEqual(words.map((w) => at(text, w, text.split(w).length - 1)));
  });

  it.each([
    ['versions', df('RUN dnf install -y tomcat-9.0.1 rpm-sign-4.16.1.3 openssl-1:1.1.1k gcc-c++-1.1.1')],
    ['name-version-release.arch', df('RUN dnf install -y bash-5.2.26-3.fc40.x86_64')],
    ['rpm files and URLs', df('RUN dnf install -y ./x.rpm https://example.com/y-1.rpm')],
    ['a module stream', df('RUN dnf module install -y tomcat:9 nodejs:20/common')],
    ['groups', df('RUN dnf -y group install "Development Tools" && dnf install -y @core')],
    ['capabilities and paths', df(`RUN dnf install -y 'perl(Foo::Bar)' /usr/bin/python3`)],
    ['a version from ENV', df('ENV version=2.51.0-2.fc42', 'RUN dnf -y install git-core-${version}')],
    ['a version from ARG', df('ARG version=2.51.0-2.fc42', 'RUN dnf -y install "git-core-$version"')],
    ['an ARG without default (given at build time)', df('ARG GIT_VERSION', 'RUN dnf -y install git-core-${GIT_VERSION}')],
    ['a global ARG redeclared', `ARG V=1.2\nFROM fedora:40\nARG V\nRUN dnf -y install x-$V\n`],
    ['an ENV of the parent stage', 'FROM fedora:40 AS base\nENV V=1.2\nFROM base AS child\nRUN dnf -y install x-${V}\n'],
    ['a shell variable', df('RUN V=1.2 && dnf -y install "x-$V"')],
    ['a command substitution', df('RUN dnf -y install "x-$(cat /version)"')],
    ['other subcommands', df('RUN dnf -y remove tomcat && dnf -y upgrade tomcat && dnf info tomcat')],
    ['notdnf', df('RUN notdnf install tomcat')],
  ])('ignores %s', async (_name, text) => {
    expect(await findingsOf('DL3041', text)).toEqual([]);
  });

  it.each([
    ['tomcat', false],
    ['rpm-sign', false],
    ['java-11-openjdk', true],
    ['tomcat-9.0.1', true],
    ['openssl-1:1.1.1k', true],
    ['gcc-c++-1.1.1', true],
    ['x-1.0$', false],
    ['foo.rpm', true],
  ])('reads %s as pinned: %s', (pkg, want) => {
    expect(rpmPackagePinned(pkg)).toBe(want);
  });

  it('has Hadolint’s level and message', () => {
    expect({ level: DL3041.level, message: DL3041.message }).toEqual(hadolint('DL3041'));
  });
});
