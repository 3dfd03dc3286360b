import { AppError } from '../../core/errors.js';
import type { Digest } from '../../core/digest.js';
import type { Platform } from '../../core/inventory.js';
import { selectPlatform } from '../manifest.js';
import { parseCopyDocument } from './document.js';
import type { CopyDestination, CopySource, ManifestPlacement, RawManifest } from './endpoint.js';
import { copyAttachments, type CopiedAttachment } from './signatures.js';
import { copyTree, newRun, readTree, type BlobStats, type CopyEvents } from './tree.js';

/** How the copied image is named at the destination. */
export type CopyTarget =
  /** Under this tag (a registry tag or a layout ref name). */
  | { tag: string }
  /** By digest only; when `digest` is given (DST `repo@sha256:...`) the copy must have exactly it. */
  | { digest?: Digest; tag?: undefined };

export interface CopyOptions {
  target: CopyTarget;
  /** Copy only this platform's manifest out of an index. */
  platform?: Platform;
  /** Also copy cosign `.sig`/`.att`/`.sbom` tags and OCI 1.1 referrers of the copied manifests. */
  withSignatures?: boolean;
  /** Hops of signatures-of-signatures followed (default 3). */
  signatureDepth?: number;
  events?: CopyEvents;
}

export interface CopySummary {
  /** Digest of the copied manifest or index: the same at source and destination. */
  digest: Digest;
  mediaType: string;
  /** Manifests written (the image's, and those of its signatures). */
  manifests: number;
  blobs: BlobStats;
  signatures: CopiedAttachment[];
}

/** `--platform` on an index: the one manifest for that platform (its digest is the one signatures over it name). */
async function narrowToPlatform(src: CopySource, root: RawManifest, platform: Platform | undefined): Promise<RawManifest> {
  if (platform === undefined) return root;
  const what = `${src.what}@${root.digest}`;
  const doc = parseCopyDocument(root.body, root.servedAs, what);
  if (doc.kind !== 'index') return root;
  const chosen = selectPlatform({ kind: 'index', mediaType: doc.mediaType, manifests: doc.children }, platform, what);
  return src.manifest(chosen);
}

function placementFor(target: CopyTarget, digest: Digest, dst: CopyDestination): ManifestPlacement {
  if (target.tag !== undefined) return { as: 'tag', tag: target.tag };
  if (target.digest !== undefined && target.digest !== digest) {
    throw new AppError('INPUT', `${dst.what}@${target.digest}: the image being copied has digest ${digest}; a copy never changes a digest`);
  }
  return { as: 'untagged' };
}

/**
 * Copy an image byte-exact from `src` to `dst`: its manifest or index (all platforms, unless
 * `platform` picks one), every manifest and blob below it, and with `withSignatures` everything that
 * signs or attests those manifests. Nothing is re-serialized, so digests — and signatures — survive.
 */
export async function copyImage(src: CopySource, dst: CopyDestination, opts: CopyOptions): Promise<CopySummary> {
  const root = await narrowToPlatform(src, await src.root(), opts.platform);
  const placement = placementFor(opts.target, root.digest, dst);
  const tree = await readTree(src, root);
  const run = newRun(src, dst, opts.events);
  await copyTree(run, tree, placement);
  // The image is complete at DST (a layout lists it) before its signatures are looked for.
  await dst.commit();
  let signatures: CopiedAttachment[] = [];
  if (opts.withSignatures) {
    // The index and every manifest below it: a signature may name any of them.
    signatures = await copyAttachments(run, tree.map((n) => n.raw.digest).reverse(), opts.signatureDepth);
    await dst.commit();
  }
  const top = tree[tree.length - 1];
  if (top === undefined) throw new AppError('INTERNAL', 'copy: empty manifest tree');
  return { digest: root.digest, mediaType: top.doc.mediaType, manifests: run.manifests, blobs: run.blobs, signatures };
}
