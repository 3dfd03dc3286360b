import { describe, expect, it } from 'vitest';
import { findingsOf } from './lint-helper.js';
import { spanOf, spansOf } from './package-helper.js';

const df = (...lines: string[]): string => `FROM alpine:3.20\n${lines.join('\n')}\n`;

describe('DL3018 pin versions in apk add', () => {
  it.each([
    ['one package', df('RUN apk add --no-cache flex'), ['flex']],
    ['the unpinned one of a list', df('RUN apk add --no-cache \\', 'flex=2.6.4-r1 \\', 'libffi \\', 'python3=3.12.3-r1'), ['libffi']],
    ['a repository tag is no version', df('RUN apk add --no-cache edge-pkg@testing'), ['edge-pkg@testing']],
    ['through sudo', df('RUN sudo apk add --no-cache curl'), ['curl']],
    ['in sh -c', df(`RUN sh -c "apk add --no-cache bash"`), ['bash']],
    ['in an ONBUILD trigger', df('ONBUILD RUN apk add --no-cache git'), ['git']],
  ])('catches %s', async (_name, text, needles) => {
    expect(await spansOf('DL3018', text)).toEqual(needles.map((n) => spanOf(text, n)));
  });

  it.each([
    ['= pins', df('RUN apk add --no-cache flex=2.6.4-r1')],
    ['fuzzy pins', df(`RUN apk add --no-cache git~2.52 "flex>=2.6.1-r1" "python3<3.6.12-r2" "libbz2=~1.0.6-r4" git~=2.52`)],
    ['the --virtual name', df('RUN apk add --virtual build-deps gcc=13.2.1-r0 && apk del build-deps')],
    ['-t name', df('RUN apk add -t .deps gcc=13.2.1-r0')],
    ['repository values', df('RUN apk add --no-cache --repository https://dl-cdn.alpinelinux.org/alpine/edge/testing -X https://x flow=0.78.0-r0')],
    ['repository=value', df('RUN apk add --no-cache --repository=https://x flow=0.78.0-r0')],
    ['local .apk files', df('RUN apk add --allow-untrusted /tmp/mypackage-1.1.1.apk')],
    ['other subcommands', df('RUN apk update && apk del curl && apk upgrade')],
    ['packages only known at build time', df('RUN apk add --no-cache $PKGS')],
  ])('ignores %s', async (_name, text) => {
    expect(await findingsOf('DL3018', text)).toEqual([]);
  });

  it('reports Hadolint’s level and message', async () => {
    const [f] = await findingsOf('DL3018', df('RUN apk add --no-cache flex'));
    expect(f?.level).toBe('warning');
    expect(f?.message).toBe('Pin versions in apk add. Instead of `apk add <package>` use `apk add <package>=<version>`');
  });
});
