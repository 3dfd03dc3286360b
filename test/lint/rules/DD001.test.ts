import { describe, expect, it } from 'vitest';
import { dockerfile, fakeBody, positions } from './dd-helper.js';
import { findingsOf } from './lint-helper.js';

// Token-shaped values are assembled here at run time (see dd-helper.ts).
const T = {
  aws: `AKIA${fakeBody(16, 3, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567')}`,
  asia: `ASIA${fakeBody(16, 4, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567')}`,
  ghp: `gh${'p'}_${fakeBody(36, 5)}`,
  ghs: `gh${'s'}_${fakeBody(36, 6)}`,
  ghpat: `github_${'pat'}_${fakeBody(22, 7)}_${fakeBody(59, 8)}`,
  glpat: `gl${'pat'}-${fakeBody(20, 9)}`,
  slack: `xo${'xb'}-1234567890-${fakeBody(24, 10)}`,
  stripe: `sk_${'live'}_${fakeBody(24, 11)}`,
  google: `AI${'za'}${fakeBody(35, 12)}`,
  jwt: `ey${'J'}hbGciOiJIUzI1NiJ9.ey${'J'}zdWIiOiIxMjM0NTY3ODkwIn0.${fakeBody(43, 13)}`,
  npm: `np${'m'}_${fakeBody(36, 14)}`,
  pypi: `py${'pi'}-AgEIcHlwaS5vcmc${fakeBody(60, 15)}`,
  docker: `dckr_${'pat'}_${fakeBody(27, 16)}`,
  password: `Xk9${'#'}q${fakeBody(12, 17)}`,
};
const PEM = `-----BEGIN ${'RSA PRIVATE'} KEY-----`;

describe('DD001 secret values in ENV / ARG / LABEL', () => {
  it.each([
    ['AWS access key id in ENV', `ENV AWS_ACCESS_KEY_ID=${T.aws}`, 'AWS access key id'],
    ['AWS STS key id as ARG default', `ARG KEY_ID=${T.asia}`, 'AWS access key id'],
    ['GitHub classic token', `ENV GH=${T.ghp}`, 'GitHub token'],
    ['GitHub app token in quotes', `ENV GH_TOKEN="${T.ghs}"`, 'GitHub token'],
    ['GitHub fine-grained token', `ARG GH=${T.ghpat}`, 'GitHub token'],
    ['GitLab token', `ENV CI_JOB=${T.glpat}`, 'GitLab token'],
    ['Slack bot token', `ENV SLACK=${T.slack}`, 'Slack token'],
    ['Stripe live key', `ENV STRIPE=${T.stripe}`, 'Stripe live key'],
    ['Google API key in a LABEL', `LABEL maps.key=${T.google}`, 'Google API key'],
    ['JWT', `ENV AUTH_HEADER_VALUE=${T.jwt}`, 'JSON Web Token'],
    ['npm token', `ENV NPM=${T.npm}`, 'npm token'],
    ['PyPI token', `ARG PYPI=${T.pypi}`, 'PyPI token'],
    ['Docker Hub token', `ENV HUB=${T.docker}`, 'Docker Hub token'],
    ['PEM private key', `ENV SSH_KEY="${PEM}\\nMIIEow"`, 'private key'],
    ['token inside a longer value', `ENV NPM_CONFIG="//registry.npmjs.org/:_authToken=${T.npm}"`, 'npm token'],
    ['literal password under a secret name', `ENV DB_PASSWORD=${T.password}`, 'secret'],
    ['camelCase secret name (legacy ENV form)', `ENV apiKey ${T.password}`, 'secret'],
    ['embedded password= setting', `ENV JAVA_OPTS="-Xmx1g -Dspring.datasource.password=${T.password}"`, 'password setting'],
    ['URL password', `ENV DATABASE_URL=postgres://app:${T.password}@db:5432/app`, 'URL password'],
  ])('catches %s', async (_name, line, kind) => {
    const f = await findingsOf('DD001', dockerfile('FROM alpine:3.20', line));
    expect(f).toHaveLength(1);
    expect(f[0]?.level).toBe('error');
    expect(f[0]?.message).toContain(`holds a ${kind} `);
  });

  it('points at the value and never prints the secret', async () => {
    const text = dockerfile(`ARG GH=${T.ghp}`, 'FROM alpine:3.20', `ENV A=1 GITHUB_TOKEN=${T.ghp}`, `LABEL k="${T.ghp}"`, `ONBUILD ENV T=${T.ghp}`);
    const f = await findingsOf('DD001', text);
    expect(positions(f)).toEqual([
      [1, 8],
      [3, 22],
      [4, 9],
      [5, 15],
    ]);
    for (const x of f) {
      expect(x.message).not.toContain(T.ghp);
      expect(x.message).toContain(`"${T.ghp.slice(0, 4)}…" (40 chars)`);
    }
    expect(f[0]?.message).toMatch(/^the default of ARG GH holds a GitHub token .* the build history/);
    expect(f[1]?.message).toMatch(/^ENV GITHUB_TOKEN holds a GitHub token .* the image config/);
  });

  it.each([
    ['a variable reference', 'ENV GITHUB_TOKEN=${GITHUB_TOKEN}'],
    ['a reference with a default', 'ARG DB_PASSWORD=${DEFAULT_PW:-}'],
    ['an ARG without default', 'ARG NPM_TOKEN'],
    ['an empty value', 'ENV API_KEY=""'],
    ['a placeholder', 'ENV DB_PASSWORD=changeme'],
    ['a placeholder in brackets', 'ARG API_TOKEN=<your-token>'],
    ['x placeholder', 'ENV SECRET_KEY=xxxxxxxxxxxx'],
    ['an AWS documentation example', 'ENV AWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLE'],
    ['an example token', `ENV GH=gh${'p'}_EXAMPLE${fakeBody(29, 20)}`],
    ['a path to a secret file', 'ENV POSTGRES_PASSWORD_FILE=/run/secrets/postgres-password'],
    ['a path under a secret name', 'ENV SECRET=/run/secrets/app'],
    ['a name that describes a secret', 'ENV TOKEN_URL=https://auth.example.com/oauth/token'],
    ['a low-entropy word', 'ENV MYSQL_ROOT_PASSWORD=mysecretpassword'],
    ['a short value', 'ENV DB_PASS=pa55'],
    ['a non-secret name with a random value', `ENV BUILD_ID=${T.password}`],
    ['a URL without credentials', 'ENV REGISTRY=https://registry.npmjs.org/'],
    ['a URL password that is a reference', 'ENV DATABASE_URL=postgres://app:${DB_PASSWORD}@db/app'],
    ['a label that names an author', 'LABEL org.opencontainers.image.authors="Jane Doe <jane@example.com>"'],
    ['a public key header', 'ENV KEY="-----BEGIN PUBLIC KEY-----"'],
    ['a numeric value', 'ENV TOKEN_EXPIRY_SECONDS=3600 AUTH_RETRIES=12345678'],
  ])('does not flag %s', async (_name, line) => {
    expect(await findingsOf('DD001', dockerfile('FROM alpine:3.20', line))).toEqual([]);
  });
});
