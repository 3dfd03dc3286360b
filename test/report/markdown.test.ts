import { describe, expect, it } from 'vitest';
import type { ScanReport } from '../../src/report/model.js';
import { GITHUB_COMMENT_LIMIT, writeMarkdown } from '../../src/report/writers/markdown.js';
import { alpineReport } from './data/alpine-report.js';
import { hostileReport } from './data/hostile.js';
import { pythonAppReport } from './data/python-app-report.js';

/** Table rows of a Markdown document: every `| … |` line split on unescaped pipes. */
function tableRows(md: string): string[][] {
  return md
    .split('\n')
    .filter((l) => l.startsWith('|'))
    .map((l) => l.slice(1, -1).split(/(?<!\\)\|/).map((c) => c.trim()));
}

/** The alpine report with its findings repeated on `copies` renamed packages: far beyond one comment. */
function huge(base: ScanReport, copies: number): ScanReport {
  const findings = Array.from({ length: copies }, (_, i) =>
    base.findings.map((f) => ({ ...f, package: { ...f.package, id: `${f.package.id}#${i}`, name: `${f.package.name}-copy${i}` } })),
  ).flat();
  return { ...base, findings, fixAdvice: [], summary: { ...base.summary, findings: findings.length } };
}

describe('Markdown writer', () => {
  const python = pythonAppReport();
  const alpine = alpineReport();

  it('has a summary table by severity and one collapsible section per package', () => {
    const md = writeMarkdown(alpine);
    expect(md).toContain('| critical | 2 |');
    expect(md).toContain(`| **total** | **${alpine.findings.length}** |`);
    expect(md.match(/<details>/g)).toHaveLength(new Set(alpine.findings.map((f) => f.package.id)).size);
    expect(md).toContain('upgrading these 6 packages removes 54 of 54 findings');
  });

  it('every table row has exactly its columns, whatever the advisory text holds', () => {
    for (const report of [python, alpine, hostileReport(python)]) {
      // severity table: 2 columns (vulnerabilities alone) or 4 (a column per scanner); secrets 5; checks 4; findings 5
      for (const row of tableRows(writeMarkdown(report))) expect([2, 4, 5]).toContain(row.length);
    }
  });

  it('escapes hostile text: no raw HTML, no links to javascript:, no stray table syntax', () => {
    const md = writeMarkdown(hostileReport(python));
    expect(md).not.toMatch(/<script|<img|<b>pkg|<i>/);
    expect(md).toContain('&lt;script&gt;alert');
    expect(md).toContain('<summary><b>evil|&lt;b&gt;pkg&lt;/b&gt; &quot;quoted&quot;</b>'); // inside <summary> HTML: entity-escaped
    expect(md).not.toMatch(/(?<!\\)\]\(javascript:/);
    // eslint-disable-next-line no-control-regex
    expect(md).not.toMatch(/\u001b|\u0007|\u0000/);
    expect(md).toContain('[CVE-2099-0001&lt;b&gt;\\|](https://example.com/adv?a=1&b=%3C2%3E%7C%223%22)');
    // secrets and check findings: every hostile field escaped, one row each
    expect(md).toContain('| HIGH | evil&lt;rule&gt;\\|x | /opt/&lt;img src=x onerror=alert(1)&gt;\\|y/ \\[31mred .env:3 | &lt;b&gt;\\|\\*\\*\\*\\* |');
    expect(md).toContain('| MEDIUM | DD-IMG-&lt;i&gt;9&lt;/i&gt; | Check &lt;script&gt;alert("c")&lt;/script&gt;\\|t |');
    expect(md).not.toMatch(/<img|<i>|<script/);
  });

  it(`stays within GitHub's ${GITHUB_COMMENT_LIMIT}-character comment limit and says what it left out`, () => {
    const big = huge(alpine, 60);
    const md = writeMarkdown(big);
    expect(md.length).toBeLessThanOrEqual(GITHUB_COMMENT_LIMIT);
    const shown = (md.match(/<details>/g) ?? []).length;
    const packages = new Set(big.findings.map((f) => f.package.id)).size;
    expect(shown).toBeGreaterThan(10);
    expect(shown).toBeLessThan(packages);
    const note = /\*\*Truncated:\*\* (\d+) more package\(s\) with (\d+) finding\(s\)/.exec(md);
    expect(Number(note?.[1])).toBe(packages - shown);
    const shownFindings = tableRows(md).filter((r) => r.length === 5 && r[0] !== 'Severity' && r[0] !== '---').length;
    expect(Number(note?.[2]) + shownFindings).toBe(big.findings.length);
  });

  it('a small report is not truncated', () => {
    expect(writeMarkdown(python)).not.toContain('Truncated');
  });
});
