import { describe, expect, it } from 'vitest';
import { findingsOf } from './lint-helper.js';
import { spanOf, spansOf } from './package-helper.js';

const lines = (...l: string[]): string => `${l.join('\n')}\n`;
const df = (...l: string[]): string => lines('FROM node:22-slim', ...l);

describe('DL3060 yarn cache clean after yarn install', () => {
  it.each([
    ['yarn install', df('RUN yarn install --frozen-lockfile'), 'yarn install'],
    ['bare yarn', df('RUN yarn'), 'yarn'],
    ['yarn add', df('RUN yarn add react@18.3.1'), 'yarn add'],
    ['yarn global add', df('RUN yarn global add pm2@5.4.0'), 'yarn global'],
    ['clean before the install', df('RUN yarn cache clean && yarn install'), 'yarn install'],
    ['a cache mount elsewhere', df('RUN --mount=type=cache,target=/var/lib/foobar yarn install'), 'yarn install'],
    ['the last stage', lines('FROM node:22 AS a', 'RUN true', 'FROM node:22-slim', 'RUN yarn install'), 'yarn install'],
    ['a stage the last one builds on', lines('FROM node:22 AS deps', 'RUN yarn install', 'FROM deps', 'RUN true'), 'yarn install'],
    ['an ONBUILD trigger in an unused stage', lines('FROM node:22 AS a', 'ONBUILD RUN yarn install', 'FROM scratch'), 'yarn install'],
    ['in a heredoc', df('RUN <<EOF', 'yarn install', 'EOF'), 'yarn install'],
  ])('catches %s', async (_name, text, needle) => {
    expect(await spansOf('DL3060', text)).toEqual([spanOf(text, needle)]);
  });

  it.each([
    ['yarn cache clean after', df('RUN yarn install && yarn cache clean')],
    ['yarn cache clean --all', df('RUN yarn install --immutable && yarn cache clean --all')],
    ['the cache directory removed', df('RUN yarn install && rm -rf /usr/local/share/.cache/yarn/*')],
    ['a cache mount on the yarn cache', df('RUN --mount=type=cache,target=/root/.cache/yarn yarn install')],
    ['a tmpfs mount on the yarn cache', df('RUN --mount=type=tmpfs,target=/usr/local/share/.cache/yarn yarn install')],
    ['--cache-folder on a cache mount', df('RUN --mount=type=cache,target=/yc yarn install --cache-folder /yc')],
    ['an unused build stage', lines('FROM node:22 AS build', 'RUN yarn install', 'FROM scratch', 'COPY --from=build /app /app')],
    ['other yarn commands', df('RUN yarn build && yarn run test && yarn --version')],
    ['no yarn', df('RUN npm ci')],
  ])('ignores %s', async (_name, text) => {
    expect(await findingsOf('DL3060', text)).toEqual([]);
  });

  it('reports Hadolint’s level and message', async () => {
    const [f] = await findingsOf('DL3060', df('RUN yarn install'));
    expect(f?.level).toBe('info');
    expect(f?.message).toBe('`yarn cache clean` missing after `yarn install` was run.');
  });
});
