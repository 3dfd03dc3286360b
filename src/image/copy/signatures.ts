import type { Digest } from '../../core/digest.js';
import { cosignTag, type CosignTagKind } from '../../signing/cosign-tags.js';
import { readTree, copyTree, type CopyRun } from './tree.js';

/** What signs, attests or describes a copied manifest. */
export type AttachedKind = 'signature' | 'attestation' | 'sbom' | 'referrer';

export interface CopiedAttachment {
  kind: AttachedKind;
  /** The manifest it is attached to. */
  subject: Digest;
  /** Its own manifest digest (identical at the destination). */
  digest: Digest;
  /** The cosign tag it lives under; absent for an OCI 1.1 referrer. */
  tag?: string;
  artifactType?: string;
}

/** Cosign's tag scheme: `sha256-<hex>.sig`, `.att`, `.sbom` in the image's repository. */
const COSIGN_TAGS: ReadonlyArray<{ suffix: CosignTagKind; kind: AttachedKind }> = [
  { suffix: 'sig', kind: 'signature' },
  { suffix: 'att', kind: 'attestation' },
  { suffix: 'sbom', kind: 'sbom' },
];

/** How many hops from the image: 1 = its signatures; 2 = signatures on those (or on its SBOM); ... */
export const DEFAULT_ATTACHMENT_DEPTH = 3;

interface Pending {
  digest: Digest;
  depth: number;
}

/** Copy cosign tags of `p.digest`; returns what was copied. */
async function copyCosignTags(run: CopyRun, p: Pending): Promise<CopiedAttachment[]> {
  const out: CopiedAttachment[] = [];
  for (const { suffix, kind } of COSIGN_TAGS) {
    const tag = cosignTag(p.digest, suffix);
    const raw = await run.src.tagged(tag);
    if (raw === undefined) continue;
    await copyTree(run, await readTree(run.src, raw), { as: 'tag', tag });
    out.push({ kind, subject: p.digest, digest: raw.digest, tag });
  }
  return out;
}

/** Copy OCI 1.1 referrers of `p.digest` (skipping those already copied); returns what was copied. */
async function copyReferrers(run: CopyRun, p: Pending, copied: ReadonlySet<Digest>): Promise<CopiedAttachment[]> {
  const out: CopiedAttachment[] = [];
  for (const r of await run.src.referrers(p.digest)) {
    if (copied.has(r.digest)) continue;
    const raw = await run.src.manifest(r);
    const artifactType = r.artifactType;
    await copyTree(run, await readTree(run.src, raw), artifactType === undefined ? { as: 'referrer' } : { as: 'referrer', artifactType });
    out.push({ kind: 'referrer', subject: p.digest, digest: raw.digest, ...(artifactType === undefined ? {} : { artifactType }) });
  }
  return out;
}

/**
 * Copy everything attached to `subjects` (the copied manifests): cosign's `.sig`/`.att`/`.sbom` tags
 * and OCI 1.1 referrers, then what is attached to those in turn, up to `maxDepth` hops.
 */
export async function copyAttachments(run: CopyRun, subjects: readonly Digest[], maxDepth = DEFAULT_ATTACHMENT_DEPTH): Promise<CopiedAttachment[]> {
  const result: CopiedAttachment[] = [];
  const explored = new Set<Digest>(subjects);
  const copiedReferrers = new Set<Digest>();
  const queue: Pending[] = subjects.map((digest) => ({ digest, depth: 0 }));
  for (let p = queue.shift(); p !== undefined; p = queue.shift()) {
    if (p.depth >= maxDepth) continue;
    const found = [...(await copyCosignTags(run, p)), ...(await copyReferrers(run, p, copiedReferrers))];
    for (const a of found) {
      result.push(a);
      if (a.kind === 'referrer') copiedReferrers.add(a.digest);
      if (!explored.has(a.digest)) {
        explored.add(a.digest);
        queue.push({ digest: a.digest, depth: p.depth + 1 });
      }
    }
  }
  return result;
}
