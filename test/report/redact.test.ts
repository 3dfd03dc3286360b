/**
 * Masking of the image config and history text the reports copy: the suspicious variables Dockle's
 * CIS-DI-0010 logic finds, and what the secret rules match (a token in a curl header, which no
 * variable name gives away). Values are real-shaped secrets typed here; the expected masks follow
 * the rule "first 4 characters + ****, only **** under 12 characters".
 */
import { describe, expect, it } from 'vitest';
import type { SourceInfo } from '../../src/core/inventory.js';
import { configSecretValues, redactSecrets } from '../../src/report/redact.js';

const GH = `ghp_${'Zk3q9XwL2mN7vB4cR8tY1uE6oP0aS5dF2gH9'}`; // 40 chars: ghp_ + 36
const PASSWORD = 's3cr3t-Pa55w0rd-2024';

function source(): SourceInfo {
  const run = `|1 GH=${GH} /bin/sh -c curl -fsS -H "Authorization: token ${GH}" https://api.github.com/user`;
  return {
    kind: 'oci-layout',
    reference: 'oci:/x',
    layers: [
      { index: 0, diffId: 'sha256:0', createdBy: '/bin/sh -c #(nop) ADD file:abc in / ' },
      { index: 1, diffId: 'sha256:1', createdBy: run },
    ],
    config: {
      env: ['PATH=/usr/bin', `DB_PASSWORD=${PASSWORD}`, 'API_KEY=short1', 'TOKEN_FILE=/run/secrets/token', 'HTTP_PROXY_PASS=$PROXY_PASS'],
      labels: { 'org.example.deploy-token': 'tok_4f9a8b7c6d5e4f3a2b1c', 'org.opencontainers.image.title': 'demo' },
      cmd: ['/app', `--password=${PASSWORD}`],
      history: [{ createdBy: '/bin/sh -c #(nop) ADD file:abc in / ' }, { createdBy: run }, { createdBy: `/bin/sh -c #(nop)  ENV DB_PASSWORD=${PASSWORD}`, emptyLayer: true }],
    },
  };
}

describe('config secret values and redaction', () => {
  it('finds suspicious variables and rule matches, not references, file names or ordinary values', async () => {
    const values = await configSecretValues(source());
    expect(values).toEqual(expect.arrayContaining([PASSWORD, 'short1', 'tok_4f9a8b7c6d5e4f3a2b1c', GH]));
    expect(values).not.toContain('/run/secrets/token');
    expect(values).not.toContain('$PROXY_PASS');
    expect(values).not.toContain('/usr/bin');
  });

  it('an old-style `ENV NAME value` history line (no "=") is still read', async () => {
    const legacy: SourceInfo = { kind: 'oci-layout', reference: 'x', layers: [], config: { history: [{ createdBy: '/bin/sh -c #(nop)  ENV DB_PASSWORD hunter2-hunter2', emptyLayer: true }] } };
    expect(await configSecretValues(legacy)).toEqual(['hunter2-hunter2']);
    expect(redactSecrets(legacy, ['hunter2-hunter2']).config?.history?.[0]?.createdBy).toBe('/bin/sh -c #(nop)  ENV DB_PASSWORD hunt****');
  });

  it('an image without suspicious text has nothing to mask', async () => {
    const plain: SourceInfo = { kind: 'oci-layout', reference: 'x', layers: [{ index: 0, createdBy: 'ADD x /' }], config: { env: ['PATH=/bin'], history: [{ createdBy: 'ADD x /' }] } };
    expect(await configSecretValues(plain)).toEqual([]);
    expect(await configSecretValues({ kind: 'sbom', reference: 'x', layers: [] })).toEqual([]);
  });

  it('masks config and history text wherever a report copies it, and nothing else', async () => {
    const src = source();
    const report = {
      source: src,
      findings: [{ id: 'CVE-2024-short1', package: { layer: { index: 1, createdBy: src.layers[1]?.createdBy } } }],
      checks: [{ id: 'CIS-DI-0010', details: [`DB_PASSWORD=${PASSWORD}`] }],
    };
    const out = redactSecrets(report, await configSecretValues(src));
    const text = JSON.stringify(out);
    for (const s of [PASSWORD, GH, 'tok_4f9a8b7c6d5e4f3a2b1c']) expect(text).not.toContain(s);
    expect(out.source.config?.env).toEqual(['PATH=/usr/bin', 'DB_PASSWORD=s3cr****', 'API_KEY=****', 'TOKEN_FILE=/run/secrets/token', 'HTTP_PROXY_PASS=$PROXY_PASS']);
    expect(out.source.config?.labels).toEqual({ 'org.example.deploy-token': 'tok_****', 'org.opencontainers.image.title': 'demo' });
    expect(out.source.config?.cmd).toEqual(['/app', '--password=s3cr****']);
    expect(out.source.layers[1]?.createdBy).toBe('|1 GH=ghp_**** /bin/sh -c curl -fsS -H "Authorization: token ghp_****" https://api.github.com/user');
    expect(out.findings[0]?.package.layer.createdBy).toBe(out.source.layers[1]?.createdBy);
    expect(out.checks[0]?.details).toEqual(['DB_PASSWORD=s3cr****']);
    // a short secret is masked in config text only: an id that happens to contain it is left alone
    expect(out.findings[0]?.id).toBe('CVE-2024-short1');
    // the input is not modified; what did not change is shared
    expect(report.source.config?.env?.[1]).toBe(`DB_PASSWORD=${PASSWORD}`);
    expect(redactSecrets(report, [])).toBe(report);
  });
});

describe('redaction verdict cache', () => {
  it('remembers only "nothing to mask", never a secret: clean texts are not searched again, dirty ones always are', async () => {
    const { mkdtempSync, readdirSync, readFileSync, rmSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const { FileRedactionCache } = await import('../../src/report/redaction-cache.js');
    const dir = mkdtempSync(join(tmpdir(), 'drydock-redact-'));
    try {
      const cache = new FileRedactionCache(dir);
      const clean: SourceInfo = { kind: 'oci-layout', reference: 'oci:/y', layers: [{ index: 0, diffId: 'sha256:0', createdBy: '/bin/sh -c apt-get install -y curl' }], config: { env: ['PATH=/usr/bin'] } };
      expect(await configSecretValues(clean, cache)).toEqual([]);
      const verdicts = readdirSync(dir);
      expect(verdicts).toHaveLength(1);
      expect(readFileSync(join(dir, verdicts[0] as string), 'utf8')).toBe('');
      // The same texts are answered from the verdict.
      expect(await cache.isClean(verdicts[0] as string)).toBe(true);
      expect(await configSecretValues(clean, cache)).toEqual([]);
      // Texts with secrets: found every time, and no verdict (nor anything else) written for them.
      expect(await configSecretValues(source(), cache)).toEqual(expect.arrayContaining([PASSWORD, GH]));
      expect(await configSecretValues(source(), cache)).toEqual(expect.arrayContaining([PASSWORD, GH]));
      expect(readdirSync(dir)).toEqual(verdicts);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
