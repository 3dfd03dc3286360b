import { parsePurl } from './purl-match.js';
import { arr, obj, str, time, type JsonObject } from './vex-json.js';
import type { VexDocument, VexProduct, VexStatement, VexStatus } from './vex-model.js';

/** CycloneDX `analysis.state` → the VEX status it means. */
const STATES: Readonly<Record<string, VexStatus>> = {
  not_affected: 'not_affected',
  false_positive: 'not_affected',
  resolved: 'fixed',
  resolved_with_pedigree: 'fixed',
  exploitable: 'affected',
  in_triage: 'under_investigation',
};

/**
 * A CycloneDX VEX: `vulnerabilities[]` with `id` (+ `references[].id` as aliases), `analysis.state`
 * and `affects[].ref`. A ref is a purl, the bom-ref of a component of the same document (its purl is
 * used), or a BOM-Link (`urn:cdx:<serial>/<version>#<bom-ref>`) into the scanned SBOM, whose bom-ref
 * is compared with the finding's package id (drydock's SBOMs use package ids as bom-refs).
 */
export function readCycloneDxVex(doc: JsonObject, path: string): VexDocument {
  const out: VexDocument = { path, format: 'cyclonedx', statements: [], warnings: [] };
  const docTime = time(obj(doc['metadata'])?.['timestamp']);
  const purlOf = componentPurls(doc);
  (arr(doc['vulnerabilities']) ?? []).forEach((raw, i) => {
    const st = readVulnerability(raw, i + 1, docTime, purlOf, out.warnings, path);
    if (typeof st === 'string') out.warnings.push(`${path}: vulnerabilities[${i}] skipped: ${st}`);
    else out.statements.push(st);
  });
  return out;
}

function readVulnerability(
  raw: unknown,
  index: number,
  docTime: number | undefined,
  purlOf: Map<string, string>,
  warnings: string[],
  path: string,
): VexStatement | string {
  const v = obj(raw);
  if (!v) return 'not an object';
  const id = str(v['id'])?.trim();
  if (id === undefined || id === '') return 'no id';
  const analysis = obj(v['analysis']);
  const state = str(analysis?.['state']);
  if (state === undefined) return 'no analysis.state';
  const status = STATES[state];
  if (status === undefined) return `unknown analysis.state "${state}"`;
  const products = (arr(v['affects']) ?? []).map((a) => affect(a, purlOf)).filter((x): x is VexProduct => x !== undefined);
  if (products.length === 0) return 'no affects[].ref';
  if (products.some((p) => p.versions?.some((x) => x.version === undefined))) {
    warnings.push(`${path}: vulnerabilities[${index - 1}]: version ranges in affects[].versions are not evaluated; only exact versions are`);
  }
  const aliases = (arr(v['references']) ?? []).map((r) => str(obj(r)?.['id'])).filter((x): x is string => x !== undefined && x.trim() !== '');
  const st: VexStatement = {
    vulnerabilities: [...new Set([id, ...aliases].map((x) => x.trim().toUpperCase()))],
    products,
    status,
    statusText: state,
    timestamp: time(analysis?.['lastUpdated']) ?? time(analysis?.['firstIssued']) ?? time(v['updated']) ?? docTime ?? -Infinity,
    index,
  };
  const justification = str(analysis?.['justification']);
  if (justification !== undefined) st.justification = justification;
  const detail = str(analysis?.['detail']);
  if (detail !== undefined) st.detail = detail;
  return st;
}

function affect(raw: unknown, purlOf: Map<string, string>): VexProduct | undefined {
  const a = obj(raw);
  const ref = str(a?.['ref'])?.trim();
  if (!a || ref === undefined || ref === '') return undefined;
  const fragment = bomLinkFragment(ref);
  const refs = [fragment ?? ref];
  const purl = parsePurl(ref) ?? parsePurl(purlOf.get(ref) ?? '') ?? (fragment === undefined ? undefined : parsePurl(fragment));
  const product: VexProduct = { purls: purl ? [purl] : [], refs, sha256: [], subcomponents: [] };
  const versions = arr(a['versions']);
  if (versions && versions.length > 0) {
    product.versions = versions.map((x) => {
      const o = obj(x);
      const entry: { version?: string; status?: string } = {};
      const version = str(o?.['version']);
      const status = str(o?.['status']);
      if (version !== undefined) entry.version = version;
      if (status !== undefined) entry.status = status;
      return entry;
    });
  }
  return product;
}

/** `urn:cdx:<serial>/<version>#<bom-ref>` → the (percent-decoded) bom-ref. */
function bomLinkFragment(ref: string): string | undefined {
  const m = /^urn:cdx:[^#]+#(.+)$/.exec(ref);
  if (!m?.[1]) return undefined;
  try {
    return decodeURIComponent(m[1]);
  } catch {
    return m[1];
  }
}

/** bom-ref → purl of every component (nested ones too) in the VEX document itself. */
function componentPurls(doc: JsonObject): Map<string, string> {
  const out = new Map<string, string>();
  const stack = [...(arr(doc['components']) ?? []), obj(doc['metadata'])?.['component']];
  while (stack.length > 0) {
    const c = obj(stack.pop());
    if (!c) continue;
    const ref = str(c['bom-ref']);
    const purl = str(c['purl']);
    if (ref !== undefined && purl !== undefined) out.set(ref, purl);
    stack.push(...(arr(c['components']) ?? []));
  }
  return out;
}

export function isCycloneDxVex(doc: JsonObject): boolean {
  return doc['bomFormat'] === 'CycloneDX';
}
