import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { escapeHtml } from '../../src/report/escape.js';
import type { ScanReport } from '../../src/report/model.js';
import { HTML_CSS, HTML_JS } from '../../src/report/html-assets.js';
import { writeHtml } from '../../src/report/writers/html.js';
import { alpineReport } from './data/alpine-report.js';
import { hostileReport } from './data/hostile.js';
import { pythonAppReport } from './data/python-app-report.js';

interface Parsed {
  /** [tag, attributes] of every start tag. */
  tags: Array<[string, Record<string, string | null>]>;
  /** Text outside <script> and <style>: what a reader sees with scripts off. */
  text: string;
  scripts: string[];
  styles: string[];
}

/** Parse with Python's html.parser: an independent HTML tokenizer. */
function parseHtml(html: string): Parsed {
  const script = `
import json, sys
from html.parser import HTMLParser
class P(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags, self.text, self.scripts, self.styles, self.raw = [], [], [], [], None
    def handle_starttag(self, tag, attrs):
        self.tags.append([tag, dict(attrs)])
        if tag in ("script", "style"): self.raw = (tag, [])
    def handle_startendtag(self, tag, attrs): self.tags.append([tag, dict(attrs)])
    def handle_endtag(self, tag):
        if self.raw and tag == self.raw[0]:
            (self.scripts if tag == "script" else self.styles).append("".join(self.raw[1])); self.raw = None
    def handle_data(self, data):
        if self.raw: self.raw[1].append(data)
        else: self.text.append(data)
p = P(); p.feed(sys.stdin.read()); p.close()
print(json.dumps({"tags": p.tags, "text": " ".join(p.text), "scripts": p.scripts, "styles": p.styles}))
`;
  return JSON.parse(execFileSync('python3', ['-c', script], { input: html, encoding: 'utf8', maxBuffer: 64 << 20 })) as Parsed;
}

const sha = (s: string): string => createHash('sha256').update(s, 'utf8').digest('base64');
const squash = (s: string): string => s.replace(/\s+/g, ' ');

function checkSelfContained(p: Parsed): void {
  const names = new Set(p.tags.map(([t]) => t));
  for (const t of ['link', 'img', 'iframe', 'object', 'embed', 'audio', 'video', 'source', 'base', 'form']) expect(names.has(t), t).toBe(false);
  for (const [tag, attrs] of p.tags) {
    for (const [k, v] of Object.entries(attrs)) {
      expect(k.startsWith('on'), `${tag} ${k}`).toBe(false); // no inline event handlers at all
      expect(['src', 'srcset', 'action', 'formaction', 'background', 'poster'].includes(k), `${tag} ${k}`).toBe(false);
      if (k === 'href') expect(v ?? '').toMatch(/^https?:\/\//);
      if (k === 'style') throw new Error('no inline style attributes');
    }
  }
  expect(p.scripts).toEqual([HTML_JS]);
  expect(p.styles).toEqual([HTML_CSS]);
  expect(HTML_CSS).not.toMatch(/url\(|@import/);
  expect(HTML_JS).not.toMatch(/fetch\(|XMLHttpRequest|import\(|\.src\s*=|innerHTML|eval\(|https?:/);
  const csp = p.tags.find(([t, a]) => t === 'meta' && a['http-equiv'] === 'Content-Security-Policy')?.[1]['content'] ?? '';
  expect(csp).toContain("default-src 'none'");
  expect(csp).toContain(`script-src 'sha256-${sha(HTML_JS)}'`);
  expect(csp).toContain(`style-src 'sha256-${sha(HTML_CSS)}'`);
}

describe('HTML writer', () => {
  const python = pythonAppReport();
  const alpine = alpineReport();

  it.each<[string, ScanReport]>([
    ['python-app', python],
    ['alpine-layers', alpine],
    ['hostile', hostileReport(python)],
  ])('%s is one self-contained page: nothing external, only its own script and style', (_n, report) => {
    checkSelfContained(parseHtml(writeHtml(report)));
  });

  it('shows every finding without scripts: ids, packages, fixed versions, summaries, severity counts', () => {
    const p = parseHtml(writeHtml(python));
    const text = squash(p.text);
    for (const f of python.findings) {
      expect(text).toContain(f.id);
      expect(text).toContain(`${f.package.name} ${f.package.version}`);
      expect(text).toContain(squash(f.summary ?? ''));
      if (f.fixedVersion) expect(text).toContain(f.fixedVersion);
    }
    expect(text).toContain('upgrading these 4 packages removes 6 of 8 findings');
    expect(p.tags.filter(([t, a]) => t === 'tr' && a['data-severity'] !== undefined)).toHaveLength(python.findings.length);
    expect(p.tags.filter(([t]) => t === 'section')).toHaveLength(6);
    // the filter controls are hidden until the script shows them
    expect(p.tags.find(([t, a]) => t === 'div' && a['id'] === 'controls')?.[1]).toHaveProperty('hidden');
  });

  it('links references (http/https only) and the advisory id', () => {
    const p = parseHtml(writeHtml(python));
    const hrefs = p.tags.filter(([t]) => t === 'a').map(([, a]) => a['href']);
    expect(hrefs).toContain('https://security-tracker.debian.org/tracker/CVE-2016-2781');
    expect(hrefs).toContain('https://github.com/psf/requests/security/advisories/GHSA-j8r2-6x86-q33q');
  });

  it('escapes hostile advisory text: no injected elements or attributes (XSS)', () => {
    const report = hostileReport(python);
    const html = writeHtml(report);
    const p = parseHtml(html);
    // exactly the tags the writer makes: the attack strings did not create any
    expect(p.tags.filter(([t]) => t === 'script')).toHaveLength(1);
    expect(p.tags.filter(([t]) => t === 'img' || t === 'i')).toEqual([]);
    const bold = (q: Parsed): number => q.tags.filter(([t]) => t === 'b').length;
    expect(bold(p)).toBe(bold(parseHtml(writeHtml(python)))); // only the writer's own <b> elements
    // the text is shown as written
    expect(p.text).toContain('<script>alert("x")</script><img src=x onerror=alert(1)>');
    expect(p.text).toContain('evil|<b>pkg</b>');
    const hrefs = p.tags.filter(([t]) => t === 'a').map(([, a]) => a['href'] ?? '');
    expect(hrefs.some((h) => /^(javascript|data):/i.test(h))).toBe(false);
    expect(hrefs).toContain('https://example.com/adv?a=1&b=%3C2%3E%7C%223%22');
    expect(html).toContain(escapeHtml('registry.example/evil<script>:tag|x'));
    // attributes carrying report data stay inside their quotes
    const row = p.tags.find(([t, a]) => t === 'tr' && (a['data-id'] ?? '').startsWith('CVE-2099'))?.[1];
    expect(row?.['data-id']).toBe('CVE-2099-0001<b>|');
    expect(row?.['data-search']).toContain('<script>alert("x")</script>');
    // secrets and check findings too: shown as written, filterable by severity
    expect(p.text).toContain('evil<rule>|x');
    expect(p.text).toContain('Check <script>alert("c")</script>|t');
    expect(p.text).toContain('/srv/<img src=x onerror=alert(2)> | a | b |');
    expect(p.tags.filter(([t, a]) => t === 'tr' && a['data-severity'] !== undefined && (a['data-search'] ?? '').includes('evil<rule>'))).toHaveLength(1);
  });

  it('lists suppressed findings and items that could not be evaluated', () => {
    const report = hostileReport(python);
    const withSuppressed: ScanReport = { ...report, suppressed: [{ finding: python.findings[1] ?? report.findings[0]!, by: 'vex', reason: 'team.openvex.json statement 1: not_affected' }] };
    const text = squash(parseHtml(writeHtml(withSuppressed)).text);
    expect(text).toContain('Suppressed (1)');
    expect(text).toContain('team.openvex.json statement 1: not_affected');
    expect(text).toContain('Not evaluated (1)');
    expect(text).toContain('walker<x> /etc/<x>|y: cannot read "<x>" second line');
  });
});
