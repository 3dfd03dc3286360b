/**
 * The secrets analyzer: every regular file of every layer searched as the layer streams by (tars made
 * by Python's tarfile, read by drydock's walker and merged with whiteouts), and the real image built
 * by buildah with planted secrets (scripts/fixtures/recipes/secrets.*): exact findings, layers and
 * `removedIn`, masked; no full value in any output or cache file; cache keys that keep scans with and
 * without secret scanning apart. Token-shaped values are made at run time, never written here.
 */
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Inventory } from '../../../src/core/inventory.js';
import type { LayerRef } from '../../../src/core/package.js';
import type { SecretFinding } from '../../../src/core/secret-finding.js';
import type { Analyzer } from '../../../src/inventory/analyzer.js';
import { createAnalyzers } from '../../../src/inventory/analyzers/index.js';
import { createSecretsAnalyzer } from '../../../src/inventory/analyzers/secrets.js';
import { assemble } from '../../../src/inventory/assemble.js';
import { readLayer } from '../../../src/inventory/layer-reader.js';
import type { LayerResult } from '../../../src/inventory/layer-result.js';
import { secretRuleSet } from '../../../src/secrets/rule-set.js';
import { handMadeDockerArchive } from '../../helpers/docker-archive.js';
import { inventoryOf, runCli, tempCache } from '../../helpers/drydock.js';
import { ensureFixtures, fixture } from '../../helpers/fixtures.js';
import { prng } from '../../helpers/prng.js';
import { makeTar, type TarSpecEntry } from '../../helpers/tar-maker.js';

const ALNUM = 'BCDFGJKLMNPQRSTVWZbcdfgjkmnpqrstvwz23456789';
const rand = prng(6);
const chars = (n: number, set = ALNUM): string => Array.from({ length: n }, () => set[Math.floor(rand() * set.length)]).join('');
// fake credentials in the providers' formats, random (never issued)
const GITHUB = `${'ghp'}_${chars(36)}`;
const AWS_ID = `${'AKIA'}${chars(16, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567')}`;
const SLACK = `${'xoxb'}-${chars(12, '23456789')}-${chars(13, '23456789')}-${chars(24)}`;
const GITHUB2 = `${'ghp'}_${chars(36)}`;

const RULES = secretRuleSet();
const ANALYZER = createSecretsAnalyzer(RULES);

/** A layer read by the walker, its tar fed in chunks of `chunk` bytes (default: one piece). */
async function layer(entries: TarSpecEntry[], analyzer: Analyzer = ANALYZER, chunk = 0): Promise<LayerResult> {
  const tar = makeTar(entries);
  async function* src(): AsyncGenerator<Buffer> {
    if (chunk === 0) yield tar;
    else for (let i = 0; i < tar.length; i += chunk) yield tar.subarray(i, i + chunk);
  }
  return readLayer(src(), { what: 't', analyzers: [analyzer], maxLayerBytes: 1 << 30 });
}

async function scanLayers(layers: TarSpecEntry[][], analyzer: Analyzer = ANALYZER): Promise<Inventory> {
  const results = await Promise.all(layers.map((l) => layer(l, analyzer)));
  return assemble({ kind: 'dir', reference: 't', layers: [] }, results, results.map((_, index) => ({ index })), {
    analyzers: [analyzer],
    toolVersion: 'test',
    now: new Date('2026-07-01T00:00:00Z'),
  });
}

/** rule, path, line, layer index, removedIn index: what a person checks. */
function brief(s: SecretFinding): string {
  const l = s.location;
  if (l.kind !== 'file') return `${s.ruleId} ${l.kind}`;
  return `${s.ruleId} ${l.path}:${l.line} layer ${l.layer.index}${l.removedIn ? ` removed in ${l.removedIn.index}` : ''}`;
}

const file = (name: string, data: string, mode = 0o644): TarSpecEntry => ({ name, data, mode });
const dir_ = (name: string): TarSpecEntry => ({ name, type: 'dir', mode: 0o755 });
const whiteout = (path: string): TarSpecEntry => {
  const i = path.lastIndexOf('/');
  return { name: `${path.slice(0, i + 1)}.wh.${path.slice(i + 1)}`, data: '' };
};

describe('secrets in layer files', () => {
  it('a file deleted (whiteout) or overwritten later is reported in the layer holding it, with removedIn', async () => {
    const inv = await scanLayers([
      [dir_('app'), file('app/.env', `AWS_ACCESS_KEY_ID=${AWS_ID}\nGITHUB_TOKEN=${GITHUB}\n`), file('app/slack.ini', `token = ${SLACK}\n`), file('app/kept.txt', `x\n${GITHUB2}\n`)],
      [whiteout('app/.env'), file('app/slack.ini', 'token = ${SLACK_TOKEN}\n')],
      [file('app/unrelated', 'nothing here\n')],
    ]);
    expect(inv.secrets?.map(brief)).toEqual([
      'aws-access-token app/.env:1 layer 0 removed in 1',
      'github-pat app/.env:2 layer 0 removed in 1',
      'github-pat app/kept.txt:2 layer 0',
      'slack-bot-token app/slack.ini:1 layer 0 removed in 1',
    ]);
    expect(inv.secrets?.map((s) => s.masked)).toEqual(['AKIA****', 'ghp_****', 'ghp_****', 'xoxb****']);
  });

  it('an opaque directory, a deleted parent and a parent replaced by a file remove too; the first removal counts', async () => {
    const inv = await scanLayers([
      [dir_('a'), file('a/k', GITHUB), dir_('b'), file('b/k', GITHUB), dir_('c'), file('c/k', GITHUB), dir_('d'), file('d/k', GITHUB)],
      [dir_('a'), { name: 'a/.wh..wh..opq', data: '' }, whiteout('b')],
      [file('c', 'now a file'), whiteout('d/k')],
      [whiteout('a/k'), whiteout('c')],
    ]);
    expect(inv.secrets?.map(brief)).toEqual([
      'github-pat a/k:1 layer 0 removed in 1',
      'github-pat b/k:1 layer 0 removed in 1',
      'github-pat c/k:1 layer 0 removed in 2',
      'github-pat d/k:1 layer 0 removed in 2',
    ]);
  });

  it('a copy written again by a later layer (chmod, cp) is reported in both layers, only the old one removed', async () => {
    const inv = await scanLayers([[file('srv/token', GITHUB)], [file('srv/token', GITHUB, 0o600)]]);
    expect(inv.secrets?.map(brief)).toEqual(['github-pat srv/token:1 layer 0 removed in 1', 'github-pat srv/token:1 layer 1']);
  });

  it('binaries are skipped after sniffing; text streamed in small chunks across the sniff window is searched whole', async () => {
    const text = `${'# padding line of a long config file\n'.repeat(400)}GITHUB_TOKEN=${GITHUB}\n`;
    const binary = Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0, 0, 0]), Buffer.from(`\n${GITHUB}\n`)]);
    const nul = Buffer.concat([Buffer.alloc(9000, 0x41), Buffer.from(`\0\n${GITHUB}\n`)]); // NUL after the sniff window: text
    const result = await layer([file('etc/app.conf', text), { name: 'usr/bin/tool', bytes: binary, mode: 0o755 }, { name: 'var/data.bin', bytes: nul }], ANALYZER, 1000);
    const hits = result.results['secrets']?.map((r) => [r.path, (r.facts as { hits: Array<{ line: number }> }).hits.map((h) => h.line)]);
    expect(hits).toEqual([
      ['etc/app.conf', [401]],
      ['var/data.bin', [2]],
    ]);
  });

  it('a text file over the cap is searched up to the cap, and an unknown says so', async () => {
    const small = createSecretsAnalyzer(secretRuleSet(RULES.config, 64 * 1024));
    const before = `${'a line of text that is not a secret\n'.repeat(1000)}TOKEN=${GITHUB}\n`;
    const inv = await scanLayers([[file('var/log/app.log', `${before}${'more text\n'.repeat(4000)}LATE=${GITHUB2}\n`)]], small);
    expect(inv.secrets?.map(brief)).toEqual(['github-pat var/log/app.log:1001 layer 0']);
    expect(inv.unknowns).toEqual([
      { path: '/var/log/app.log', layer: { index: 0 }, source: 'secrets', reason: expect.stringMatching(/^file is \d+ bytes: only the first 64 KiB were searched for secrets$/) },
    ]);
  });

  it('known-safe paths are never read; a hard link shares what was found in its target', async () => {
    expect(ANALYZER.required('usr/share/doc/curl/examples/auth.txt', { size: 10, mode: 0o644 })).toBe(false);
    expect(ANALYZER.required('etc/ssl/certs/ca-certificates.crt', { size: 10, mode: 0o644 })).toBe(false);
    expect(ANALYZER.required('app/.env', { size: 50 * 2 ** 20, mode: 0o644 })).toBe(true);
    const inv = await scanLayers([
      [file('usr/share/doc/tool/README', `token ${GITHUB}`), file('app/token', GITHUB), { name: 'app/token-link', type: 'hardlink', linkname: 'app/token' }],
    ]);
    expect(inv.secrets?.map(brief)).toEqual(['github-pat app/token:1 layer 0', 'github-pat app/token-link:1 layer 0']);
  });

  it('the cached layer result holds masked values only, and no result for files without secrets', async () => {
    const result = await layer([file('app/.env', `A=${AWS_ID}\nB=${GITHUB}\n`), file('app/clean', 'nothing\n')]);
    const json = JSON.stringify(result);
    for (const secret of [AWS_ID, GITHUB, AWS_ID.slice(4), GITHUB.slice(4, 20)]) expect(json).not.toContain(secret);
    expect(result.results['secrets']?.map((r) => r.path)).toEqual(['app/.env']);
  });

  it('the image memo names layers by index only: a created_by line holding a build arg never reaches the cache', async () => {
    const { dir, cleanup } = tempCache();
    try {
      const archive = join(dir, 'image.tar');
      const step = `|1 TOKEN=${GITHUB2} /bin/sh -c echo "$TOKEN" >/dev/null && printf "$KEY" > /app/key`;
      writeFileSync(archive, handMadeDockerArchive([{ stored: makeTar([dir_('app'), file('app/key', `key=${AWS_ID}\n`)]) }], { history: [step] }));
      const cold = await inventoryOf(`docker-archive:${archive}`, { cacheDir: dir, secrets: RULES });
      const warm = await inventoryOf(`docker-archive:${archive}`, { cacheDir: dir, secrets: RULES });
      expect(cold.secrets?.map((s) => `${s.ruleId} ${s.location.kind}`)).toEqual(['aws-access-token file', 'github-pat history']);
      // the finding names its layer fully, on a warm scan too (filled in from the image, not the memo)
      expect(warm.secrets).toEqual(cold.secrets);
      expect((warm.secrets?.[0]?.location as { layer: LayerRef }).layer.createdBy).toBe(step);
      const cached = filesUnder(dir).filter((c) => !c.path.endsWith('image.tar'));
      expect(cached.map((c) => c.path).some((p) => p.includes('/images/'))).toBe(true);
      for (const c of cached) for (const v of [GITHUB2, AWS_ID]) expect(c.text.includes(v), c.path).toBe(false);
    } finally {
      cleanup();
    }
  });

  it('no secrets without the option: createAnalyzers lists the analyzer only when asked, with the rule set as its variant', () => {
    expect(createAnalyzers({ now: new Date() }).map((a) => a.id)).not.toContain('secrets');
    const on = createAnalyzers({ now: new Date(), secrets: RULES }).find((a) => a.id === 'secrets');
    expect(on?.variant).toBe(RULES.key);
    const other = secretRuleSet({ ...RULES.config, rules: RULES.config.rules.filter((r) => r.id !== 'github-pat') });
    expect(other.key).not.toBe(RULES.key);
  });
});

interface Truth {
  awsKeyId: string;
  awsSecret: string;
  github: string;
  slack: string;
  npm: string;
  dbPassword: string;
}

/** Every file under a directory, gunzipped when it is gzip (the cache's entries are). */
function filesUnder(root: string): Array<{ path: string; text: string }> {
  const out: Array<{ path: string; text: string }> = [];
  for (const name of readdirSync(root, { recursive: true, encoding: 'utf8' })) {
    const p = join(root, name);
    if (!statSync(p).isFile()) continue;
    const raw = readFileSync(p);
    out.push({ path: p, text: (raw[0] === 0x1f && raw[1] === 0x8b ? gunzipSync(raw) : raw).toString('utf8') });
  }
  return out;
}

describe('the secrets fixture image (buildah: secrets planted in layers, config and history)', () => {
  const f = fixture('secrets');
  let truth: Truth;
  let values: string[];
  beforeAll(async () => {
    await ensureFixtures(['secrets']);
    truth = JSON.parse(readFileSync(join(f.dir, 'truth', 'secrets.json'), 'utf8')) as Truth;
    // the key made by ssh-keygen at build time: every line of its base64 body
    const key = readFileSync(join(f.rootfs, 'root/.ssh/id_ed25519'), 'utf8').split('\n').filter((l) => l !== '' && !l.startsWith('-----'));
    values = [...Object.values(truth), ...key];
  }, 600_000);

  const scanWithSecrets = (cacheDir: string): Promise<Inventory> => inventoryOf(`oci:${f.ociDir}`, { cacheDir, secrets: RULES });

  it('finds every planted secret, in the layer that holds it, masked; nothing else', async () => {
    const { dir, cleanup } = tempCache();
    try {
      const inv = await scanWithSecrets(dir);
      const where = (s: SecretFinding): string => {
        const l = s.location;
        if (l.kind === 'config') return `${s.ruleId} config ${l.field} ${l.key ?? ''} ${s.masked}`;
        if (l.kind === 'history') return `${s.ruleId} history ${l.index} layer ${l.layer?.index} ${s.masked}`;
        return `${brief(s)} ${s.masked}`;
      };
      expect(inv.secrets?.map(where)).toEqual([
        'private-key root/.ssh/id_ed25519:2 layer 2 b3Bl****',
        'aws-access-token app/credentials.env:1 layer 3 removed in 4 AKIA****',
        'aws-secret-access-key app/credentials.env:2 layer 3 removed in 4 ' + `${truth.awsSecret.slice(0, 4)}****`,
        'github-pat app/credentials.env:3 layer 3 removed in 4 ghp_****',
        'slack-bot-token app/settings.ini:2 layer 3 removed in 4 xoxb****',
        `generic-api-key config Env DB_PASSWORD ${truth.dbPassword.slice(0, 4)}****`,
        'npm-access-token history 10 layer 5 npm_****',
      ]);
      // the layers named as the image names them: diffID and created_by
      const diffIds = readFileSync(f.diffIds, 'utf8').trim().split('\n');
      const removed = inv.secrets?.find((s) => s.ruleId === 'github-pat')?.location as { layer: LayerRef; removedIn: LayerRef };
      expect(removed.layer).toEqual({ index: 3, diffId: diffIds[3], createdBy: expect.stringContaining('COPY') });
      expect(removed.removedIn).toEqual({ index: 4, diffId: diffIds[4], createdBy: expect.stringContaining('rm /app/credentials.env') });
      expect(inv.unknowns.filter((u) => u.source === 'secrets')).toEqual([]);
    } finally {
      cleanup();
    }
  });

  it('no full secret in the inventory JSON (as written), SBOM outputs or any cache file', async () => {
    const { dir, cleanup } = tempCache();
    try {
      const env = { HOME: process.env['HOME'], PATH: process.env['PATH'] };
      const inv = await scanWithSecrets(dir);
      const { redactInventory } = await import('../../../src/report/redact.js');
      const outputs = [JSON.stringify(await redactInventory(inv))];
      for (const format of ['json', 'cyclonedx-json', 'spdx-json']) {
        const r = await runCli(['sbom', `oci:${f.ociDir}`, '-q', '-f', format, '--cache-dir', dir], { env });
        expect(r.code, r.stderr).toBe(0);
        outputs.push(r.stdout);
      }
      await scanWithSecrets(dir); // warm: memo read back
      const cached = filesUnder(dir);
      expect(cached.length).toBeGreaterThan(10);
      for (const v of values) {
        outputs.forEach((o, i) => expect(o.includes(v), `output ${i} holds ${v.slice(0, 4)}…`).toBe(false));
        for (const c of cached) expect(c.text.includes(v), `${c.path} holds ${v.slice(0, 4)}…`).toBe(false);
      }
    } finally {
      cleanup();
    }
  });

  it('a dir: root filesystem (the final files only, no config) is searched too', async () => {
    const inv = await inventoryOf(`dir:${f.rootfs}`, { secrets: RULES });
    expect(inv.secrets?.map(brief)).toEqual(['private-key root/.ssh/id_ed25519:2 layer 0']);
  });

  it('warm scans return the same secrets; scans with and without secrets never reuse each other', async () => {
    const { dir, cleanup } = tempCache();
    const env = { HOME: process.env['HOME'], PATH: process.env['PATH'] };
    const sbom = async (): Promise<string> => {
      const r = await runCli(['sbom', `oci:${f.ociDir}`, '-q', '-f', 'json', '--cache-dir', dir], { env });
      expect(r.code, r.stderr).toBe(0);
      return r.stdout.replace(/"createdAt": "[^"]+"/, '');
    };
    try {
      const plain = await sbom(); // cold, no secrets: memo A
      expect(plain).not.toContain('"secrets"');
      const cold = await scanWithSecrets(dir); // must not take memo A
      expect(cold.secrets?.length).toBe(7);
      const warm = await scanWithSecrets(dir); // memo B
      expect(warm.secrets).toEqual(cold.secrets);
      expect(await sbom()).toBe(plain); // memo A again: unchanged output, no secrets
      // other rules, other results: without github-pat the token is only a generic assignment
      const otherRules = secretRuleSet({ ...RULES.config, rules: RULES.config.rules.filter((r) => r.id !== 'github-pat') });
      const other = await inventoryOf(`oci:${f.ociDir}`, { cacheDir: dir, secrets: otherRules });
      const line3 = other.secrets?.filter((s) => s.location.kind === 'file' && s.location.path === 'app/credentials.env' && s.location.line === 3);
      expect(line3?.map((s) => s.ruleId)).toEqual(['generic-api-key']);
    } finally {
      cleanup();
    }
  });
});
