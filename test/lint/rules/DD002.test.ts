import { describe, expect, it } from 'vitest';
import { dockerfile, positions } from './dd-helper.js';
import { findingsOf } from './lint-helper.js';

describe('DD002 COPY/ADD of key material or credential files', () => {
  it.each([
    ['a PEM file', 'COPY server.pem /etc/ssl/private/', 'PEM file'],
    ['a private key', 'COPY tls/server.key /etc/ssl/', 'private key'],
    ['a PKCS#12 store', 'ADD keystore.p12 /app/', 'PKCS#12 key store'],
    ['a .pfx store', 'COPY cert.pfx /app/', 'PKCS#12 key store'],
    ['an SSH key', 'COPY id_rsa /root/.ssh/id_rsa', 'SSH private key'],
    ['an ed25519 key in a directory', 'COPY keys/id_ed25519 /root/.ssh/', 'SSH private key'],
    ['an .ssh directory', 'COPY .ssh/ /root/.ssh/', 'SSH key directory'],
    ['.env', 'COPY .env /app/.env', '.env file'],
    ['.env.production', 'COPY .env.production ./', '.env file'],
    ['credentials.json', 'COPY credentials.json /app/', 'credentials file'],
    ['.npmrc', 'COPY package.json .npmrc ./', 'npm config'],
    ['.pypirc', 'COPY .pypirc /root/', 'PyPI config'],
    ['.netrc', 'COPY .netrc /root/.netrc', '.netrc'],
    ['.git-credentials', 'COPY .git-credentials /root/', 'git credential store'],
    ['AWS credentials', 'COPY .aws/credentials /root/.aws/credentials', 'AWS credentials file'],
    ['Docker credentials', 'COPY .docker/config.json /root/.docker/', 'Docker registry credentials'],
    ['a kubeconfig', 'COPY kubeconfig /root/.kube/config', 'kubeconfig'],
    ['a KeePass database', 'COPY vault.kdbx /data/', 'KeePass database'],
    ['a glob of PEM files', 'COPY *.pem /etc/ssl/private/', 'PEM file'],
    ['a glob of keys', 'COPY ssl/*.key /etc/ssl/', 'private key'],
    ['JSON form', 'COPY ["secrets/id_rsa", "/root/.ssh/"]', 'SSH private key'],
    ['a key that says private beside a public word', 'COPY ca-key.pem /ca/', 'PEM file'],
    ['an ADD from a URL', 'ADD https://example.com/deploy/id_ed25519 /root/.ssh/', 'SSH private key'],
    ['a private key from another stage', 'COPY --from=certs /out/server.key /etc/ssl/', 'private key'],
  ])('catches %s', async (_name, line, what) => {
    const f = await findingsOf('DD002', dockerfile('FROM alpine:3.20', line));
    expect(f).toHaveLength(1);
    expect(f[0]?.level).toBe('warning');
    expect(f[0]?.message).toContain(what);
  });

  it('points at each offending source', async () => {
    const f = await findingsOf('DD002', dockerfile('FROM alpine:3.20', 'COPY app.js id_rsa config/.env /app/', 'ONBUILD COPY server.key /k/'));
    expect(positions(f)).toEqual([
      [2, 13],
      [2, 20],
      [3, 14],
    ]);
    expect(f[0]?.message).toMatch(/^COPY id_rsa: SSH private key copied into a layer/);
  });

  it.each([
    ['a certificate', 'COPY ca.pem /usr/local/share/ca-certificates/'],
    ['a full chain', 'COPY fullchain.pem /etc/ssl/'],
    ['a CA bundle', 'COPY ca-bundle.pem cert.pem /etc/ssl/'],
    ['a Java trust store', 'COPY truststore.jks cacerts.p12 /opt/java/'],
    ['a public SSH key', 'COPY id_rsa.pub /root/.ssh/authorized_keys'],
    ['an apt signing key', 'ADD https://deb.nodesource.com/gpgkey/nodesource.gpg.key /tmp/'],
    ['a glob in a certs directory', 'COPY certs/*.pem /usr/local/share/ca-certificates/'],
    ['an env template', 'COPY .env.example .env.sample /app/'],
    ['a keyboard layout', 'COPY keymap.json /app/'],
    ['source code', 'COPY src/ keys.go /app/'],
    ['a build output from another stage', 'COPY --from=build /app/dist /usr/share/nginx/html'],
    ['a credential file from another stage', 'COPY --from=build /root/.npmrc /tmp/'],
    ['a heredoc', 'COPY <<EOF /app/.env\nA=1\nEOF'],
    ['the destination only', 'COPY config.json /root/.docker/config.json'],
  ])('does not flag %s', async (_name, line) => {
    expect(await findingsOf('DD002', dockerfile('FROM alpine:3.20', line))).toEqual([]);
  });
});
