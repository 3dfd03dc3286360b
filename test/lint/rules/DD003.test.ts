import { describe, expect, it } from 'vitest';
import { dockerfile, positions } from './dd-helper.js';
import { findingsOf } from './lint-helper.js';

describe('DD003 secret build argument used by RUN or ENV', () => {
  it.each([
    ['a token used by RUN', ['ARG NPM_TOKEN', 'RUN echo "//registry.npmjs.org/:_authToken=${NPM_TOKEN}" > .npmrc && npm ci'], 'RUN on line 3'],
    ['a password with a default', ['ARG DB_PASSWORD=dev', 'RUN ./migrate --password "$DB_PASSWORD"'], 'RUN on line 3'],
    ['an API key in exec form', ['ARG API_KEY', 'RUN ["/app/fetch", "--key", "$API_KEY"]'], 'RUN on line 3'],
    ['a secret in a heredoc', ['ARG GITHUB_TOKEN', 'RUN <<EOF', 'git clone https://x-access-token:${GITHUB_TOKEN}@github.com/acme/lib.git', 'EOF'], 'RUN on line 3'],
    ['a private key', ['ARG SSH_PRIVATE_KEY', 'RUN mkdir -p /root/.ssh && echo "$SSH_PRIVATE_KEY" > /root/.ssh/id_rsa'], 'RUN on line 3'],
    ['a value copied into ENV', ['ARG AUTH_TOKEN', 'ENV AUTH_TOKEN=$AUTH_TOKEN'], 'ENV stores it in the image config'],
    ['a global ARG re-declared in the stage', ['ARG PYPI_PASSWORD', 'RUN pip install --index-url "https://u:${PYPI_PASSWORD}@pypi.acme.dev/simple" app'], 'RUN on line 3'],
    ['credentials used later in the stage', ['ARG AWS_CREDENTIALS', 'WORKDIR /app', 'RUN echo "$AWS_CREDENTIALS" | base64 -d > creds'], 'RUN on line 4'],
  ])('catches %s', async (_name, lines, where) => {
    const f = await findingsOf('DD003', dockerfile('FROM node:20', ...lines));
    expect(f).toHaveLength(1);
    expect(f[0]?.level).toBe('warning');
    expect(f[0]?.message).toContain(where);
    expect(f[0]?.message).toContain('--mount=type=secret');
  });

  it('points at the ARG name, once per argument and stage', async () => {
    const text = dockerfile(
      'ARG NPM_TOKEN',
      'FROM node:20 AS deps',
      'ARG BUILD_DATE NPM_TOKEN',
      'RUN echo $NPM_TOKEN > /dev/null',
      'RUN echo ${NPM_TOKEN:-none}',
      'FROM node:20',
      'ARG NPM_TOKEN',
      'RUN npm ci --token=$NPM_TOKEN',
    );
    const f = await findingsOf('DD003', text);
    expect(positions(f)).toEqual([
      [3, 16],
      [7, 5],
    ]);
    expect(f[0]?.message).toBe(
      'ARG NPM_TOKEN is used by RUN on line 4: build args land in the image history; use RUN --mount=type=secret,id=NPM_TOKEN,env=NPM_TOKEN instead',
    );
  });

  it.each([
    ['a secret ARG that is never used', ['ARG NPM_TOKEN', 'RUN npm ci']],
    ['a non-secret ARG that is used', ['ARG NODE_VERSION', 'RUN echo $NODE_VERSION']],
    ['a name that describes a secret', ['ARG TOKEN_URL', 'RUN curl -fsS "$TOKEN_URL"']],
    ['a global ARG not re-declared in the stage', ['RUN echo ${NPM_TOKEN}']],
    ['a use before the ARG', ['RUN echo $NPM_TOKEN', 'ARG NPM_TOKEN']],
    ['a longer name with the same prefix', ['ARG NPM_TOKEN', 'RUN echo $NPM_TOKEN_FILE']],
    ['a secret mount', ['RUN --mount=type=secret,id=npm,env=NPM_TOKEN npm ci']],
    ['an ARG of another stage', ['ARG NPM_TOKEN', 'FROM node:20', 'RUN echo $NPM_TOKEN']],
    ['a LABEL', ['ARG API_KEY', 'LABEL k=$API_KEY']],
  ])('does not flag %s', async (_name, lines) => {
    const text = dockerfile('ARG NPM_TOKEN=x', 'FROM node:20', ...lines);
    expect(await findingsOf('DD003', text)).toEqual([]);
  });
});
