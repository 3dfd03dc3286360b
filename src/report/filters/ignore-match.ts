import type { CheckFinding } from '../../checks/config/model.js';
import type { SecretFinding } from '../../core/secret-finding.js';
import type { Finding } from '../../matching/finding.js';
import type { IgnoreFile, IgnoreRule, IgnoreScope } from './ignore-rule.js';
import { parsePurl, purlMatches } from './purl-match.js';

/** What an ignore rule is compared with: a vulnerability finding, a secret or a check finding. */
export interface IgnoreSubject {
  scope: IgnoreScope;
  /** Ids the rule's `id` may name (case-insensitively). */
  ids: readonly string[];
  /** Image path the finding is at (leading `/` or not), when it has one. */
  path?: string;
  purl?: string;
}

export function vulnSubject(f: Finding): IgnoreSubject {
  return { scope: 'vulnerability', ids: [f.id, ...f.aliases, f.evidence.advisoryId], path: f.package.location, purl: f.package.purl };
}

/** A secret by its rule id; its file path when it is in a file (config and history secrets have none). */
export function secretSubject(s: SecretFinding): IgnoreSubject {
  const subject: IgnoreSubject = { scope: 'secret', ids: [s.ruleId] };
  if (s.location.kind === 'file') subject.path = s.location.path;
  return subject;
}

export function checkSubject(c: CheckFinding): IgnoreSubject {
  return { scope: 'misconfiguration', ids: [c.id] };
}

/**
 * Does an ignore rule select a subject? A rule from a YAML section applies to that kind only
 * (`vulnerabilities`, `secrets`, `misconfigurations`); a line-format rule to every kind. Its id (when
 * it has one) must equal one of the subject's ids (a finding's id, aliases or the feed's advisory id;
 * a secret's rule id; a check's id), case-insensitively; its paths (when given) must match the
 * subject's path (the package's location, the secret's file), written with or without the leading `/`;
 * its purls (when given) must match the package's purl (purl-match.ts). A rule with paths or purls
 * never selects a subject without one. An expired rule (expiry before `now`) selects nothing.
 */
export function ruleSelectsSubject(rule: IgnoreRule, subject: IgnoreSubject, now: number): boolean {
  if (rule.expires !== undefined && rule.expires.at < now) return false;
  if (rule.scope !== undefined && rule.scope !== subject.scope) return false;
  if (rule.id !== undefined) {
    const id = rule.id.toUpperCase();
    if (!subject.ids.some((x) => x.toUpperCase() === id)) return false;
  }
  if (rule.pathRes.length > 0) {
    const loc = subject.path;
    if (loc === undefined) return false;
    const rel = loc.replace(/^\/+/, '');
    if (!rule.pathRes.some((re) => re.test(rel) || re.test(loc))) return false;
  }
  if (rule.purlParts.length > 0) {
    const target = subject.purl === undefined ? undefined : parsePurl(subject.purl);
    if (!target || !rule.purlParts.some((c) => purlMatches(c, target))) return false;
  }
  return true;
}

/** ruleSelectsSubject for a vulnerability finding. */
export function ruleSelects(rule: IgnoreRule, finding: Finding, now: number): boolean {
  return ruleSelectsSubject(rule, vulnSubject(finding), now);
}

export function firstSelectingRule(file: IgnoreFile, subject: IgnoreSubject, now: number): IgnoreRule | undefined {
  return file.rules.find((r) => ruleSelectsSubject(r, subject, now));
}

/** One warning per expired rule that would otherwise have selected some subject — or none at all. */
export function expiredRuleWarnings(file: IgnoreFile, subjects: readonly IgnoreSubject[], now: number): string[] {
  const out: string[] = [];
  for (const rule of file.rules) {
    if (rule.expires === undefined || rule.expires.at >= now) continue;
    const { expires: _expires, ...live } = rule;
    const hits = subjects.filter((s) => ruleSelectsSubject(live, s, now)).length;
    const what = rule.id ?? 'entry';
    out.push(`${rule.where}: ${what} expired on ${rule.expires.text}; no longer ignored${hits > 0 ? ` (${hits} finding(s) reported again)` : ''}`);
  }
  return out;
}
