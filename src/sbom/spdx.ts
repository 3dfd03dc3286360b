import { randomUUID } from 'node:crypto';
import { AppError } from '../core/errors.js';
import type { Inventory } from '../core/inventory.js';
import { comparePackages, compareStrings } from './order.js';
import {
  IMAGE_SPDXID,
  OS_SPDXID,
  imageElement,
  osElement,
  packageElement,
  spdxIdForPackage,
  type AnnotationContext,
  type ExtractedLicense,
  type SpdxPackage,
} from './spdx-elements.js';
import { imageSubject } from './subject.js';
import { parseTimestamp, spdxTimestamp } from './timestamps.js';

export interface SpdxOptions {
  /** A unique absolute URI without `#`; a random one under https://drydock.invalid/spdx/ when absent. */
  documentNamespace?: string;
  /** ISO timestamp for creationInfo.created; the inventory's createdAt when absent. */
  created?: string;
}

interface Relationship {
  spdxElementId: string;
  relationshipType: 'DESCRIBES' | 'CONTAINS' | 'DEPENDS_ON';
  relatedSpdxElement: string;
}

function namespaceFor(name: string, opts: SpdxOptions): string {
  if (opts.documentNamespace === undefined) {
    const slug = name.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^-+|-+$/g, '') || 'image';
    return `https://drydock.invalid/spdx/${slug}-${randomUUID()}`;
  }
  const ns = opts.documentNamespace;
  let ok = false;
  try {
    ok = new URL(ns).protocol !== '' && !ns.includes('#');
  } catch {
    ok = false;
  }
  if (!ok) throw new AppError('USAGE', `SPDX document namespace "${ns}" must be an absolute URI without "#"`);
  return ns;
}

/** Package elements and DEPENDS_ON edges, in `comparePackages` order. */
function packageElements(inv: Inventory, ctx: AnnotationContext, extracted: Map<string, ExtractedLicense>) {
  const packages = [...inv.packages].sort(comparePackages);
  const ids = new Map<string, string>();
  for (const pkg of packages) {
    if (ids.has(pkg.id)) throw new AppError('INPUT', `inventory lists package id "${pkg.id}" twice`);
    ids.set(pkg.id, spdxIdForPackage(pkg.id));
  }
  const elements: SpdxPackage[] = [];
  const depends: Relationship[] = [];
  for (const pkg of packages) {
    const from = ids.get(pkg.id) ?? '';
    elements.push(packageElement(pkg, from, ctx, extracted));
    for (const dep of [...new Set(pkg.dependsOn ?? [])].sort(compareStrings)) {
      const to = ids.get(dep);
      if (to !== undefined && to !== from) depends.push({ spdxElementId: from, relationshipType: 'DEPENDS_ON', relatedSpdxElement: to });
    }
  }
  return { elements, depends };
}

/**
 * The inventory as an SPDX 2.3 JSON document. drydock's per-package facts (layer, location,
 * analyzer, arch, epoch, source package, metadata) travel as `annotations` whose comment is
 * `drydock:<name>=<value>`. Deterministic for the same inventory and options.
 */
export function toSpdx(inv: Inventory, opts: SpdxOptions = {}): string {
  const created = spdxTimestamp(
    opts.created !== undefined
      ? parseTimestamp(opts.created, 'SPDX created timestamp')
      : parseTimestamp(inv.createdAt, 'inventory createdAt', 'INPUT'),
  );
  const subject = imageSubject(inv);
  const tool = `Tool: ${inv.tool.name}-${inv.tool.version}`;
  const ctx: AnnotationContext = { annotator: tool, date: created };
  const extracted = new Map<string, ExtractedLicense>();
  const packages: SpdxPackage[] = [imageElement(subject, ctx)];
  const relationships: Relationship[] = [
    { spdxElementId: 'SPDXRef-DOCUMENT', relationshipType: 'DESCRIBES', relatedSpdxElement: IMAGE_SPDXID },
  ];
  if (inv.os) {
    packages.push(osElement(inv.os, ctx));
    relationships.push({ spdxElementId: IMAGE_SPDXID, relationshipType: 'CONTAINS', relatedSpdxElement: OS_SPDXID });
  }
  const { elements, depends } = packageElements(inv, ctx, extracted);
  for (const el of elements) {
    packages.push(el);
    relationships.push({ spdxElementId: IMAGE_SPDXID, relationshipType: 'CONTAINS', relatedSpdxElement: el.SPDXID });
  }
  relationships.push(...depends);
  const doc = {
    spdxVersion: 'SPDX-2.3',
    dataLicense: 'CC0-1.0',
    SPDXID: 'SPDXRef-DOCUMENT',
    name: subject.name,
    documentNamespace: namespaceFor(subject.name, opts),
    creationInfo: { created, creators: [tool] },
    packages,
    relationships,
    ...(extracted.size > 0
      ? { hasExtractedLicensingInfos: [...extracted.values()].sort((a, b) => compareStrings(a.licenseId, b.licenseId)) }
      : {}),
  };
  return `${JSON.stringify(doc, null, 2)}\n`;
}
