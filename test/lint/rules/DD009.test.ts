import { describe, expect, it } from 'vitest';
import { SENSITIVE_SAMPLE_PATHS } from '../../../src/lint/dockerignore.js';
import { dockerfile, positions } from './dd-helper.js';
import { findingsOf } from './lint-helper.js';

/** A .dockerignore that excludes every sample path. */
const GOOD_IGNORE = ['.git', '.env*', '*.pem', '*.key', '**/id_*', '.ssh', 'credentials.json', '.aws', '.docker', '.npmrc', '.pypirc', '.netrc', '*.p12', '*.tfstate'].join('\n');

describe('DD009 COPY of the whole context without a protective .dockerignore', () => {
  it('catches COPY . . with no .dockerignore and lists every leak', async () => {
    const f = await findingsOf('DD009', dockerfile('FROM node:20', 'WORKDIR /app', 'COPY . .'));
    expect(positions(f)).toEqual([[3, 6]]);
    expect(f[0]?.level).toBe('warning');
    expect(f[0]?.message).toBe(`COPY . copies the whole build context and there is no .dockerignore: ${SENSITIVE_SAMPLE_PATHS.join(', ')} would end up in the image; exclude them in .dockerignore`);
  });

  it.each([
    ['an ignore file that only excludes node_modules', 'node_modules\n', 'COPY . .', [...SENSITIVE_SAMPLE_PATHS]],
    ['a later exception that re-includes .env', `${GOOD_IGNORE}\n!.env`, 'COPY . .', ['.env']],
    ['patterns anchored at the root miss nested keys', `${GOOD_IGNORE.replace('**/id_*', 'id_*')}`, 'ADD ./ /app/', ['keys/id_rsa']],
    ['a .env exclusion that misses variants', `${GOOD_IGNORE.replace('.env*', '.env')}`, 'COPY --chown=app . /srv/', ['.env.production', '.env.local']],
  ])('catches %s', async (_name, ignore, line, leaks) => {
    const f = await findingsOf('DD009', dockerfile('FROM node:20', line), { rule: { dockerignore: ignore } });
    expect(f).toHaveLength(1);
    expect(f[0]?.message).toContain('the .dockerignore does not exclude: ');
    const listed = (f[0]?.message ?? '').split(': ')[1]?.split(' would end up')[0]?.split(', ');
    expect(listed).toEqual(leaks);
  });

  it.each([
    ['a protective .dockerignore', { dockerignore: GOOD_IGNORE }, 'COPY . .'],
    ['an allow-list .dockerignore', { dockerignore: '*\n!src\n!package.json\n!package-lock.json' }, 'COPY . .'],
    ['a copy of a subdirectory', {}, 'COPY src/ /app/src/'],
    ['a copy of named files', {}, 'COPY package.json package-lock.json ./'],
    ['a copy from another stage', {}, 'COPY --from=build . /app/'],
    ['an invalid .dockerignore (the build fails by itself)', { dockerignore: '[' }, 'COPY . .'],
  ])('does not flag %s', async (_name, rule, line) => {
    expect(await findingsOf('DD009', dockerfile('FROM node:20', line), { rule })).toEqual([]);
  });

  it('counts COPY --exclude patterns', async () => {
    const excludes = GOOD_IGNORE.split('\n').map((p) => `--exclude=${p}`).join(' ');
    expect(await findingsOf('DD009', dockerfile('FROM node:20', `COPY ${excludes} . .`))).toEqual([]);
    const f = await findingsOf('DD009', dockerfile('FROM node:20', 'COPY --exclude=.git . .'), { rule: { dockerignore: 'node_modules' } });
    expect(f[0]?.message).not.toContain('.git/config');
  });
});
