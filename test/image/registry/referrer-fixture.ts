/**
 * Subjects and referrers for the referrers tests, written by hand after the OCI image spec 1.1:
 * a small image (config + one layer) as subject, and artifact manifests with a `subject` — the
 * "empty" config (`{}`, application/vnd.oci.empty.v1+json) with an `artifactType`, or a typed config
 * and no `artifactType`. Expected referrer descriptors are computed here from the bytes, not read back
 * from the code under test.
 */
import { randomBytes } from 'node:crypto';
import type { Digest } from '../../../src/core/digest.js';
import type { RegistryClient } from '../../../src/image/registry/client.js';
import type { ReferrerDescriptor } from '../../../src/image/registry/referrers.js';
import { sha256 } from './oci-fixture.js';

export const OCI_MANIFEST = 'application/vnd.oci.image.manifest.v1+json';
export const OCI_INDEX = 'application/vnd.oci.image.index.v1+json';
/** The OCI image spec's empty descriptor: `{}`, 2 bytes. */
export const EMPTY = { mediaType: 'application/vnd.oci.empty.v1+json', digest: 'sha256:44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a', size: 2 };
export const BUNDLE_TYPE = 'application/vnd.dev.sigstore.bundle.v0.3+json';
export const SBOM_CONFIG_TYPE = 'application/vnd.example.sbom.config.v1+json';

export interface Pushed {
  bytes: Buffer;
  digest: Digest;
  size: number;
}

function pushed(bytes: Buffer): Pushed {
  return { bytes, digest: sha256(bytes), size: bytes.length };
}

/** Push a small image (random layer, so every subject is new) under `tag`. */
export async function pushSubject(c: RegistryClient, repo: string, tag: string): Promise<Pushed> {
  const layer = randomBytes(64);
  const config = Buffer.from(JSON.stringify({ architecture: 'amd64', os: 'linux', rootfs: { type: 'layers', diff_ids: [sha256(layer)] } }));
  await c.pushBlob(repo, layer);
  await c.pushBlob(repo, config);
  const manifest = Buffer.from(
    JSON.stringify({
      schemaVersion: 2,
      mediaType: OCI_MANIFEST,
      config: { mediaType: 'application/vnd.oci.image.config.v1+json', digest: sha256(config), size: config.length },
      layers: [{ mediaType: 'application/vnd.oci.image.layer.v1.tar', digest: sha256(layer), size: layer.length }],
    }),
  );
  await c.pushManifest(repo, tag, OCI_MANIFEST, manifest);
  return pushed(manifest);
}

export interface ArtifactSpec {
  subject: Pushed;
  /** Set: empty config and this artifactType. Unset: a config of SBOM_CONFIG_TYPE and no artifactType. */
  artifactType?: string;
  annotations?: Record<string, string>;
  payload?: string;
}

/** An artifact manifest with `subject`, its blobs pushed; `expected` is its referrer descriptor per the spec. */
export async function makeArtifact(c: RegistryClient, repo: string, spec: ArtifactSpec): Promise<Pushed & { expected: ReferrerDescriptor }> {
  const payload = Buffer.from(spec.payload ?? `payload ${randomBytes(8).toString('hex')}`);
  await c.pushBlob(repo, payload);
  let config = EMPTY;
  if (spec.artifactType === undefined) {
    const bytes = Buffer.from(JSON.stringify({ tool: 'drydock-test' }));
    await c.pushBlob(repo, bytes);
    config = { mediaType: SBOM_CONFIG_TYPE, digest: sha256(bytes), size: bytes.length };
  } else {
    await c.pushBlob(repo, Buffer.from('{}'));
  }
  const doc = {
    schemaVersion: 2,
    mediaType: OCI_MANIFEST,
    ...(spec.artifactType === undefined ? {} : { artifactType: spec.artifactType }),
    config,
    layers: [{ mediaType: spec.artifactType ?? 'application/spdx+json', digest: sha256(payload), size: payload.length }],
    subject: { mediaType: OCI_MANIFEST, digest: spec.subject.digest, size: spec.subject.size },
    ...(spec.annotations === undefined ? {} : { annotations: spec.annotations }),
  };
  const p = pushed(Buffer.from(JSON.stringify(doc)));
  const expected: ReferrerDescriptor = { mediaType: OCI_MANIFEST, digest: p.digest, size: p.size, artifactType: spec.artifactType ?? SBOM_CONFIG_TYPE };
  if (spec.annotations !== undefined) expected.annotations = spec.annotations;
  return { ...p, expected };
}
