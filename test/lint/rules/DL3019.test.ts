import { describe, expect, it } from 'vitest';
import { findingsOf } from './lint-helper.js';
import { fixedBy, spanOf, spansOf } from './package-helper.js';

const df = (...lines: string[]): string => `FROM alpine:3.20\n${lines.join('\n')}\n`;

describe('DL3019 apk add --no-cache', () => {
  it.each([
    ['apk add', df('RUN apk add flex=2.6.4-r1'), 'apk add'],
    ['apk -U add', df('RUN apk -U add curl=8.9.0-r0'), 'apk -U add'],
    ['a cache mount elsewhere', df('RUN --mount=type=cache,target=/var/cache/foo apk add -U curl=8.9.0-r0'), 'apk add'],
    ['a tmpfs mount elsewhere', df('RUN --mount=type=tmpfs,target=/var/cache/foo apk add -U curl=8.9.0-r0'), 'apk add'],
    ['through sudo', df('RUN sudo apk add curl=8.9.0-r0'), 'apk add'],
    ['in a heredoc', df('RUN <<EOF', 'apk add curl=8.9.0-r0', 'EOF'), 'apk add'],
    ['in an ONBUILD trigger', df('ONBUILD RUN apk add curl=8.9.0-r0'), 'apk add'],
  ])('catches %s', async (_name, text, needle) => {
    expect(await spansOf('DL3019', text)).toEqual([spanOf(text, needle)]);
  });

  it.each([
    ['--no-cache', df('RUN apk add --no-cache flex=2.6.4-r1')],
    ['--no-cache before add', df('RUN apk --no-cache add flex=2.6.4-r1')],
    ['a cache mount on /var/cache/apk', df('RUN --mount=type=cache,target=/var/cache/apk apk add -U curl=8.9.0-r0')],
    ['a tmpfs mount on /var/cache', df('RUN --mount=type=tmpfs,target=/var/cache apk add -U curl=8.9.0-r0')],
    ['other subcommands', df('RUN apk update && apk del curl')],
  ])('ignores %s', async (_name, text) => {
    expect(await findingsOf('DL3019', text)).toEqual([]);
  });

  it.each([
    ['apk add', df('RUN apk add flex=2.6.4-r1'), df('RUN apk add --no-cache flex=2.6.4-r1')],
    ['two adds', df('RUN apk add a=1 && \\', '    apk add --virtual .b b=1'), df('RUN apk add --no-cache a=1 && \\', '    apk add --no-cache --virtual .b b=1')],
  ])('fixes %s', async (_name, text, expected) => {
    const fixed = await fixedBy('DL3019', text);
    expect(fixed).toBe(expected);
    expect(await findingsOf('DL3019', fixed)).toEqual([]);
  });

  it('reports Hadolint’s level and message', async () => {
    const [f] = await findingsOf('DL3019', df('RUN apk add x=1'));
    expect(f?.level).toBe('info');
    expect(f?.message).toBe('Use the `--no-cache` switch to avoid the need to use `--update` and remove `/var/cache/apk/*` when done installing packages');
  });
});
