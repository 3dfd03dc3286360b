/**
 * Helpers of the copy tests: reading what a registry or layout holds with the real skopeo/umoci (not
 * with drydock), and cosign-shaped signature artifacts built by hand after cosign's storage format —
 * an OCI manifest whose config is a small JSON blob and whose one layer is the payload, with the
 * `dev.cosignproject.cosign/signature` annotation on `.sig` layers.
 */
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { promisify } from 'node:util';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Digest } from '../../../src/core/digest.js';
import { copyImage, type CopyOptions, type CopySummary } from '../../../src/image/copy/copy.js';
import { openCopyDestination, openCopySource } from '../../../src/image/copy/transports.js';
import { RegistryClient } from '../../../src/image/registry/client.js';
import type { RegistryClientOptions } from '../../../src/image/registry/options.js';
import type { RegistryServer } from '../../helpers/registry-server.js';
import { sha256 } from '../registry/oci-fixture.js';

const run = promisify(execFile);

export const OCI_MANIFEST = 'application/vnd.oci.image.manifest.v1+json';
export const FAST_RETRY: RegistryClientOptions = { retry: { attempts: 2, baseDelayMs: 10, maxDelayMs: 20 } };

/** Copy as the CLI does, through the transports, with each end's credentials. */
export async function copy(srcInput: string, dstInput: string, srcOpts: RegistryClientOptions, dstOpts: RegistryClientOptions, extra: Omit<CopyOptions, 'target'> = {}): Promise<CopySummary> {
  const source = await openCopySource(srcInput, { registry: srcOpts, platform: extra.platform, tmpDir: join(tmpdir(), 'drydock-copy-test'), maxArchiveBytes: 1 << 30 });
  try {
    const { dst: destination, target } = await openCopyDestination(dstInput, dstOpts);
    try {
      return await copyImage(source, destination, { ...extra, target });
    } finally {
      await destination.close();
    }
  } finally {
    await source.close();
  }
}

export function clientOf(reg: RegistryServer): RegistryClient {
  return new RegistryClient(reg.host, { ...FAST_RETRY, ...(reg.username ? { username: reg.username, password: reg.password as string } : {}) });
}

export function credsOf(reg: RegistryServer): string[] {
  return reg.username ? ['--creds', `${reg.username}:${reg.password as string}`] : [];
}

/** The raw manifest bytes skopeo reads for `docker://REF` (or any transport given in full). */
export async function skopeoRaw(ref: string, reg?: RegistryServer): Promise<Buffer> {
  const target = ref.includes(':/') || /^(oci|oci-archive|docker):/.test(ref) ? ref : `docker://${ref}`;
  const args = ['inspect', '--raw', '--tls-verify=false', ...(reg ? credsOf(reg) : []), target];
  const { stdout } = await run('skopeo', args, { encoding: 'buffer', maxBuffer: 16 << 20 });
  return stdout;
}

/** Tags skopeo lists for a repository. */
export async function skopeoTags(repo: string, reg: RegistryServer): Promise<string[]> {
  const { stdout } = await run('skopeo', ['list-tags', '--tls-verify=false', ...credsOf(reg), `docker://${repo}`]);
  return (JSON.parse(stdout) as { Tags: string[] }).Tags;
}

export interface Artifact {
  manifest: Buffer;
  digest: Digest;
  blobs: Buffer[];
}

function descriptor(mediaType: string, bytes: Buffer, annotations?: Record<string, string>): Record<string, unknown> {
  return { mediaType, digest: sha256(bytes), size: bytes.length, ...(annotations ? { annotations } : {}) };
}

/** A cosign `.sig` manifest over `subject`: a simple-signing payload layer carrying a (made up) signature annotation. */
export function cosignSignature(subject: Digest, repo: string): Artifact {
  const payload = Buffer.from(
    JSON.stringify({ critical: { identity: { 'docker-reference': repo }, image: { 'docker-manifest-digest': subject }, type: 'cosign container image signature' }, optional: null }),
  );
  const config = Buffer.from(JSON.stringify({ architecture: '', os: '', rootfs: { type: 'layers', diff_ids: [sha256(payload)] }, config: {} }));
  const manifest = Buffer.from(
    JSON.stringify({
      schemaVersion: 2,
      mediaType: OCI_MANIFEST,
      config: descriptor('application/vnd.oci.image.config.v1+json', config),
      layers: [descriptor('application/vnd.dev.cosign.simplesigning.v1+json', payload, { 'dev.cosignproject.cosign/signature': randomBytes(64).toString('base64') })],
    }),
  );
  return { manifest, digest: sha256(manifest), blobs: [config, payload] };
}

/** A cosign `.att` manifest over `subject`: one DSSE envelope layer. */
export function cosignAttestation(subject: Digest): Artifact {
  const statement = { _type: 'https://in-toto.io/Statement/v0.1', predicateType: 'https://example.com/test', subject: [{ name: 'x', digest: { sha256: subject.slice(7) } }], predicate: {} };
  const envelope = Buffer.from(JSON.stringify({ payloadType: 'application/vnd.in-toto+json', payload: Buffer.from(JSON.stringify(statement)).toString('base64'), signatures: [{ sig: randomBytes(64).toString('base64') }] }));
  const config = Buffer.from('{}');
  const manifest = Buffer.from(
    JSON.stringify({
      schemaVersion: 2,
      mediaType: OCI_MANIFEST,
      config: descriptor('application/vnd.oci.image.config.v1+json', config),
      layers: [descriptor('application/vnd.dsse.envelope.v1+json', envelope, { predicateType: 'https://example.com/test', 'dev.cosignproject.cosign/signature': '' })],
    }),
  );
  return { manifest, digest: sha256(manifest), blobs: [config, envelope] };
}

/** An OCI 1.1 referrer of `subject` (a Sigstore-bundle-typed artifact with the empty config). */
export function bundleReferrer(subject: { digest: Digest; size: number; mediaType: string }): Artifact & { artifactType: string } {
  const artifactType = 'application/vnd.dev.sigstore.bundle.v0.3+json';
  const bundle = Buffer.from(JSON.stringify({ mediaType: 'application/vnd.dev.sigstore.bundle.v0.3+json', nonce: randomBytes(8).toString('hex') }));
  const empty = Buffer.from('{}');
  const manifest = Buffer.from(
    JSON.stringify({
      schemaVersion: 2,
      mediaType: OCI_MANIFEST,
      artifactType,
      config: descriptor('application/vnd.oci.empty.v1+json', empty),
      layers: [descriptor(artifactType, bundle)],
      subject,
    }),
  );
  return { manifest, digest: sha256(manifest), blobs: [empty, bundle], artifactType };
}

/** Push an artifact's blobs and manifest under `tag`, or as a referrer when no tag is given. */
export async function pushArtifact(c: RegistryClient, repo: string, a: Artifact, tag?: string): Promise<void> {
  for (const b of a.blobs) await c.pushBlob(repo, b);
  if (tag === undefined) await c.pushReferrer(repo, a.manifest, OCI_MANIFEST);
  else await c.pushManifest(repo, tag, OCI_MANIFEST, a.manifest);
}

/** `sha256:<hex>` → cosign's `sha256-<hex>.<kind>` (written out here, independent of the code under test). */
export function tagFor(d: Digest, kind: 'sig' | 'att' | 'sbom'): string {
  return `${d.replace(':', '-')}.${kind}`;
}
