import type { Finding } from '../matching/finding.js';
import { escapeMarkdown, escapeMarkdownBlock, safeUrl } from './escape.js';

const MAX_REFERENCES = 10;

/** A Markdown link whose URL cannot break out of the link or a table cell. */
export function markdownLink(url: string, label = url): string {
  const href = url.replace(/[()|<>\s\\`]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
  return `[${escapeMarkdown(label)}](${href})`;
}

function cvssText(f: Finding): string | undefined {
  return f.cvss ? `CVSS ${f.cvss.version} ${f.cvss.score.toFixed(1)} (${f.cvss.vector}, ${f.cvss.source})` : undefined;
}

/**
 * The help of a SARIF rule (one advisory id): what it is, its severity and scores, the affected
 * packages with installed and fixed versions, and references — as plain text and as Markdown
 * (escaped: advisory text is untrusted).
 */
export function ruleHelp(id: string, findings: readonly Finding[]): { text: string; markdown: string } {
  const first = findings[0];
  if (first === undefined) return { text: id, markdown: escapeMarkdown(id) };
  const summary = first.summary?.trim() ?? '';
  const cvss = cvssText(first);
  const refs = [...new Set(first.references.map(safeUrl).filter((u): u is string => u !== undefined))].slice(0, MAX_REFERENCES);
  const aliases = first.aliases.filter((a) => a !== id);
  const text = [
    `${id} — severity ${first.severity} (${first.severitySource})${cvss === undefined ? '' : `, ${cvss}`}`,
    aliases.length > 0 ? `Aliases: ${aliases.join(', ')}` : '',
    summary,
    'Affected packages:',
    ...findings.map((f) => `  ${f.package.name} ${f.package.version} → ${f.fixedVersion ?? `no fix (${f.status})`} (${f.package.location})`),
    refs.length > 0 ? `References:\n${refs.map((r) => `  ${r}`).join('\n')}` : '',
  ].filter((x) => x !== '');
  const md = [
    `**${escapeMarkdown(id)}** — severity **${escapeMarkdown(first.severity)}** (${escapeMarkdown(first.severitySource)})` +
      (cvss === undefined ? '' : `, ${escapeMarkdown(cvss)}`),
    aliases.length > 0 ? `Aliases: ${aliases.map(escapeMarkdown).join(', ')}` : '',
    summary === '' ? '' : escapeMarkdownBlock(summary),
    '| Package | Installed | Fixed | Location |\n| --- | --- | --- | --- |\n' +
      findings
        .map((f) => `| ${[f.package.name, f.package.version, f.fixedVersion ?? `no fix (${f.status})`, f.package.location].map(escapeMarkdown).join(' | ')} |`)
        .join('\n'),
    refs.length > 0 ? `References:\n\n${refs.map((r) => `- ${markdownLink(r)}`).join('\n')}` : '',
  ].filter((x) => x !== '');
  return { text: text.join('\n'), markdown: md.join('\n\n') };
}
