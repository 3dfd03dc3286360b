import { describe, expect, it } from 'vitest';
import { GITHUB_COMMENT_LIMIT, messageMarkdown, writeMarkdown } from '../../../src/lint/format/markdown.js';
import type { LintFinding, LintReport } from '../../../src/lint/rule.js';
import { sampleReport } from './data.js';

describe('markdown (pull-request comments)', () => {
  it('writes a table per file with problems and names the clean ones', () => {
    const md = writeMarkdown(sampleReport());
    expect(md.match(/^### /gm)).toHaveLength(2);
    expect(md.match(/^\| Line \| Level \| Rule \| Message \|$/gm)).toHaveLength(2);
    expect(md).toContain('No problems in: clean/Dockerfile.');
    expect(md).toContain('| 4 | info | [DL3015](https://github.com/hadolint/hadolint/wiki/DL3015) | Avoid additional packages by specifying `--no-install-recommends` _(fixable)_ |');
  });

  it('neutralises hostile text: no HTML, no links, no broken table rows', () => {
    const md = writeMarkdown(sampleReport());
    const row = md.split('\n').find((l) => l.includes('DD001')) ?? '';
    expect(row).not.toMatch(/<script|(?<!\\)\]\(javascript:/);
    expect(row).toContain('&lt;script&gt;');
    expect(row.split(/(?<!\\)\|/).length - 2).toBe(4); // 4 cells: escaped pipes do not split
    expect(messageMarkdown('a `x | y` b')).toBe('a `x \\| y` b');
    expect(messageMarkdown('unpaired ` tick <b>')).toBe('unpaired \\` tick &lt;b&gt;');
  });

  it("stays within GitHub's comment limit and says how many rows were left out", () => {
    const f: LintFinding = { file: 'Dockerfile', code: 'DL3008', level: 'warning', message: 'x'.repeat(200), line: 1, column: 1, endLine: 1, endColumn: 2, fixable: false };
    const findings = Array.from({ length: 1000 }, (_, i) => ({ ...f, line: i + 1 }));
    const md = writeMarkdown({ files: ['Dockerfile'], findings, rules: [] } satisfies LintReport);
    expect(md.length).toBeLessThanOrEqual(GITHUB_COMMENT_LIMIT);
    const shown = md.split('\n').filter((l) => l.startsWith('| ') && /^\| \d+ \|/.test(l)).length;
    const note = /_(\d+) more problems not shown/.exec(md);
    expect(Number(note?.[1])).toBe(1000 - shown);
    expect(shown).toBeGreaterThan(200);
  });

  it('says so when there is nothing to report', () => {
    expect(writeMarkdown({ files: ['a', 'b'], findings: [], rules: [] })).toBe('## drydock lint\n\nNo problems found in 2 Dockerfiles.\n');
  });
});
