import { describe, expect, it } from 'vitest';
import { findingsOf } from './lint-helper.js';
import { spanOf, spansOf } from './package-helper.js';

const df = (...lines: string[]): string => `FROM debian:12\n${lines.join('\n')}\n`;

describe('DL3008 pin versions in apt-get install', () => {
  it.each([
    ['one unpinned package', df('RUN apt-get update && apt-get install -y python3'), ['python3']],
    ['only the unpinned ones of a list', df('RUN apt-get install -y curl=7.88.1-10 wget git=1:2.39*'), ['wget']],
    ['apt as well as apt-get', df('RUN apt install -y jq'), ['jq']],
    ['through sudo and env', df('RUN sudo -E env DEBIAN_FRONTEND=noninteractive apt-get install -y make'), ['make']],
    ['inside sh -c', df(`RUN sh -c 'apt-get install -y gcc'`), ['gcc']],
    ['in a heredoc script', df('RUN <<EOF', 'apt-get update', 'apt-get install -y --no-install-recommends zip', 'EOF'), ['zip']],
    ['on a continuation line', df('RUN apt-get install -y \\', '    tini=0.19.0-1 \\', '    dumb-init'), ['dumb-init']],
    ['in an ONBUILD trigger', df('ONBUILD RUN apt-get install -y vim'), ['vim']],
    ['global options before install', df('RUN apt-get -o Dpkg::Options::=--force-confold -y install nano'), ['nano']],
  ])('catches %s', async (_name, text, words) => {
    expect(await spansOf('DL3008', text)).toEqual(words.map((w) => spanOf(text, w)));
  });

  it.each([
    ['pinned packages', df('RUN apt-get install -y python3=3.11.2-1 curl=7.88*')],
    ['a release pin', df('RUN apt-get install -y -t bookworm-backports golang/bookworm-backports')],
    ['the -t value is no package', df('RUN apt-get install -y -t jessie-backports openjdk-8-jdk=8u131')],
    ['--target-release value', df('RUN apt-get install -y --target-release stable jq=1.6-2')],
    ['local .deb files', df('RUN apt-get install -y ./wkhtmltox_0.12.5-1.bionic_amd64.deb /tmp/x.deb')],
    ['-o values', df('RUN apt-get -o APT::Install-Recommends=false install -y jq=1.6-2')],
    ['other subcommands', df('RUN apt-get update && apt-get remove -y python3 && apt-get download curl')],
    ['apt-cache', df('RUN apt-cache show python3')],
    ['packages only known at build time', df('ARG PKGS', 'RUN apt-get install -y $PKGS "${EXTRA}"')],
    ['no packages', df('RUN apt-get install -y -f')],
    ['a non-POSIX shell', df('SHELL ["pwsh", "-c"]', 'RUN apt-get install -y python3')],
    ['exec form is not parsed as shell', df('RUN ["apt-get", "install", "-y", "python3"]')],
  ])('ignores %s', async (_name, text) => {
    expect(await findingsOf('DL3008', text)).toEqual([]);
  });

  it('reports Hadolint’s level and message', async () => {
    const [f] = await findingsOf('DL3008', df('RUN apt-get install -y python3'));
    expect(f?.level).toBe('warning');
    expect(f?.message).toBe('Pin versions in apt get install. Instead of `apt-get install <package>` use `apt-get install <package>=<version>`');
  });
});
