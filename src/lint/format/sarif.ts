/**
 * SARIF 2.1.0 (GitHub code scanning and other SARIF viewers). One run; the rules that findings refer
 * to in `tool.driver.rules` (sorted by code, linked to Hadolint's wiki for DL, ShellCheck's for SC,
 * drydock's docs for DD when configured); one result per finding with the exact region (columns in
 * UTF-16 code units, end exclusive) and a fingerprint that survives lines moving. Levels: error →
 * error, warning → warning, info and style → note (SARIF has no more); a rule off by default → none.
 */
import { escapeMarkdown, oneLine } from '../../report/escape.js';
import { TOOL_VERSION } from '../../version.js';
import type { LintFinding, LintLevel, LintReport } from '../rule.js';
import { fileUri, fingerprints, orderedFindings, ruleHelpUri, rulesOf, type LintFormatOptions, type RuleInfo } from './model.js';

const SCHEMA = 'https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json';

const LEVEL: Readonly<Record<LintLevel, 'error' | 'warning' | 'note' | 'none'>> = {
  error: 'error',
  warning: 'warning',
  info: 'note',
  style: 'note',
  ignore: 'none',
};

function tags(code: string): string[] {
  if (code.startsWith('DD')) return ['dockerfile', 'security'];
  if (code.startsWith('SC')) return ['dockerfile', 'shell'];
  return ['dockerfile'];
}

function ruleObject(r: RuleInfo, opts: LintFormatOptions): Record<string, unknown> {
  const full = oneLine(r.description ?? r.message);
  const uri = ruleHelpUri(r.code, opts);
  return {
    id: r.code,
    shortDescription: { text: oneLine(r.message) },
    fullDescription: { text: full },
    ...(uri !== undefined ? { helpUri: uri } : {}),
    help:
      uri !== undefined
        ? { text: `${full}\n\nDocumentation: ${uri}`, markdown: `${escapeMarkdown(full)}\n\n[${r.code} documentation](${uri})` }
        : { text: full, markdown: escapeMarkdown(full) },
    defaultConfiguration: { level: LEVEL[r.level] },
    properties: { tags: tags(r.code) },
  };
}

function region(f: LintFinding): Record<string, number> {
  const startLine = Math.max(1, f.line);
  const startColumn = Math.max(1, f.column);
  const after = f.endLine > startLine || (f.endLine === startLine && f.endColumn >= startColumn);
  return after ? { startLine, startColumn, endLine: f.endLine, endColumn: Math.max(1, f.endColumn) } : { startLine, startColumn };
}

export function writeSarif(report: LintReport, opts: LintFormatOptions = {}): string {
  const findings = orderedFindings(report);
  const rules = [...rulesOf(report, findings).values()].sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
  const index = new Map(rules.map((r, i) => [r.code, i]));
  const prints = fingerprints(findings);
  const results = findings.map((f, i) => ({
    ruleId: f.code,
    ruleIndex: index.get(f.code) ?? 0,
    level: LEVEL[f.level],
    message: { text: oneLine(f.message) || f.code },
    locations: [{ physicalLocation: { artifactLocation: { uri: fileUri(f.file) }, region: region(f) } }],
    partialFingerprints: { 'drydock/v1': prints[i] ?? '' },
    properties: { level: f.level, fixable: f.fixable },
  }));
  const version = opts.toolVersion ?? TOOL_VERSION;
  const doc = {
    $schema: SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'drydock',
            version,
            ...(/^\d+\.\d+\.\d+/.test(version) ? { semanticVersion: version } : {}),
            rules: rules.map((r) => ruleObject(r, opts)),
          },
        },
        artifacts: report.files.map((f) => ({ location: { uri: fileUri(f) }, sourceLanguage: 'dockerfile' })),
        results,
        columnKind: 'utf16CodeUnits',
      },
    ],
  };
  return `${JSON.stringify(doc, null, 2)}\n`;
}
