import type { Readable } from 'node:stream';
import { AppError, unlessNotFound } from '../../core/errors.js';
import type { Digest } from '../../core/digest.js';
import { MANIFEST_ACCEPT } from '../media-types.js';
import type { Descriptor } from '../manifest.js';
import type { ImageReference } from '../reference.js';
import { RegistryClient } from '../registry/client.js';
import type { RegistryClientOptions } from '../registry/options.js';
import { OCI_ARTIFACT_MANIFEST } from './document.js';
import type { BlobOutcome, CopyDestination, CopySource, ManifestPlacement, RawManifest, ReferrerEntry, RegistryLocation } from './endpoint.js';

/** Everything a manifest GET of a copy accepts: images, indexes and artifact manifests. */
const ACCEPT = [...MANIFEST_ACCEPT, OCI_ARTIFACT_MANIFEST];
/** Most referrers followed per subject: a bound on what a hostile registry can make us fetch. */
const MAX_REFERRERS = 1000;

/** A repository of a registry, read from. */
export class RegistryCopySource implements CopySource {
  readonly what: string;
  readonly location: RegistryLocation;

  constructor(
    private readonly client: RegistryClient,
    private readonly ref: ImageReference,
  ) {
    this.location = { registry: ref.registry, repository: ref.repository };
    this.what = `${ref.registry}/${ref.repository}`;
  }

  static open(ref: ImageReference, opts: RegistryClientOptions): RegistryCopySource {
    return new RegistryCopySource(new RegistryClient(ref.registry, opts), ref);
  }

  async root(): Promise<RawManifest & { tag?: string }> {
    const reference = this.ref.digest ?? this.ref.tag ?? 'latest';
    const got = await this.client.getManifest(this.ref.repository, reference, ACCEPT);
    const out = { digest: got.digest, servedAs: got.mediaType, body: got.body };
    return this.ref.digest === undefined && this.ref.tag !== undefined ? { ...out, tag: this.ref.tag } : out;
  }

  async manifest(d: Pick<Descriptor, 'digest' | 'mediaType'> & { size?: number }): Promise<RawManifest> {
    const opts = d.size === undefined ? {} : { expectedSize: d.size };
    const got = await this.client.getManifest(this.ref.repository, d.digest, ACCEPT, opts);
    return { digest: got.digest, servedAs: got.mediaType ?? d.mediaType, body: got.body };
  }

  openBlob(d: Pick<Descriptor, 'digest' | 'size'>): Promise<Readable> {
    return this.client.getBlob(this.ref.repository, d.digest, d.size);
  }

  async tagged(tag: string): Promise<RawManifest | undefined> {
    const got = await unlessNotFound(this.client.getManifest(this.ref.repository, tag, ACCEPT));
    return got === undefined ? undefined : { digest: got.digest, servedAs: got.mediaType, body: got.body };
  }

  async referrers(subject: Digest): Promise<ReferrerEntry[]> {
    const { descriptors } = await this.client.getReferrers(this.ref.repository, subject);
    if (descriptors.length > MAX_REFERRERS) {
      throw new AppError('LIMIT', `${this.what}@${subject}: more than ${MAX_REFERRERS} referrers`);
    }
    return descriptors.map((d) => ({ digest: d.digest, mediaType: d.mediaType, size: d.size, ...(d.artifactType === undefined ? {} : { artifactType: d.artifactType }) }));
  }

  close(): Promise<void> {
    return this.client.close();
  }
}

/** A repository of a registry, written to. */
export class RegistryCopyDestination implements CopyDestination {
  readonly what: string;
  readonly location: RegistryLocation;

  constructor(
    private readonly client: RegistryClient,
    ref: Pick<ImageReference, 'registry' | 'repository'>,
  ) {
    this.location = { registry: ref.registry, repository: ref.repository };
    this.what = `${ref.registry}/${ref.repository}`;
  }

  static open(ref: ImageReference, opts: RegistryClientOptions): RegistryCopyDestination {
    return new RegistryCopyDestination(new RegistryClient(ref.registry, opts), ref);
  }

  putBlob(d: Descriptor, open: () => Promise<Readable>, from: RegistryLocation | undefined, onBytes: (n: number) => void): Promise<BlobOutcome> {
    // A mount is only possible inside one registry, from another repository of it.
    const mount = from !== undefined && from.registry === this.location.registry && from.repository !== this.location.repository;
    return this.client.pushBlobStream(this.location.repository, d.digest, open, { onBytes, ...(mount ? { mountFrom: from.repository } : {}) });
  }

  async putManifest(m: RawManifest, mediaType: string, placement: ManifestPlacement): Promise<void> {
    const repo = this.location.repository;
    switch (placement.as) {
      case 'tag':
        await this.client.pushManifest(repo, placement.tag, mediaType, m.body);
        return;
      case 'referrer':
        await this.client.pushReferrer(repo, m.body, mediaType);
        return;
      case 'child':
      case 'untagged':
        await this.client.pushManifest(repo, m.digest, mediaType, m.body);
        return;
    }
  }

  async commit(): Promise<void> {
    // Every manifest is live as soon as the registry accepted it.
  }

  close(): Promise<void> {
    return this.client.close();
  }
}
