import * as Enums from '@cyclonedx/cyclonedx-library/Enums';
import * as Models from '@cyclonedx/cyclonedx-library/Models';
import * as Types from '@cyclonedx/cyclonedx-library/Types';
import type { Severity } from '../core/severity.js';
import type { Finding } from '../matching/finding.js';
import type { CvssVersion, SeverityRating } from '../vulndb/model.js';
import { safeUrl } from './escape.js';
import type { Suppressed } from './model.js';

const V = Models.Vulnerability;
const E = Enums.Vulnerability;

const SEVERITY: Readonly<Record<Severity, Enums.Vulnerability.Severity>> = {
  critical: E.Severity.Critical,
  high: E.Severity.High,
  medium: E.Severity.Medium,
  low: E.Severity.Low,
  negligible: E.Severity.Info,
  unknown: E.Severity.Unknown,
};

const METHOD: Readonly<Record<CvssVersion, Enums.Vulnerability.RatingMethod>> = {
  '2.0': E.RatingMethod.CVSSv2,
  '3.0': E.RatingMethod.CVSSv3,
  '3.1': E.RatingMethod.CVSSv31,
  '4.0': E.RatingMethod.CVSSv4,
};

/** OpenVEX justification labels → the nearest CycloneDX analysis justification. */
const OPENVEX_JUSTIFICATION: Readonly<Record<string, Enums.Vulnerability.AnalysisJustification>> = {
  component_not_present: E.AnalysisJustification.CodeNotPresent,
  vulnerable_code_not_present: E.AnalysisJustification.CodeNotPresent,
  vulnerable_code_not_in_execute_path: E.AnalysisJustification.CodeNotReachable,
  vulnerable_code_cannot_be_controlled_by_adversary: E.AnalysisJustification.ProtectedByMitigatingControl,
  inline_mitigations_already_exist: E.AnalysisJustification.ProtectedByMitigatingControl,
};

function rating(r: SeverityRating): Models.Vulnerability.Rating {
  const op: Models.Vulnerability.OptionalRatingProperties = { source: new V.Source({ name: r.source }), severity: SEVERITY[r.severity] };
  if (r.cvss) {
    op.score = r.cvss.score;
    op.method = METHOD[r.cvss.version];
    op.vector = r.cvss.vector;
  }
  return new V.Rating(op);
}

function ratings(f: Finding): Models.Vulnerability.Rating[] {
  const out = f.ratings.map(rating);
  if (!f.ratings.some((r) => r.source === f.severitySource && r.severity === f.severity)) {
    out.unshift(new V.Rating({ source: new V.Source({ name: f.severitySource }), severity: SEVERITY[f.severity] }));
  }
  return out;
}

function aliasSource(id: string): string {
  const prefix = /^([A-Za-z]+)-/.exec(id)?.[1];
  return prefix === undefined ? 'other' : prefix.toUpperCase();
}

function date(text: string | undefined): Date | undefined {
  if (text === undefined) return undefined;
  const d = new Date(text);
  return Number.isNaN(d.getTime()) ? undefined : d;
}

/** The analysis CycloneDX records for a suppressed finding. */
function analysis(s: Suppressed): Models.Vulnerability.Analysis {
  if (s.by === 'vex' && s.vex) {
    const states = E.AnalysisState as Record<string, string>;
    const direct = Object.values(states).includes(s.vex.status) ? (s.vex.status as Enums.Vulnerability.AnalysisState) : undefined;
    const state = direct ?? (s.vex.status === 'fixed' ? E.AnalysisState.Resolved : E.AnalysisState.NotAffected);
    const op: Models.Vulnerability.OptionalAnalysisProperties = { state, detail: s.reason };
    const j = s.vex.justification;
    const justifications = Object.values(E.AnalysisJustification) as string[];
    const mapped = j === undefined ? undefined : justifications.includes(j) ? (j as Enums.Vulnerability.AnalysisJustification) : OPENVEX_JUSTIFICATION[j];
    if (mapped !== undefined && state === E.AnalysisState.NotAffected) op.justification = mapped;
    return new V.Analysis(op);
  }
  return new V.Analysis({ detail: `suppressed (${s.by}): ${s.reason}` });
}

/**
 * One CycloneDX vulnerability for findings sharing an id (and, for suppressed findings, the same
 * suppression): ratings per source with CVSS method/vector/score, CWEs, description, dates,
 * advisories (references), aliases as references, and `affects` for every package.
 */
export function vulnerability(
  findings: readonly Finding[],
  refOf: (f: Finding) => Models.BomRef,
  bomRef: string,
  suppressed?: Suppressed,
): Models.Vulnerability.Vulnerability {
  const f = findings[0] as Finding;
  const v = new V.Vulnerability({ bomRef, id: f.id, source: new V.Source({ name: f.evidence.feed }) });
  for (const alias of f.aliases.filter((a) => a !== f.id)) v.references.add(new V.Reference(alias, new V.Source({ name: aliasSource(alias) })));
  for (const r of ratings(f)) v.ratings.add(r);
  for (const c of f.cwes) {
    const n = Number(/^CWE-(\d+)$/i.exec(c)?.[1]);
    if (Types.isCWE(n)) v.cwes.add(n);
  }
  if (f.summary !== undefined && f.summary.trim() !== '') v.description = f.summary;
  const published = date(f.published);
  if (published) v.published = published;
  const updated = date(f.modified);
  if (updated) v.updated = updated;
  for (const url of new Set(f.references.map(safeUrl))) if (url !== undefined) v.advisories.add(new V.Advisory(url));
  for (const x of findings) {
    const status = suppressed?.by === 'vex' ? E.AffectStatus.Unaffected : E.AffectStatus.Affected;
    const versions = new V.AffectedVersionRepository([new V.AffectedSingleVersion(x.package.version, { status })]);
    v.affects.add(new V.Affect(refOf(x), { versions }));
  }
  if (suppressed) v.analysis = analysis(suppressed);
  const fixed = [...new Set(findings.map((x) => x.fixedVersion).filter((x): x is string => x !== undefined))];
  if (fixed.length > 0) v.recommendation = `Upgrade to ${fixed.join(' / ')}`;
  return v;
}
