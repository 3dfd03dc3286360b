import { describe, expect, it } from 'vitest';
import { DebianReleases, UNSTABLE_NAMESPACE } from '../../../src/vulndb/importers/debian/releases.js';
import { SAMPLE, readText } from './debian-sample.js';

function collect(): { warn: (m: string) => void; warnings: string[] } {
  const warnings: string[] = [];
  return { warn: (m) => warnings.push(m), warnings };
}

describe('Debian codenames ↔ numbers', () => {
  it('maps the built-in codenames to debian:<number> and sid to debian:unstable', () => {
    const r = new DebianReleases();
    expect(r.namespaceOf('stretch')).toBe('debian:9');
    expect(r.namespaceOf('buster')).toBe('debian:10');
    expect(r.namespaceOf('bullseye')).toBe('debian:11');
    expect(r.namespaceOf('bookworm')).toBe('debian:12');
    expect(r.namespaceOf('trixie')).toBe('debian:13');
    expect(r.namespaceOf('forky')).toBe('debian:14');
    expect(r.namespaceOf('woody')).toBe('debian:3.0');
    expect(r.namespaceOf('sid')).toBe(UNSTABLE_NAMESPACE);
    expect(r.namespaceOf('experimental')).toBeUndefined();
    expect(r.codenameOf('12')).toBe('bookworm');
    expect(r.versionOf('sid')).toBeUndefined();
  });

  it("agrees with every number in vuln-list-debian's distributions.json", () => {
    const doc = JSON.parse(readText(SAMPLE.distributions)) as Record<string, { 'major-version': string }>;
    const r = new DebianReleases();
    const { warn, warnings } = collect();
    r.addDistributionsJson(doc, 'distributions.json', warn);
    expect(warnings).toEqual([]);
    const numbered = Object.entries(doc).filter(([, v]) => v['major-version'] !== '');
    expect(numbered.length).toBeGreaterThan(5);
    for (const [codename, info] of numbered) expect(r.namespaceOf(codename)).toBe(`debian:${info['major-version']}`);
    // inference covers the declared numbered releases from wheezy (7) on, oldest first
    const expected = numbered
      .filter(([, v]) => Number(v['major-version']) >= 7)
      .sort((a, b) => Number(a[1]['major-version']) - Number(b[1]['major-version']))
      .map(([c]) => c);
    expect(r.inferenceTargets()).toEqual(expected);
    expect(r.inferenceTargets()).not.toContain('sid');
  });

  it("reads the tracker's config.json codenames (numbers from the built-in table)", () => {
    const doc = JSON.parse(readText(SAMPLE.config)) as { distributions: Record<string, unknown> };
    const r = new DebianReleases();
    const { warn, warnings } = collect();
    r.addConfigJson(doc, 'config.json', warn);
    expect(warnings).toEqual([]);
    const declared = Object.keys(doc.distributions);
    expect(declared).toContain('bookworm');
    for (const c of declared) expect(r.namespaceOf(c), c).toBeDefined();
    const targets = r.inferenceTargets();
    expect(targets).toContain('bookworm');
    for (const t of targets) expect(declared).toContain(t);
    expect(targets).not.toContain('potato'); // 2.2: too old to infer for
  });

  it('warns about malformed codename maps and keeps the built-in table', () => {
    const r = new DebianReleases();
    const { warn, warnings } = collect();
    r.addDistributionsJson([], 'd1', warn);
    r.addDistributionsJson({ bookworm: { 'major-version': 'twelve' }, 'Bad Name': {} }, 'd2', warn);
    r.addConfigJson({ nope: 1 }, 'c1', warn);
    r.addConfigJson({ distributions: { zaphod: {} } }, 'c2', warn);
    expect(warnings).toHaveLength(5);
    expect(warnings[0]).toMatch(/^d1: expected an object/);
    expect(warnings.join('\n')).toMatch(/d2: bookworm has major-version "twelve"/);
    expect(warnings.join('\n')).toMatch(/c2: codename zaphod has no known release number/);
    expect(r.namespaceOf('bookworm')).toBe('debian:12');
  });

  it("lets the feed's own number win over the built-in table, with a warning", () => {
    const r = new DebianReleases();
    const { warn, warnings } = collect();
    r.addDistributionsJson({ duke: { 'major-version': '16' } }, 'd', warn);
    expect(r.namespaceOf('duke')).toBe('debian:16');
    expect(warnings).toEqual(['d: duke is 16 here, 15 in the built-in table; using 16']);
  });
});
