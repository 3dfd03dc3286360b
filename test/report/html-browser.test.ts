import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SEVERITIES, type Severity } from '../../src/core/severity.js';
import type { Finding } from '../../src/matching/finding.js';
import { writeHtml } from '../../src/report/writers/html.js';
import { browserReport, LONG, PWN } from './data/browser-report.js';

/**
 * The HTML report in a real browser (Debian's Chromium via playwright-core): a report built from the
 * real alpine-layers and python-app data plus hostile findings, loaded from file:// and via
 * setContent. Checks what only a browser can: nothing is fetched, the CSP lets exactly the report's
 * own script and style run, advisory text never executes, and the filter/search/sort controls work.
 *
 * The callbacks given to page.evaluate run inside Chromium. The project compiles without the DOM lib
 * (src must not use it), so they see the page through these module-local declarations.
 */
interface PageElement {
  readonly tagName: string;
  readonly textContent: string | null;
  readonly innerText: string;
  readonly hidden: boolean;
  readonly dataset: Record<string, string | undefined>;
  readonly attributes: Iterable<{ name: string }>;
  readonly relList: { value: string };
  readonly protocol: string;
  readonly href: string;
  readonly cells: ArrayLike<PageElement>;
  checkVisibility(): boolean;
  closest(selector: string): PageElement | null;
  querySelector(selector: string): PageElement | null;
  getAttribute(name: string): string | null;
  getAttributeNames(): string[];
  getBoundingClientRect(): { right: number };
  dispatchEvent(event: unknown): boolean;
}
declare const document: {
  querySelectorAll(selector: string): Iterable<PageElement>;
  getElementById(id: string): PageElement | null;
  querySelector(selector: string): PageElement | null;
  readonly scripts: { length: number };
  readonly body: PageElement;
  readonly documentElement: { scrollWidth: number; clientWidth: number };
};
declare const window: { __pwned?: unknown };
declare function getComputedStyle(element: PageElement): { backgroundColor: string };
declare const Event: new (type: string) => unknown;

const CHROMIUM = '/usr/bin/chromium';
const HAVE_CHROMIUM = existsSync(CHROMIUM);
const SUITE = HAVE_CHROMIUM
  ? 'HTML report in Chromium'
  : `HTML report in Chromium — SKIPPED: ${CHROMIUM} is not installed (scripts/setup-debian.sh installs it)`;
if (!HAVE_CHROMIUM) console.warn(`html-browser.test.ts skipped: ${CHROMIUM} is not installed (scripts/setup-debian.sh installs it)`);

interface Session {
  page: Page;
  /** Every request the page made or tried (also those CSP blocked), except the document itself. */
  requests: string[];
  consoleMessages: string[];
  pageErrors: string[];
  dialogs: string[];
}

let browser: Browser | undefined;
/** One context with JavaScript and one without, shared by the tests; each test opens its own page. */
const contexts = new Map<boolean, BrowserContext>();
let dir = '';
let pages = 0;
const report = browserReport();
const html = writeHtml(report);

async function open(content: string, how: 'file' | 'setContent', javaScriptEnabled = true): Promise<Session> {
  const context = contexts.get(javaScriptEnabled);
  if (!context) throw new Error('no browser');
  const file = join(dir, `report-${++pages}.html`);
  const docUrl = pathToFileURL(file).href;
  const s: Session = { page: await context.newPage(), requests: [], consoleMessages: [], pageErrors: [], dialogs: [] };
  await s.page.route('**/*', async (route) => {
    const url = route.request().url();
    if (how === 'file' && url === docUrl) return route.continue();
    s.requests.push(`routed ${url}`);
    return route.abort();
  });
  s.page.on('request', (r) => {
    if (r.url() !== docUrl) s.requests.push(r.url());
  });
  s.page.on('console', (m) => s.consoleMessages.push(`${m.type()}: ${m.text()}`));
  s.page.on('pageerror', (e) => s.pageErrors.push(e.message));
  s.page.on('dialog', (d) => {
    s.dialogs.push(d.message());
    void d.dismiss();
  });
  if (how === 'file') {
    writeFileSync(file, content);
    await s.page.goto(docUrl, { waitUntil: 'load' });
  } else await s.page.setContent(content, { waitUntil: 'load' });
  return s;
}

async function close(s: Session): Promise<void> {
  await s.page.close();
}

/** Visible finding rows per severity. */
async function visibleBySeverity(page: Page): Promise<Record<string, number>> {
  return page.evaluate(() => {
    const out: Record<string, number> = {};
    for (const r of document.querySelectorAll('tr[data-severity]')) {
      if (!r.checkVisibility()) continue;
      const sev = r.querySelector('.sev')?.textContent?.toLowerCase() ?? '?';
      out[sev] = (out[sev] ?? 0) + 1;
    }
    return out;
  });
}

function countBySeverity(findings: Finding[], on: readonly Severity[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const f of findings) if (on.includes(f.severity)) out[f.severity] = (out[f.severity] ?? 0) + 1;
  return out;
}

const squash = (x: string): string => x.replace(/\s+/g, ' ').trim();
const shown = async (page: Page): Promise<number> => Number(await page.locator('#shown').textContent());

describe.skipIf(!HAVE_CHROMIUM)(SUITE, () => {
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'drydock-html-'));
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
    for (const javaScriptEnabled of [true, false]) contexts.set(javaScriptEnabled, await browser.newContext({ javaScriptEnabled, viewport: { width: 1280, height: 900 } }));
  });
  afterAll(async () => {
    await browser?.close();
    if (dir !== '') rmSync(dir, { recursive: true, force: true });
  });

  it('the report data covers what the page must handle', () => {
    const sevs = new Set(report.findings.map((f) => f.severity));
    expect(sevs.size).toBeGreaterThanOrEqual(5);
    expect(new Set(report.findings.map((f) => f.package.id)).size).toBeGreaterThanOrEqual(8);
    expect(report.findings.length).toBeGreaterThan(50);
    expect(report.suppressed).toHaveLength(3);
  });

  it.each(['file', 'setContent'] as const)('%s: fetches nothing, logs nothing, runs only its own script and style', async (how) => {
    const s = await open(html, how);
    const { page } = s;
    await expect(page.locator('#controls').isVisible()).resolves.toBe(true); // the report's script ran under its CSP hash
    const critical = await page.locator('.sev-critical').first().evaluate((e) => getComputedStyle(e).backgroundColor);
    expect(critical).toBe('rgb(139, 0, 0)'); // the report's stylesheet applied under its CSP hash
    expect(await page.evaluate(() => window.__pwned)).toBeUndefined();
    // every row visible before filtering, suppressed findings and unknowns still shown
    expect(await visibleBySeverity(page)).toEqual(countBySeverity(report.findings, SEVERITIES));
    expect(await shown(page)).toBe(report.findings.length);
    for (const title of ['Suppressed (3)', 'Not evaluated (1)']) await expect(page.getByRole('heading', { name: title }).isVisible()).resolves.toBe(true);
    for (const sup of report.suppressed) await expect(page.locator('td', { hasText: sup.reason }).first().isVisible()).resolves.toBe(true);
    expect(s.requests).toEqual([]);
    expect(s.consoleMessages).toEqual([]);
    expect(s.pageErrors).toEqual([]);
    expect(s.dialogs).toEqual([]);
    await close(s);
  });

  it('advisory text that tries to run script is shown as text and never runs', async () => {
    const s = await open(html, 'file');
    const { page } = s;
    const pwnRow = page.locator('tr[data-id="CVE-2099-0002"]');
    await pwnRow.hover();
    await pwnRow.locator('summary').click(); // open its references
    // fire the events an injected handler would hang on, at every element of the row
    await pwnRow.locator('*').evaluateAll((els) => {
      for (const e of els) for (const type of ['mouseover', 'mouseenter', 'focus', 'load', 'error']) e.dispatchEvent(new Event(type));
    });
    const facts = await page.evaluate(() => ({
      pwned: window.__pwned,
      scripts: document.scripts.length,
      handlers: [...document.querySelectorAll('*')].flatMap((e) => [...e.attributes].filter((a) => a.name.startsWith('on')).map((a) => `${e.tagName} ${a.name}`)),
      injected: [...document.querySelectorAll('img, svg, iframe, object, embed, i, link, base, form')].map((e) => e.tagName),
      text: document.body.innerText,
    }));
    expect(facts.pwned).toBeUndefined();
    expect(facts.scripts).toBe(1);
    expect(facts.handlers).toEqual([]);
    expect(facts.injected).toEqual([]);
    for (const shownText of [
      `<script>${PWN}'summary'</script><img src=x onerror="${PWN}'img'">`,
      `<script>${PWN}'pkg'</script>`,
      `1"><script>${PWN}'version'</script>`,
      `<script>${PWN}'reason'</script>`,
      '<script>alert("x")</script><img src=x onerror=alert(1)>',
      'CVE-2099-0001<b>|',
    ])
      expect(facts.text).toContain(shownText);
    expect(s.requests).toEqual([]);
    expect(s.consoleMessages).toEqual([]);
    expect(s.pageErrors).toEqual([]);
    expect(s.dialogs).toEqual([]);
    await close(s);
  });

  it('the CSP stops injected script, handlers and fetches even if escaping failed', async () => {
    const payload =
      `<script>${PWN}'injected'</script><img src="http://127.0.0.1:9/x.png" onerror="${PWN}'onerror'">` +
      '<link rel="stylesheet" href="http://127.0.0.1:9/x.css"><style>body{background:rgb(1, 2, 3)}</style>';
    const broken = html.replace('<main>', `<main>${payload}`);
    const facts = async (page: Page): Promise<{ pwned: unknown; bg: string; controls: boolean }> =>
      page.evaluate(() => ({
        pwned: window.__pwned,
        bg: getComputedStyle(document.body).backgroundColor,
        controls: document.getElementById('controls')?.hidden === false,
      }));
    const s = await open(broken, 'file');
    expect(await facts(s.page)).toEqual({ pwned: undefined, bg: 'rgb(255, 255, 255)', controls: true });
    expect(s.requests.filter((r) => r.startsWith('routed'))).toEqual([]); // nothing reached the network
    const violations = s.consoleMessages.filter((m) => m.includes('Content Security Policy'));
    for (const what of ['inline script', 'x.png', 'x.css', 'inline style']) expect(violations.some((v) => v.includes(what)), what).toBe(true);
    expect(s.dialogs).toEqual([]);
    await close(s);
    // Control: the same page without its CSP meta runs the payload and fetches, so the checks above can fail.
    const open2 = await open(broken.replace(/<meta http-equiv="Content-Security-Policy"[^>]*>/, ''), 'file');
    const loose = await facts(open2.page);
    expect(loose.pwned).toBeDefined();
    expect(loose.bg).toBe('rgb(1, 2, 3)');
    expect(open2.requests).toEqual(expect.arrayContaining(['routed http://127.0.0.1:9/x.png', 'routed http://127.0.0.1:9/x.css']));
    await close(open2);
  });

  it('links only http(s) references, each with rel="noopener noreferrer"', async () => {
    const s = await open(html, 'setContent');
    const links = await s.page.evaluate(() =>
      [...document.querySelectorAll('a')].map((a) => ({ href: a.getAttribute('href') ?? '', protocol: a.protocol, rel: a.relList.value, attrs: a.getAttributeNames() })),
    );
    const isHttp = (u: string): boolean => /^https?:\/\//i.test(u.trim()) && URL.canParse(u.trim());
    const expected = report.findings.reduce((n, f) => {
      const refs = new Set(f.references.filter(isHttp).map((u) => new URL(u.trim()).href)).size;
      return n + refs + (refs > 0 ? 1 : 0); // the reference list plus the id linked to the first one
    }, 0);
    expect(links).toHaveLength(expected);
    for (const l of links) {
      expect(l.href).toMatch(/^https?:\/\//);
      expect(['http:', 'https:']).toContain(l.protocol);
      expect(l.rel.split(' ')).toEqual(expect.arrayContaining(['noopener', 'noreferrer']));
      expect(l.attrs.sort()).toEqual(['href', 'rel']);
    }
    const pwnHrefs = await s.page.locator('tr[data-id="CVE-2099-0002"] li a').evaluateAll((as) => as.map((a) => (a as PageElement).href));
    expect(pwnHrefs).toEqual(["https://example.org/a%22onmouseover=%22window.__pwned='attr'", 'http://example.org/ok', `https://example.org/${'u'.repeat(3000)}`]);
    await close(s);
  });

  it('severity checkboxes hide and show exactly the rows of their severity', async () => {
    const s = await open(html, 'file');
    const { page } = s;
    const on: Severity[] = [...SEVERITIES];
    const check = async (): Promise<void> => {
      expect(await visibleBySeverity(page)).toEqual(countBySeverity(report.findings, on));
      expect(await shown(page)).toBe(report.findings.filter((f) => on.includes(f.severity)).length);
      const sections = await page.evaluate(() =>
        [...document.querySelectorAll('section[data-package]')].filter((e) => e.checkVisibility()).map((e) => e.dataset['package']),
      );
      expect(new Set(sections)).toEqual(new Set(report.findings.filter((f) => on.includes(f.severity)).map((f) => f.package.id)));
      await expect(page.getByRole('heading', { name: 'Suppressed (3)' }).isVisible()).resolves.toBe(true);
    };
    for (const sev of ['negligible', 'critical', 'unknown', 'medium', 'low', 'high'] as const) {
      await page.locator(`#controls input[value="${sev}"]`).uncheck();
      on.splice(on.indexOf(sev), 1);
      await check();
    }
    expect(await shown(page)).toBe(0);
    for (const sev of ['high', 'unknown'] as const) {
      await page.locator(`#controls input[value="${sev}"]`).check();
      on.push(sev);
      await check();
    }
    expect(s.consoleMessages).toEqual([]);
    expect(s.pageErrors).toEqual([]);
    await close(s);
  });

  it('the search box filters by package name, CVE id or alias, case-insensitively, with the severity filter', async () => {
    const s = await open(html, 'setContent');
    const { page } = s;
    /** The spec: a finding matches when its id, an alias, its package name/version, fixed version or summary holds the query. */
    const matching = (q: string, on: readonly Severity[] = SEVERITIES): Finding[] => {
      const needle = q.trim().toLowerCase().replace(/\s+/g, ' ');
      return report.findings.filter(
        (f) =>
          on.includes(f.severity) &&
          [f.id, ...f.aliases, f.package.name, f.package.version, f.fixedVersion ?? '', f.summary ?? ''].some((x) => x.toLowerCase().replace(/\s+/g, ' ').includes(needle)),
      );
    };
    const visibleIds = async (): Promise<string[]> =>
      page.evaluate(() =>
        [...document.querySelectorAll('tr[data-severity]')].filter((r) => r.checkVisibility()).map((r) => `${r.closest('section')?.dataset['package']} ${r.dataset['id']}`),
      );
    const key = (f: Finding): string => `${f.package.id} ${f.id}`;
    const cases: Array<[string, number]> = [
      ['libssl3', 20], // every finding of one package (lower bounds: the data must exercise the case)
      ['CVE-2025-9230', 2], // one CVE in two packages
      ['cve-2025-9230', 2],
      ['GHSA-V845-JXX5-VC9F', 1], // an alias, upper-cased
      ['GHSA-j8r2-6x86-q33q', 0], // the alias of a suppressed finding: not a finding row
      ['  musl  ', 4],
      ['no-such-thing-anywhere', 0],
    ];
    for (const [q, atLeast] of cases) {
      await page.fill('#search', q);
      const want = matching(q);
      expect(want.length, q).toBeGreaterThanOrEqual(atLeast);
      expect((await visibleIds()).sort(), q).toEqual(want.map(key).sort());
      expect(await shown(page)).toBe(want.length);
    }
    const libssl = await visibleIds();
    await page.fill('#search', 'libssl3');
    expect((await visibleIds()).every((k) => k.startsWith('apk:libssl3@'))).toBe(true);
    expect(libssl).toEqual([]);
    await page.locator('#controls input[value="high"]').uncheck();
    expect((await visibleIds()).sort()).toEqual(matching('libssl3', SEVERITIES.filter((x) => x !== 'high')).map(key).sort());
    await page.fill('#search', '');
    expect(await shown(page)).toBe(report.findings.filter((f) => f.severity !== 'high').length);
    expect(s.pageErrors).toEqual([]);
    await close(s);
  });

  it('column headers sort a package table both ways: severity, CVSS, id (numeric parts), fixed version', async () => {
    const s = await open(html, 'file');
    const table = s.page.locator('section[data-package="apk:libcrypto3@3.3.2-r0"] table');
    const column = async (i: number): Promise<string[]> =>
      table.locator('tbody tr').evaluateAll((rows, n) => rows.map((r) => ((r as PageElement).cells[n]?.innerText ?? '').split('\n')[0]?.trim() ?? ''), i);
    const ids = await column(1);
    expect(ids.length).toBeGreaterThan(10);
    const cveKey = (id: string): number => {
      const m = /^CVE-(\d+)-(\d+)$/.exec(id);
      if (!m) throw new Error(id);
      return Number(m[1]) * 1e7 + Number(m[2]);
    };
    const rank = (label: string): number => SEVERITIES.indexOf(label.toLowerCase() as Severity);
    const score = (cell: string): number => (cell === '' ? -1 : Number.parseFloat(cell));
    const fixedAsc = execFileSync('sort', ['-V'], { input: `${(await column(2)).join('\n')}\n`, encoding: 'utf8' }).trim().split('\n');
    const sortedBy = <T>(xs: T[], f: (x: T) => number): T[] => [...xs].sort((a, b) => f(a) - f(b));
    const orders: Array<[string, number, (cells: string[]) => string[]]> = [
      ['Severity', 0, (c) => sortedBy(c, rank)],
      ['CVSS', 3, (c) => sortedBy(c, score)],
      ['ID', 1, (c) => sortedBy(c, cveKey)],
      ['Fixed in', 2, () => fixedAsc],
    ];
    for (const [name, col, ascending] of orders) {
      const header = table.locator('th', { hasText: name });
      const before = await column(col);
      await header.click();
      expect(await column(col), `${name} ascending`).toEqual(ascending(before));
      expect(await header.getAttribute('aria-sort')).toBe('ascending');
      await header.click();
      expect(await column(col), `${name} descending`).toEqual(ascending(before).reverse());
      expect(await header.getAttribute('aria-sort')).toBe('descending');
      expect((await column(1)).sort()).toEqual([...ids].sort()); // no row lost or duplicated
    }
    expect(new Set(await column(2)).size).toBeGreaterThanOrEqual(4); // the fixed versions differ only after "3.3."
    expect(s.pageErrors).toEqual([]);
    await close(s);
  });

  it('with JavaScript off every finding, suppressed finding and unknown is in the page text', async () => {
    const s = await open(html, 'file', false);
    const { page } = s;
    expect(await page.locator('#controls').isVisible()).toBe(false); // controls that would do nothing stay hidden
    const text = squash(await page.locator('body').innerText());
    for (const f of report.findings) {
      expect(text).toContain(f.id);
      expect(text).toContain(squash(`${f.package.name} ${f.package.version}`));
      if (f.fixedVersion !== undefined) expect(text).toContain(f.fixedVersion);
      const summary = squash(f.summary ?? '');
      // eslint-disable-next-line no-control-regex
      expect(text).toContain(/[\u0000-\u001f]/.test(summary) ? summary.slice(0, 60) : summary);
    }
    for (const sup of report.suppressed) expect(text).toContain(`${sup.finding.id} ${sup.finding.package.name} ${sup.finding.package.version} ${sup.by} ${squash(sup.reason)}`);
    expect(text).toContain('Not evaluated (1)');
    expect(await visibleBySeverity(page)).toEqual(countBySeverity(report.findings, SEVERITIES));
    expect(s.requests).toEqual([]);
    expect(s.consoleMessages).toEqual([]);
    await close(s);
  });

  it('very long advisory text wraps inside the page', async () => {
    const s = await open(html, 'file');
    const { page } = s;
    await page.locator('tr[data-id="CVE-2099-0002"] summary').click();
    const layout = await page.evaluate(() => {
      const row = document.querySelector('tr[data-id="CVE-2099-0002"]');
      return { scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth, row: row?.getBoundingClientRect().right ?? Infinity };
    });
    expect(layout.scroll).toBeLessThanOrEqual(layout.client);
    expect(layout.row).toBeLessThanOrEqual(layout.client);
    expect(await page.locator('body').innerText()).toContain(LONG); // wrapped, not cut
    await close(s);
  });

  it('a 300,000-character unbroken word does not stall the page', async () => {
    // Unbroken, this word took Chromium ~15 s to lay out in a table cell here (superlinear in its
    // length; 'A' runs are a bad case); with the writer's <wbr> every 100 characters, ~0.5 s.
    const first = report.findings[0] as Finding;
    const huge = writeHtml({ ...report, findings: [{ ...first, summary: 'A'.repeat(300_000) }] });
    const started = performance.now();
    const s = await open(huge, 'setContent');
    const ms = performance.now() - started;
    expect(await s.page.locator('td.text').first().evaluate((e: PageElement) => e.innerText.length)).toBeGreaterThanOrEqual(300_000);
    expect(ms).toBeLessThan(8_000);
    await close(s);
  });
});
