import { describe, expect, it } from 'vitest';
import { DL3038 } from '../../../src/lint/rules/DL3038.js';
import { findingsOf } from './lint-helper.js';
import { at, fixed, hadolint, where } from './shell-helper.js';

const df = (...lines: string[]): string => `FROM fedora:40\n${lines.join('\n')}\n`;

describe('DL3038 dnf -y', () => {
  it.each([
    ['dnf install', df('RUN dnf install httpd-2.4.24 && dnf clean all'), 'dnf', 1],
    ['microdnf install', df('RUN microdnf install httpd-2.4.24 && microdnf clean all'), 'microdnf', 1],
    ['the `in` alias', df('RUN dnf in httpd'), 'dnf', 1],
    ['upgrade', df('RUN dnf upgrade'), 'dnf', 1],
    ['remove', df('RUN dnf remove -q httpd'), 'dnf', 1],
    ['group install', df('RUN dnf group install "Development Tools"'), 'dnf', 1],
    ['module enable', df('RUN dnf module enable nodejs:20'), 'dnf', 1],
    ['only the command missing it', df('RUN dnf install -y a-1 && dnf install b-2'), 'dnf', 2],
    ['an ONBUILD trigger', df('ONBUILD RUN dnf install httpd'), 'dnf', 1],
    ['in a heredoc', df('RUN <<EOF', 'dnf install httpd', 'EOF'), 'dnf', 1],
  ])('catches %s (at the program name)', async (_name, text, word, nth) => {
    expect(await where('DL3038', text)).toEqual([at(text, word, nth)]);
  });

  it.each([
    ['-y', df('RUN dnf install -y httpd')],
    ['-y first', df('RUN dnf -y install httpd')],
    ['--assumeyes', df('RUN microdnf --assumeyes install httpd')],
    ['--setopt=assumeyes=True', df('RUN dnf --setopt=assumeyes=True install httpd')],
    ['commands that ask nothing', df('RUN dnf clean all && dnf makecache && dnf repolist && dnf module list')],
    ['notdnf', df('RUN notdnf install httpd')],
    ['yum (DL3030)', df('RUN yum install httpd')],
    ['exec form', df('RUN ["dnf", "install", "httpd"]')],
  ])('ignores %s', async (_name, text) => {
    expect(await findingsOf('DL3038', text)).toEqual([]);
  });

  it.each([
    [df('RUN dnf install httpd-2.4.24 && dnf clean all'), df('RUN dnf install -y httpd-2.4.24 && dnf clean all')],
    [df('RUN microdnf --nodocs install httpd'), df('RUN microdnf --nodocs install -y httpd')],
    [df('RUN dnf group install "Development Tools"'), df('RUN dnf group install -y "Development Tools"')],
    [df(`RUN sh -c "dnf in a && dnf in b"`), df(`RUN sh -c "dnf in -y a && dnf in -y b"`)],
  ])('fixes %j by adding -y after the action', async (text, want) => {
    const r = await fixed('DL3038', text);
    expect(r).toEqual({ text: want, unfixable: 0 });
    expect(await findingsOf('DL3038', r.text)).toEqual([]);
  });

  it('has Hadolint’s level and message', () => {
    expect({ level: DL3038.level, message: DL3038.message }).toEqual(hadolint('DL3038'));
  });
});
