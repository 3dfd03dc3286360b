import { AppError } from '../../core/errors.js';
import type { Digest } from '../../core/digest.js';
import type { Descriptor } from '../manifest.js';
import { isForeignLayer, parseCopyDocument, type CopyDocument } from './document.js';
import type { BlobOutcome, CopyDestination, CopySource, ManifestPlacement, RawManifest } from './endpoint.js';

/** Indexes inside indexes, at most this deep. */
const MAX_NESTING = 4;
/** Manifests in one copied tree, at most (a hostile index cannot make us fetch without end). */
const MAX_MANIFESTS = 10_000;
/** Blobs streamed at the same time. */
const BLOB_CONCURRENCY = 3;

export interface BlobStats {
  copied: number;
  skipped: number;
  mounted: number;
  /** Bytes of the blobs copied (present or mounted ones excluded). */
  bytes: number;
}

/** Progress of a copy, for the CLI's progress line. */
export interface CopyEvents {
  blobStart?(d: Descriptor): void;
  bytes?(n: number): void;
  blobDone?(d: Descriptor, outcome: BlobOutcome): void;
}

/** What one copy run shares between the image and its signatures: blobs already handled, counts. */
export interface CopyRun {
  src: CopySource;
  dst: CopyDestination;
  events: CopyEvents;
  blobs: BlobStats;
  manifests: number;
  /** Blobs already at the destination (or copied by this run). */
  doneBlobs: Set<Digest>;
}

export function newRun(src: CopySource, dst: CopyDestination, events: CopyEvents = {}): CopyRun {
  return { src, dst, events, blobs: { copied: 0, skipped: 0, mounted: 0, bytes: 0 }, manifests: 0, doneBlobs: new Set() };
}

/** A manifest read from the source with what it points at. */
export interface TreeNode {
  raw: RawManifest;
  doc: CopyDocument;
}

/**
 * Read a manifest and (for an index) every manifest below it, verified, children before parents:
 * the order in which a registry accepts them. The root is last.
 */
export async function readTree(src: CopySource, root: RawManifest): Promise<TreeNode[]> {
  const out: TreeNode[] = [];
  const seen = new Set<Digest>();
  const visit = async (raw: RawManifest, depth: number): Promise<void> => {
    if (seen.has(raw.digest)) return;
    seen.add(raw.digest);
    if (seen.size > MAX_MANIFESTS) throw new AppError('LIMIT', `${src.what}: more than ${MAX_MANIFESTS} manifests below ${root.digest}`);
    const doc = parseCopyDocument(raw.body, raw.servedAs, `${src.what}@${raw.digest}`);
    if (doc.kind === 'index' && depth >= MAX_NESTING) throw new AppError('INPUT', `${src.what}@${root.digest}: indexes nested more than ${MAX_NESTING} deep`);
    for (const child of doc.children) await visit(await src.manifest(child), depth + 1);
    out.push({ raw, doc });
  };
  await visit(root, 0);
  return out;
}

/** Every distinct blob of a tree (foreign layers left out). */
function blobsOf(tree: readonly TreeNode[]): Descriptor[] {
  const byDigest = new Map<Digest, Descriptor>();
  for (const node of tree) for (const b of node.doc.blobs) if (!isForeignLayer(b) && !byDigest.has(b.digest)) byDigest.set(b.digest, b);
  return [...byDigest.values()];
}

async function copyBlob(run: CopyRun, d: Descriptor): Promise<void> {
  if (run.doneBlobs.has(d.digest)) return;
  run.doneBlobs.add(d.digest);
  run.events.blobStart?.(d);
  const onBytes = (n: number): void => run.events.bytes?.(n);
  const outcome = await run.dst.putBlob(d, () => run.src.openBlob(d), run.src.location, onBytes);
  if (outcome === 'uploaded') {
    run.blobs.copied++;
    run.blobs.bytes += d.size;
  } else if (outcome === 'mounted') run.blobs.mounted++;
  else run.blobs.skipped++;
  run.events.blobDone?.(d, outcome);
}

/** Copy blobs a few at a time; the first failure stops the others from starting. */
async function copyBlobs(run: CopyRun, blobs: readonly Descriptor[]): Promise<void> {
  let next = 0;
  let failed = false;
  const worker = async (): Promise<void> => {
    while (!failed && next < blobs.length) {
      const d = blobs[next++] as Descriptor;
      try {
        await copyBlob(run, d);
      } catch (err) {
        failed = true;
        throw err;
      }
    }
  };
  const results = await Promise.allSettled(Array.from({ length: Math.min(BLOB_CONCURRENCY, blobs.length) }, worker));
  const failure = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failure) throw failure.reason;
}

/**
 * Copy a tree: every blob first, then the manifests children-first, the root last with `placement`.
 * A blob that fails (say DIGEST_MISMATCH at the source) stops the copy before any manifest is pushed.
 */
export async function copyTree(run: CopyRun, tree: readonly TreeNode[], placement: ManifestPlacement): Promise<void> {
  await copyBlobs(run, blobsOf(tree));
  for (const [i, node] of tree.entries()) {
    const isRoot = i === tree.length - 1;
    await run.dst.putManifest(node.raw, node.doc.mediaType, isRoot ? placement : { as: 'child' });
    run.manifests++;
  }
}
