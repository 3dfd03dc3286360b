import type { Finding } from '../../matching/finding.js';
import type { IgnoreFile, IgnoreRule } from './ignore-rule.js';
import { parsePurl, purlMatches } from './purl-match.js';

/**
 * Does an ignore rule select a finding? Its id (when it has one) must equal the finding's id, one of
 * its aliases or the feed's advisory id (case-insensitively); its paths (when given) must match the
 * package's location, written with or without the leading `/`; its purls (when given) must match
 * the package's purl (purl-match.ts). An expired rule (expiry before `now`) selects nothing.
 */
export function ruleSelects(rule: IgnoreRule, finding: Finding, now: number): boolean {
  if (rule.expires !== undefined && rule.expires.at < now) return false;
  if (rule.id !== undefined) {
    const id = rule.id.toUpperCase();
    if (![finding.id, ...finding.aliases, finding.evidence.advisoryId].some((x) => x.toUpperCase() === id)) return false;
  }
  if (rule.pathRes.length > 0) {
    const loc = finding.package.location;
    const rel = loc.replace(/^\/+/, '');
    if (!rule.pathRes.some((re) => re.test(rel) || re.test(loc))) return false;
  }
  if (rule.purlParts.length > 0) {
    const target = parsePurl(finding.package.purl);
    if (!target || !rule.purlParts.some((c) => purlMatches(c, target))) return false;
  }
  return true;
}

export function firstSelectingRule(file: IgnoreFile, finding: Finding, now: number): IgnoreRule | undefined {
  return file.rules.find((r) => ruleSelects(r, finding, now));
}

/** One warning per expired rule that would otherwise have selected some finding — or none at all. */
export function expiredRuleWarnings(file: IgnoreFile, findings: readonly Finding[], now: number): string[] {
  const out: string[] = [];
  for (const rule of file.rules) {
    if (rule.expires === undefined || rule.expires.at >= now) continue;
    const { expires: _expires, ...live } = rule;
    const hits = findings.filter((f) => ruleSelects(live, f, now)).length;
    const what = rule.id ?? 'entry';
    out.push(`${rule.where}: ${what} expired on ${rule.expires.text}; no longer ignored${hits > 0 ? ` (${hits} finding(s) reported again)` : ''}`);
  }
  return out;
}
