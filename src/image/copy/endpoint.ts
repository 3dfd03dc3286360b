import type { Readable } from 'node:stream';
import type { Digest } from '../../core/digest.js';
import type { Descriptor } from '../manifest.js';

/** A manifest or index as read from a source: its exact bytes, and what it was served as. */
export interface RawManifest {
  digest: Digest;
  /** Content-Type (registry) or descriptor media type (layout), when known. */
  servedAs: string | undefined;
  body: Buffer;
}

/** A manifest that refers to another one (OCI 1.1 `subject`), as the referrers API lists it. */
export interface ReferrerEntry {
  digest: Digest;
  mediaType: string;
  size: number;
  artifactType?: string;
}

/** Where the source repository lives, for a cross-repository mount on the same registry. */
export interface RegistryLocation {
  registry: string;
  repository: string;
}

/** Something images are copied from: a registry repository, an OCI layout directory or archive. */
export interface CopySource {
  /** Names the source in messages. */
  readonly what: string;
  readonly location?: RegistryLocation;
  /** The manifest or index SRC names, and the tag it was named by (if any). */
  root(): Promise<RawManifest & { tag?: string }>;
  /** A manifest by digest, verified against it (and its size when given). */
  manifest(d: Pick<Descriptor, 'digest' | 'mediaType'> & { size?: number }): Promise<RawManifest>;
  /** A blob as a stream that fails with DIGEST_MISMATCH when its bytes differ from the descriptor. */
  openBlob(d: Pick<Descriptor, 'digest' | 'size'>): Promise<Readable>;
  /** The manifest under a tag (cosign's `sha256-<hex>.sig`), or undefined when there is no such tag. */
  tagged(tag: string): Promise<RawManifest | undefined>;
  /** Manifests whose `subject` is this digest. */
  referrers(subject: Digest): Promise<ReferrerEntry[]>;
  close(): Promise<void>;
}

/** How a manifest is stored at the destination. */
export type ManifestPlacement =
  /** A manifest an index lists: stored by digest only. */
  | { as: 'child' }
  /** The copied image, or a cosign `.sig`/`.att`/`.sbom` artifact: stored under a tag. */
  | { as: 'tag'; tag: string }
  /** The copied image when DST names no tag (`repo@digest`, `oci:DIR`): stored by digest, listed in a layout. */
  | { as: 'untagged' }
  /** An OCI 1.1 referrer: pushed so that the referrers API (or its fallback tag index) finds it. */
  | { as: 'referrer'; artifactType?: string };

export type BlobOutcome = 'present' | 'mounted' | 'uploaded';

/** Something images are copied to: a registry repository or an OCI layout directory. */
export interface CopyDestination {
  readonly what: string;
  readonly location?: RegistryLocation;
  /** Store a blob unless it is there already; `open` may be called again to retry. */
  putBlob(d: Descriptor, open: () => Promise<Readable>, from: RegistryLocation | undefined, onBytes: (n: number) => void): Promise<BlobOutcome>;
  /** Store a manifest's exact bytes. */
  putManifest(m: RawManifest, mediaType: string, placement: ManifestPlacement): Promise<void>;
  /** Make the copy visible (a layout's index.json); nothing for a registry. */
  commit(): Promise<void>;
  close(): Promise<void>;
}
