import type { SourceInfo } from '../../core/inventory.js';
import type { Finding } from '../../matching/finding.js';
import { parsePurl, purlMatches, type PurlParts } from './purl-match.js';
import type { VexDocument, VexProduct, VexStatement, VexSubject } from './vex-model.js';

/** What identifies the scanned image to a VEX product: its digests and repository. */
export interface ImageIdentity {
  /** Lower-case hex of the manifest digest, repo digests and config digest (image ID). */
  digests: Set<string>;
  /** `registry/repository` (no tag), and its last path component, when the source names an image. */
  repository?: string;
  name?: string;
  arch?: string;
}

const DIGEST_RE = /sha256:([0-9a-f]{64})$/;

export function imageIdentity(source: SourceInfo): ImageIdentity {
  const digests = new Set<string>();
  for (const d of [source.digest, source.configDigest, ...(source.repoDigests ?? [])]) {
    const m = d === undefined ? null : DIGEST_RE.exec(d);
    if (m?.[1]) digests.add(m[1]);
  }
  const id: ImageIdentity = { digests };
  const name = source.name?.replace(/@sha256:[0-9a-f]+$/, '').replace(/:[^:/]+$/, '');
  if (name !== undefined && name !== '') {
    id.repository = name;
    id.name = name.split('/').pop() ?? name;
  }
  if (source.platform) id.arch = source.platform.architecture;
  return id;
}

function isImage(s: VexSubject, image: ImageIdentity): boolean {
  if (s.sha256.some((h) => image.digests.has(h))) return true;
  if (s.refs.some((r) => image.digests.has(DIGEST_RE.exec(r)?.[1] ?? ''))) return true;
  return s.purls.some((p) => p.type === 'oci' && ociMatches(p, image));
}

/** `pkg:oci/<name>@<digest>?repository_url=…&arch=…`: by digest, or (no version) by repository. */
function ociMatches(p: PurlParts, image: ImageIdentity): boolean {
  if (p.version !== '') return image.digests.has(DIGEST_RE.exec(p.version)?.[1] ?? '');
  if (image.name === undefined || p.name !== image.name.toLowerCase()) return false;
  const repo = p.qualifiers['repository_url'];
  if (repo !== undefined && repo !== image.repository) return false;
  const arch = p.qualifiers['arch'];
  return arch === undefined || arch === image.arch;
}

function isPackage(s: VexSubject, finding: Finding, target: PurlParts | undefined): boolean {
  const hit = (target !== undefined && s.purls.some((p) => p.type !== 'oci' && purlMatches(p, target))) || s.refs.includes(finding.package.id);
  if (!hit) return false;
  if (s.versions === undefined) return true;
  return s.versions.some((v) => v.version === finding.package.version && v.status !== 'affected');
}

function productApplies(p: VexProduct, finding: Finding, target: PurlParts | undefined, image: ImageIdentity): boolean {
  if (isImage(p, image)) return p.subcomponents.length === 0 || p.subcomponents.some((s) => isPackage(s, finding, target));
  return isPackage(p, finding, target);
}

/** The finding's ids as VEX vulnerability names may give them. */
function findingIds(f: Finding): Set<string> {
  return new Set([f.id, ...f.aliases, f.evidence.advisoryId].map((x) => x.toUpperCase()));
}

export interface VexVerdict {
  doc: VexDocument;
  statement: VexStatement;
}

/**
 * The statement that decides a finding: of every statement (in every document) naming one of the
 * finding's ids and a product that is the finding's package — or the scanned image, with the package
 * among its subcomponents or no subcomponents at all — the latest one (statement timestamp, else the
 * document's; on a tie the later document/statement wins), as OpenVEX's "statements override earlier
 * ones" asks. Undefined when no statement applies.
 */
export function vexVerdict(docs: readonly VexDocument[], finding: Finding, image: ImageIdentity): VexVerdict | undefined {
  const ids = findingIds(finding);
  const target = parsePurl(finding.package.purl);
  let best: VexVerdict | undefined;
  for (const doc of docs) {
    for (const statement of doc.statements) {
      if (!statement.vulnerabilities.some((v) => ids.has(v))) continue;
      if (!statement.products.some((p) => productApplies(p, finding, target, image))) continue;
      if (best === undefined || statement.timestamp >= best.statement.timestamp) best = { doc, statement };
    }
  }
  return best;
}
