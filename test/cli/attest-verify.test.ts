/**
 * Attestations end to end against the REAL registry with token auth: `attest` of each predicate kind,
 * `sbom --attest` and `scan --attest` (real Alpine image, real Alpine secdb advisories), and
 * `verify-attestation` with --type and --policy, including its failures.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, type CliResult } from '../helpers/drydock.js';
import { pushImage, startRegistry, type RegistryServer } from '../helpers/registry-server.js';
import { ALPINE_FEEDS, buildSampleDb } from '../matching/sample-db.js';
import { ALPINE_319, imageBlobs, makeImage, writeLayout, type TestImage } from '../image/registry/oci-fixture.js';

let reg: RegistryServer;
let tmp: string;
let img: TestImage;
let env: Record<string, string | undefined>;
let db: Awaited<ReturnType<typeof buildSampleDb>>;

const repo = 'team/attested';
const image = (): string => `${reg.host}/${repo}:1.0`;
const cli = (args: string[]): Promise<CliResult> => runCli(args, { env, cwd: tmp });

beforeAll(async () => {
  reg = await startRegistry({ auth: 'token' });
  tmp = await mkdtemp(join(tmpdir(), 'drydock-attest-'));
  env = { HOME: tmp, PATH: process.env['PATH'], COSIGN_PASSWORD: '', DRYDOCK_USERNAME: reg.username, DRYDOCK_PASSWORD: reg.password };
  img = await makeImage([ALPINE_319], { os: 'linux', architecture: 'amd64' });
  await writeLayout(join(tmp, 'layout'), { a: img.manifest }, imageBlobs(img));
  await pushImage(`oci:${join(tmp, 'layout')}:a`, image(), { username: reg.username as string, password: reg.password as string });
  for (const prefix of ['ci', 'other']) expect((await cli(['generate-key-pair', '--output-key-prefix', prefix])).code).toBe(0);
  db = await buildSampleDb(ALPINE_FEEDS);
}, 180_000);

afterAll(async () => {
  await reg?.stop();
  db?.cleanup();
  if (tmp) await rm(tmp, { recursive: true, force: true });
});

describe('attest / verify-attestation against a real registry with token auth', () => {
  it('attests an OpenVEX document and a custom text file; verify-attestation filters by type', async () => {
    const vex = { '@context': 'https://openvex.dev/ns/v0.2.0', '@id': 'https://example.com/vex-1', author: 'ci', timestamp: '2026-01-01T00:00:00Z', version: 1, statements: [] };
    await writeFile(join(tmp, 'vex.json'), JSON.stringify(vex));
    await writeFile(join(tmp, 'note.txt'), 'reviewed by the release team\n');
    const a = await cli(['attest', image(), '--key', 'ci.key', '--type', 'openvex', '--predicate', 'vex.json']);
    expect(a.code, a.stderr).toBe(0);
    expect(JSON.parse(a.stdout)).toMatchObject({ digest: img.manifest.digest, predicateType: 'https://openvex.dev/ns' });
    expect((await cli(['attest', image(), '--key', 'ci.key', '--type', 'custom', '--predicate', 'note.txt', '--storage', 'tag'])).code).toBe(0);
    const v = await cli(['verify-attestation', image(), '--key', 'ci.pub', '--type', 'openvex']);
    expect(v.code, v.stderr).toBe(0);
    const statements = JSON.parse(v.stdout) as Array<{ predicateType: string; predicate: unknown; subject: Array<{ digest: Record<string, string> }> }>;
    expect(statements.length).toBe(2); // tag and bundle storage of the same statement
    for (const s of statements) {
      expect(s.predicateType).toBe('https://openvex.dev/ns');
      expect(s.predicate).toEqual(vex);
      expect(s.subject[0]?.digest['sha256']).toBe(img.manifest.digest.slice('sha256:'.length));
    }
    const custom = await cli(['verify-attestation', image(), '--key', 'ci.pub', '--type', 'custom']);
    expect(custom.code, custom.stderr).toBe(0);
    expect(JSON.parse(custom.stdout)).toEqual([expect.objectContaining({ predicate: expect.objectContaining({ Data: 'reviewed by the release team\n' }) })]);
  });

  it('a type nobody attested, another key, and a bad predicate file each fail with their reason', async () => {
    const none = await cli(['verify-attestation', image(), '--key', 'ci.pub', '--type', 'slsaprovenance1']);
    expect(none.code).toBe(1);
    expect(none.stderr).toMatch(/\[no-matching-type\]/);
    const other = await cli(['verify-attestation', image(), '--key', 'other.pub']);
    expect(other.code).toBe(1);
    expect(other.stderr).toMatch(/\[another-key\]/);
    await writeFile(join(tmp, 'bad.json'), '{not json');
    const bad = await cli(['attest', image(), '--key', 'ci.key', '--type', 'spdxjson', '--predicate', 'bad.json']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--predicate bad.json: a https:\/\/spdx.dev\/Document predicate must be JSON/);
  });

  it('sbom --attest pushes the CycloneDX SBOM it wrote as an attestation', async () => {
    const r = await cli(['sbom', '-q', '--cache-dir', join(tmp, 'cache'), image(), '--attest', '--key', 'ci.key', '-o', join(tmp, 'sbom.json')]);
    expect(r.code, r.stderr).toBe(0);
    const v = await cli(['verify-attestation', image(), '--key', 'ci.pub', '--type', 'cyclonedx']);
    expect(v.code, v.stderr).toBe(0);
    const [first] = JSON.parse(v.stdout) as Array<{ predicate: { bomFormat: string; components: Array<{ name: string }> } }>;
    expect(first?.predicate.bomFormat).toBe('CycloneDX');
    expect(first?.predicate.components.map((c) => c.name)).toContain('musl');
  });

  it('scan --attest pushes a cosign vuln/v1 attestation; a policy over it passes or fails', async () => {
    const r = await cli(['scan', '-q', '--cache-dir', join(tmp, 'cache'), '--db', db.path, '--scanners', 'vuln', '--format', 'json', image(), '--attest', '--key', 'ci.key', '--attest-storage', 'bundle']);
    expect(r.code, r.stderr).toBe(0);
    const report = JSON.parse(r.stdout) as { findings: unknown[] };
    expect(report.findings.length).toBeGreaterThan(0);
    await writeFile(join(tmp, 'strict.yaml'), 'predicateType: vuln\nrules:\n  - path: predicate.scanner.result.findings\n    equals: []\n');
    await writeFile(join(tmp, 'ours.yaml'), 'rules:\n  - path: predicate.scanner.uri\n    matches: drydock\n');
    const strict = await cli(['verify-attestation', image(), '--key', 'ci.pub', '--policy', 'strict.yaml']);
    expect(strict.code).toBe(1);
    expect(strict.stderr).toMatch(/policy strict.yaml failed .*predicate.scanner.result.findings is \[/);
    const ours = await cli(['verify-attestation', image(), '--key', 'ci.pub', '--type', 'vuln', '--policy', 'ours.yaml']);
    expect(ours.code, ours.stderr).toBe(0);
    const [s] = JSON.parse(ours.stdout) as Array<{ predicateType: string; predicate: { scanner: { result: { findings: unknown[] } } } }>;
    expect(s?.predicateType).toBe('https://cosign.sigstore.dev/attestation/vuln/v1');
    expect(s?.predicate.scanner.result.findings).toHaveLength(report.findings.length);
  });

  it('--attest is refused before any work for non-registry targets and without a key', async () => {
    const noKey = await cli(['sbom', image(), '--attest']);
    expect(noKey.code).toBe(2);
    expect(noKey.stderr).toMatch(/--attest needs --key/);
    const archive = await cli(['sbom', `oci:${join(tmp, 'layout')}:a`, '--attest', '--key', 'ci.key']);
    expect(archive.code).toBe(2);
    expect(archive.stderr).toMatch(/is not a registry image/);
  });
});
