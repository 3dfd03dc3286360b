import { parsePurl } from './purl-match.js';
import { arr, obj, str, strings, time, type JsonObject } from './vex-json.js';
import type { VexDocument, VexProduct, VexStatement, VexStatus, VexSubject } from './vex-model.js';

const STATUSES: readonly VexStatus[] = ['not_affected', 'affected', 'fixed', 'under_investigation'];

/**
 * An OpenVEX document (spec v0.2.0, and the older v0.0.x shape where `vulnerability` and `products`
 * are plain strings and `subcomponents` sits on the statement). Statements that cannot be used are
 * skipped with a warning: a statement drydock does not understand never suppresses anything.
 */
export function readOpenVex(doc: JsonObject, path: string): VexDocument {
  const out: VexDocument = { path, format: 'openvex', statements: [], warnings: [] };
  const docTime = time(doc['timestamp']);
  if (doc['timestamp'] !== undefined && docTime === undefined) out.warnings.push(`${path}: document timestamp is not a valid date`);
  (arr(doc['statements']) ?? []).forEach((raw, i) => {
    const st = readStatement(raw, i + 1, docTime);
    if (typeof st === 'string') out.warnings.push(`${path}: statement ${i + 1} skipped: ${st}`);
    else out.statements.push(st);
  });
  return out;
}

/** The statement, or why it cannot be used. */
function readStatement(raw: unknown, index: number, docTime: number | undefined): VexStatement | string {
  const s = obj(raw);
  if (!s) return 'not an object';
  const vulnerabilities = vulnerabilityIds(s['vulnerability']);
  if (vulnerabilities.length === 0) return 'no vulnerability name';
  const status = str(s['status']);
  if (status === undefined || !(STATUSES as readonly string[]).includes(status)) return `unknown status ${JSON.stringify(s['status'] ?? null)}`;
  const justification = str(s['justification']);
  const detail = str(s['impact_statement']);
  if (status === 'not_affected' && justification === undefined && detail === undefined) {
    return 'not_affected without a justification or impact_statement (required by the OpenVEX spec)';
  }
  const shared = (arr(s['subcomponents']) ?? []).map(subject).filter((x): x is VexSubject => x !== undefined);
  const products = (arr(s['products']) ?? []).map((p) => product(p, shared)).filter((x): x is VexProduct => x !== undefined);
  if (products.length === 0) return 'no product identified by a purl, digest or hash';
  const own = s['timestamp'] === undefined ? undefined : time(s['timestamp']);
  if (s['timestamp'] !== undefined && own === undefined) return 'timestamp is not a valid date';
  const st: VexStatement = {
    vulnerabilities,
    products,
    status: status as VexStatus,
    statusText: status,
    timestamp: own ?? docTime ?? -Infinity,
    index,
  };
  if (justification !== undefined) st.justification = justification;
  if (detail !== undefined) st.detail = detail;
  return st;
}

function vulnerabilityIds(v: unknown): string[] {
  if (typeof v === 'string') return v.trim() === '' ? [] : [v.trim().toUpperCase()];
  const o = obj(v);
  if (!o) return [];
  const name = str(o['name'])?.trim();
  if (name === undefined || name === '') return [];
  return [...new Set([name, ...strings(o['aliases'])].map((x) => x.trim().toUpperCase()))];
}

/** A component (`{"@id", identifiers, hashes}`) or, in old documents, a bare identifier string. */
function subject(raw: unknown): VexSubject | undefined {
  const ids: string[] = [];
  const sha256: string[] = [];
  if (typeof raw === 'string') ids.push(raw);
  else {
    const o = obj(raw);
    if (!o) return undefined;
    const id = str(o['@id']);
    if (id !== undefined) ids.push(id);
    const identifiers = obj(o['identifiers']);
    const purl = str(identifiers?.['purl']);
    if (purl !== undefined) ids.push(purl);
    const hash = str(obj(o['hashes'])?.['sha-256']);
    if (hash !== undefined && /^[0-9a-fA-F]{64}$/.test(hash)) sha256.push(hash.toLowerCase());
  }
  const out: VexSubject = { purls: [], refs: [], sha256 };
  for (const id of ids) {
    const p = parsePurl(id.trim());
    if (p) out.purls.push(p);
    else if (id.trim() !== '') out.refs.push(id.trim());
  }
  return out.purls.length + out.refs.length + out.sha256.length > 0 ? out : undefined;
}

function product(raw: unknown, shared: VexSubject[]): VexProduct | undefined {
  const base = subject(raw);
  if (!base) return undefined;
  const own = (arr(obj(raw)?.['subcomponents']) ?? []).map(subject).filter((x): x is VexSubject => x !== undefined);
  return { ...base, subcomponents: [...own, ...shared] };
}

export function isOpenVex(doc: JsonObject): boolean {
  const ctx = str(doc['@context']);
  return ctx !== undefined && ctx.startsWith('https://openvex.dev/ns') && Array.isArray(doc['statements']);
}
