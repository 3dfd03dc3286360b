import { describe, expect, it } from 'vitest';
import { findingsOf } from './lint-helper.js';
import { fixableCount, fixedBy, spanOf, spansOf } from './package-helper.js';

const lines = (...l: string[]): string => `${l.join('\n')}\n`;
const UPDATE = 'RUN apt-get update && apt-get install -y --no-install-recommends curl=7.88*';

describe('DL3009 delete the apt lists', () => {
  it.each([
    ['update without cleanup', lines('FROM debian:12', UPDATE), 'apt-get update'],
    ['apt update', lines('FROM debian:12', 'RUN apt update && apt install -y x=1'), 'apt update'],
    ['aptitude update', lines('FROM debian:12', 'RUN aptitude update && aptitude install -y x'), 'aptitude update'],
    ['apt-get -q update', lines('FROM debian:12', 'RUN apt-get -q update'), 'apt-get -q update'],
    ['cleanup before the update', lines('FROM debian:12', 'RUN rm -rf /var/lib/apt/lists/* && apt-get update && apt-get install -y x=1'), 'apt-get update'],
    ['another directory removed', lines('FROM debian:12', 'RUN apt-get update && apt-get install -y x=1 && rm -rf /tmp/*'), 'apt-get update'],
    ['a second update after the cleanup', lines('FROM debian:12', 'RUN apt-get update && rm -rf /var/lib/apt/lists/* && apt-get update'), 'apt-get update', 2],
    ['a stage that a shipped stage builds on', lines('FROM debian:12 AS base', UPDATE, 'FROM base AS mid', 'RUN true', 'FROM mid', 'RUN true'), 'apt-get update'],
    ['the last stage', lines('FROM debian:12 AS build', 'RUN make', 'FROM debian:12', UPDATE), 'apt-get update'],
    ['an ONBUILD trigger in any stage', lines('FROM debian:12 AS a', `ONBUILD ${UPDATE}`, 'FROM scratch', 'COPY --from=a /x /x'), 'apt-get update'],
    ['a cache mount on /var/cache/apt only', lines('FROM debian:12', 'RUN --mount=type=cache,target=/var/cache/apt apt-get update'), 'apt-get update'],
    ['a cache mount on /var/lib/apt only', lines('FROM debian:12', 'RUN --mount=type=cache,target=/var/lib/apt apt-get update'), 'apt-get update'],
    ['a bind mount on the lists', lines('FROM debian:12', 'RUN --mount=type=bind,target=/var/lib/apt/lists apt-get update'), 'apt-get update'],
    ['update inside sh -c', lines('FROM debian:12', `RUN sh -c 'apt-get update' && apt-get install -y x=1`), 'apt-get update'],
    ['update in a heredoc', lines('FROM debian:12', 'RUN <<EOF', 'apt-get update', 'apt-get install -y x=1', 'EOF'), 'apt-get update'],
  ])('catches %s', async (_name, text, needle, nth = 1) => {
    expect(await spansOf('DL3009', text)).toEqual([spanOf(text, needle, nth)]);
  });

  it.each([
    ['rm -rf /var/lib/apt/lists/*', lines('FROM debian:12', `${UPDATE} && rm -rf /var/lib/apt/lists/*`)],
    ['rm -r of the directory itself', lines('FROM debian:12', `${UPDATE} && rm -r /var/lib/apt/lists`)],
    ['rm of an ancestor', lines('FROM debian:12', `${UPDATE} && rm -rf /var/lib/apt`)],
    ['quoted path with the glob outside', lines('FROM debian:12', `${UPDATE} && rm -rf "/var/lib/apt/lists/"*`)],
    ['cleanup through sudo', lines('FROM debian:12', `${UPDATE} && sudo rm -rf /var/lib/apt/lists/*`)],
    ['cleanup in a heredoc', lines('FROM debian:12', 'RUN <<EOF', 'apt-get update', 'apt-get install -y x=1', 'rm -rf /var/lib/apt/lists/*', 'EOF')],
    ['a stage no shipped stage builds on', lines('FROM debian:12 AS build', UPDATE, 'FROM scratch', 'COPY --from=build /x /x')],
    ['an unused stage behind a chain', lines('FROM debian:12 AS a', UPDATE, 'FROM a AS b', 'RUN true', 'FROM scratch')],
    ['cache mount on the lists', lines('FROM debian:12', `RUN --mount=type=cache,target=/var/lib/apt/lists/ ${UPDATE.slice(4)}`)],
    ['cache mounts on /var/lib/apt and /var/cache/apt', lines('FROM debian:12', `RUN --mount=type=cache,target=/var/lib/apt --mount=type=cache,target=/var/cache/apt ${UPDATE.slice(4)}`)],
    ['tmpfs mounts', lines('FROM debian:12', `RUN --mount=type=tmpfs,target=/var/lib/apt --mount=type=tmpfs,target=/var/cache/apt ${UPDATE.slice(4)}`)],
    ['install without update', lines('FROM debian:12', 'RUN apt-get install -y x=1')],
    ['update as an argument', lines('FROM debian:12', 'RUN echo apt-get update')],
  ])('ignores %s', async (_name, text) => {
    expect(await findingsOf('DL3009', text)).toEqual([]);
  });

  it.each([
    ['end of the RUN', lines('FROM debian:12', UPDATE), lines('FROM debian:12', `${UPDATE} && rm -rf /var/lib/apt/lists/*`)],
    [
      'end of a continued RUN',
      lines('FROM debian:12', 'RUN apt-get update \\', '  && apt-get install -y x=1 \\', '  && make'),
      lines('FROM debian:12', 'RUN apt-get update \\', '  && apt-get install -y x=1 \\', '  && make && rm -rf /var/lib/apt/lists/*'),
    ],
    ['end of a heredoc script', lines('FROM debian:12', 'RUN <<EOF', 'apt-get update', 'apt-get install -y x=1', 'EOF'), lines('FROM debian:12', 'RUN <<EOF', 'apt-get update', 'apt-get install -y x=1 && rm -rf /var/lib/apt/lists/*', 'EOF')],
    ['after an sh -c', lines('FROM debian:12', `RUN sh -c 'apt-get update'`), lines('FROM debian:12', `RUN sh -c 'apt-get update' && rm -rf /var/lib/apt/lists/*`)],
  ])('fixes at the %s', async (_name, text, expected) => {
    const fixed = await fixedBy('DL3009', text);
    expect(fixed).toBe(expected);
    expect(await findingsOf('DL3009', fixed)).toEqual([]);
  });

  it.each([
    ['a trailing comment line', lines('FROM debian:12', 'RUN apt-get update && \\', '# note', '    apt-get install -y x=1 # why')],
    ['a compound command last', lines('FROM debian:12', 'RUN apt-get update; if true; then apt-get install -y x=1; fi')],
    ['a background job last', lines('FROM debian:12', 'RUN apt-get update && sleep 1 &')],
  ])('offers no fix after %s', async (_name, text) => {
    expect(await findingsOf('DL3009', text)).toHaveLength(1);
    expect(await fixableCount('DL3009', text)).toBe(0);
  });

  it('reports Hadolint’s level and message', async () => {
    const [f] = await findingsOf('DL3009', lines('FROM debian:12', UPDATE));
    expect(f?.level).toBe('info');
    expect(f?.message).toBe('Delete the apt lists (/var/lib/apt/lists) after installing something');
  });
});
