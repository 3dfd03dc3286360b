import { describe, expect, it } from 'vitest';
import { DL3040 } from '../../../src/lint/rules/DL3040.js';
import { findingsOf } from './lint-helper.js';
import { at, fixed, hadolint, where } from './shell-helper.js';

const df = (...lines: string[]): string => `FROM fedora:40\n${lines.join('\n')}\n`;

describe('DL3040 dnf clean all', () => {
  it.each([
    ['dnf install', df('RUN dnf install -y mariadb-10.4'), 'dnf install -y mariadb-10.4'],
    ['microdnf install', df('RUN microdnf install -y mariadb-10.4'), 'microdnf install -y mariadb-10.4'],
    ['upgrade', df('RUN dnf -y up'), 'dnf -y up'],
    ['module install', df('RUN dnf -y module install nodejs:20'), 'dnf -y module install nodejs:20'],
    ['the other tool’s clean', df('RUN dnf install -y a-1 && microdnf clean all'), 'dnf install -y a-1'],
    ['a clean before the install', df('RUN rm -rf /var/cache/libdnf5 && dnf install -y a-1'), 'dnf install -y a-1'],
    ['a clean before the last install', df('RUN dnf install -y a-1 && dnf clean all && dnf install -y b-2'), 'dnf install -y b-2'],
    ['a bind mount of the cache', df('RUN --mount=type=bind,target=/var/cache/dnf dnf install -y a-1'), 'dnf install -y a-1'],
    ['a cache mount elsewhere', df('RUN --mount=type=cache,target=/root/.cache dnf install -y a-1'), 'dnf install -y a-1'],
    ['an ONBUILD trigger', df('ONBUILD RUN dnf in -y mariadb-10.4'), 'dnf in -y mariadb-10.4'],
  ])('catches %s (at the last install)', async (_name, text, command) => {
    expect(await where('DL3040', text)).toEqual([at(text, command)]);
  });

  it.each([
    ['dnf clean all', df('RUN dnf install -y mariadb-10.4 && dnf clean all')],
    ['microdnf clean all', df('RUN microdnf install -y mariadb-10.4 && microdnf clean all')],
    ['rm -rf /var/cache/yum/*', df('RUN dnf in -y mariadb-10.4 && rm -rf /var/cache/yum/*')],
    ['rm -rf /var/cache/dnf', df('RUN dnf install -y a-1 && rm -rf /var/cache/dnf')],
    ['rm -rf /var/cache/*', df('RUN dnf install -y a-1 && rm -rf /var/cache/* /tmp/*')],
    ['a cache mount', df('RUN --mount=type=cache,target=/var/cache/libdnf5 dnf install -y mariadb-10.4')],
    ['a tmpfs mount with a trailing slash', df('RUN --mount=type=tmpfs,target=/var/cache/dnf/ microdnf install -y a-1')],
    ['a cache mount of /var/cache', df('RUN --mount=type=cache,target=/var/cache dnf install -y a-1')],
    ['clean in a heredoc script', df('RUN <<EOF', 'dnf install -y a-1', 'dnf clean all', 'EOF')],
    ['no download', df('RUN dnf remove -y a && dnf makecache && dnf repolist')],
    ['notdnf', df('RUN notdnf install mariadb')],
    ['yum (DL3032)', df('RUN yum install -y a-1')],
  ])('ignores %s', async (_name, text) => {
    expect(await findingsOf('DL3040', text)).toEqual([]);
  });

  it.each([
    [df('RUN dnf install -y mariadb-10.4'), df('RUN dnf install -y mariadb-10.4 && dnf clean all')],
    [df('RUN microdnf install -y a-1 \\', '    && echo done  '), df('RUN microdnf install -y a-1 \\', '    && echo done && microdnf clean all  ')],
    [df('RUN dnf install -y a-1 && microdnf install -y b-2'), df('RUN dnf install -y a-1 && microdnf install -y b-2 && dnf clean all && microdnf clean all')],
    [df('RUN <<EOF', 'dnf install -y a-1', 'EOF'), df('RUN <<EOF', 'dnf install -y a-1 && dnf clean all', 'EOF')],
    [df('RUN dnf install -y a-1 | tee log'), df('RUN dnf install -y a-1 | tee log && dnf clean all')],
  ])('fixes %j by appending the clean command', async (text, want) => {
    const r = await fixed('DL3040', text);
    expect(r).toEqual({ text: want, unfixable: 0 });
    expect(await findingsOf('DL3040', r.text)).toEqual([]);
  });

  it.each([
    ['a trailing comment', df('RUN dnf install -y a-1 # the database')],
    ['a trailing `;`', df('RUN dnf install -y a-1;')],
    ['an if block', df('RUN if true; then dnf install -y a-1; fi')],
    ['sudo', df('RUN sudo dnf install -y a-1')],
    ['a heredoc that is data', df('RUN dnf install -y a-1 && cat > /etc/x <<EOF', 'hello', 'EOF')],
  ])('offers no fix after %s', async (_name, text) => {
    const r = await fixed('DL3040', text);
    expect(r).toEqual({ text, unfixable: 1 });
  });

  it('has Hadolint’s level and message', () => {
    expect({ level: DL3040.level, message: DL3040.message }).toEqual(hadolint('DL3040'));
  });
});
