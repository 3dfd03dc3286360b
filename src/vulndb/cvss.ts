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

/** Score a CVSS v2/v3.0/v3.1/v4.0 base vector; undefined when the vector is not valid. */
export function scoreCvss(rawVector: string): CvssScore | undefined {
  const vector = rawVector.trim().replace(/^\((.*)\)$/, '$1');
  const version = cvssVersionOf(vector);
  if (!version) return undefined;
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
