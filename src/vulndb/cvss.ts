import cvss from 'ae-cvss-calculator';
import { severityOfScore, type Severity } from '../core/severity.js';
import type { CvssVersion } from './model.js';

const { Cvss2, Cvss3P0, Cvss3P1, Cvss4P0 } = cvss;

export interface CvssScore {
  version: CvssVersion;
  /** The vector as given (trimmed). */
  vector: string;
  /** Base score, 0.0–10.0. */
  score: number;
  severity: Severity;
}

/** The CVSS version a vector string declares (`CVSS:3.1/…`); a bare `AV:N/AC:L/Au:N/…` vector is v2. */
export function cvssVersionOf(vector: string): CvssVersion | undefined {
  const m = /^CVSS:(\d\.\d)\//.exec(vector);
  if (!m) return /^\(?AV:[LAN]\/AC:[HML]\/Au:[MSN]\//.test(vector) ? '2.0' : undefined;
  const v = m[1];
  return v === '3.0' || v === '3.1' || v === '4.0' ? v : undefined;
}

/**
 * The base metrics each version's specification makes mandatory. The calculator library scores a
 * vector that lacks some of them (a v4.0 vector without SC/SI/SA scores 0.0): a wrong number, so such
 * vectors are refused here first.
 */
const MANDATORY: Record<CvssVersion, readonly string[]> = {
  '2.0': ['AV', 'AC', 'Au', 'C', 'I', 'A'],
  '3.0': ['AV', 'AC', 'PR', 'UI', 'S', 'C', 'I', 'A'],
  '3.1': ['AV', 'AC', 'PR', 'UI', 'S', 'C', 'I', 'A'],
  '4.0': ['AV', 'AC', 'AT', 'PR', 'UI', 'VC', 'VI', 'VA', 'SC', 'SI', 'SA'],
};

/**
 * Is the vector well formed: `KEY:VALUE` parts separated by single `/`, each metric at most once (the
 * library silently lets a repeated metric override the first), every mandatory base metric present?
 * Values are checked by the library.
 */
function wellFormed(vector: string, version: CvssVersion): boolean {
  const body = version === '2.0' ? vector : vector.slice('CVSS:x.y/'.length);
  const seen = new Set<string>();
  for (const part of body.split('/')) {
    const m = /^([A-Za-z]+):([A-Za-z]+)$/.exec(part);
    if (!m?.[1] || seen.has(m[1])) return false;
    seen.add(m[1]);
  }
  return MANDATORY[version].every((k) => seen.has(k));
}

/**
 * Score a CVSS v2/v3.0/v3.1/v4.0 vector; undefined when the vector is not valid (unknown version,
 * malformed, a mandatory base metric missing, a metric repeated, an unknown metric or value).
 * v2/v3.x: the base score (temporal/environmental metrics in the vector are ignored). v4.0: the score of
 * the whole vector (CVSS-B, or CVSS-BT/BE/BTE when threat/environmental metrics are given), which is
 * what NVD and the FIRST calculator state as `baseScore`.
 */
export function scoreCvss(rawVector: string): CvssScore | undefined {
  const vector = rawVector.trim().replace(/^\((.*)\)$/, '$1');
  const version = cvssVersionOf(vector);
  if (!version || !wellFormed(vector, version)) return undefined;
  try {
    const calc =
      version === '2.0' ? new Cvss2(vector) : version === '3.0' ? new Cvss3P0(vector) : version === '3.1' ? new Cvss3P1(vector) : new Cvss4P0(vector);
    const score = calc.calculateScores().base;
    if (typeof score !== 'number' || !Number.isFinite(score) || score < 0 || score > 10) return undefined;
    return { version, vector, score, severity: severityOfScore(score, version === '2.0') };
  } catch {
    return undefined;
  }
}
