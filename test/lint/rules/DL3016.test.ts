import { describe, expect, it } from 'vitest';
import { findingsOf } from './lint-helper.js';
import { spanOf, spansOf } from './package-helper.js';

const df = (...lines: string[]): string => `FROM node:22-slim\n${lines.join('\n')}\n`;

describe('DL3016 pin versions in npm', () => {
  it.each([
    ['a bare name', df('RUN npm install express'), ['express']],
    ['the unpinned one of several', df('RUN npm install express sax@0.1.1'), ['express']],
    ['a scoped name', df('RUN npm install @myorg/privatepackage'), ['@myorg/privatepackage']],
    ['@latest', df('RUN npm install -g npm@latest'), ['npm@latest']],
    ['npm i alias', df('RUN npm i -D typescript'), ['typescript']],
    ['npm add alias', df('RUN npm add lodash'), ['lodash']],
    ['a git URL without commit', df('RUN npm install git+https://isaacs@github.com/npm/npm.git'), ['git+https://isaacs@github.com/npm/npm.git']],
    ['a GitHub shorthand without commit', df('RUN npm install expressjs/express'), ['expressjs/express']],
    ['value-taking options are skipped', df('RUN npm install --registry https://r.example express'), ['express']],
    ['through sudo', df('RUN sudo npm install -g pnpm'), ['pnpm']],
    ['in a heredoc', df('RUN <<EOF', 'npm install -g yarn', 'EOF'), ['yarn']],
    ['in an ONBUILD trigger', df('ONBUILD RUN npm install left-pad'), ['left-pad']],
  ])('catches %s', async (_name, text, needles) => {
    expect(await spansOf('DL3016', text)).toEqual(needles.map((n) => spanOf(text, n)));
  });

  it.each([
    ['npm install alone', df('RUN npm install && npm ci && npm install --progress=false')],
    ['versions', df('RUN npm install express@4.1.1 @myorg/pkg@">=0.1.0 <0.2.0" -g sax@"0.1.1"')],
    ['a tag', df('RUN npm install typescript@next')],
    ['an alias', df('RUN npm install lodash4@npm:lodash@4.17.21')],
    ['tarballs', df('RUN npm install package-v1.2.3.tgz ./x.tar https://example.com/pkg-1.0.0.tar.gz')],
    ['folders', df('RUN npm install /folder ./folder ../folder ~/folder file:../lib')],
    ['git with a commit or semver', df('RUN npm install git+ssh://git@github.com:npm/npm.git#v1.0.27 git://github.com/npm/npm.git#semver:^5.0 github:npm/cli#abc123')],
    ['npm run install', df('RUN npm run --crazy install')],
    ['option values', df('RUN npm install --loglevel verbose --prefix /opt sax@0.1.1')],
    ['other subcommands', df('RUN npm uninstall express && npm update')],
    ['packages only known at build time', df('RUN npm install -g "$PKG"')],
  ])('ignores %s', async (_name, text) => {
    expect(await findingsOf('DL3016', text)).toEqual([]);
  });

  it('reports Hadolint’s level and message', async () => {
    const [f] = await findingsOf('DL3016', df('RUN npm install express'));
    expect(f?.level).toBe('warning');
    expect(f?.message).toBe('Pin versions in npm. Instead of `npm install <package>` use `npm install <package>@<version>`');
  });
});
