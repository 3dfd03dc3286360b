import { describe, expect, it } from 'vitest';
import { existsSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { ANALYZER_VERSIONS, analyzerVersions } from '../src/inventory/analyzer-versions.js';
import { createAnalyzers } from '../src/inventory/analyzers/index.js';
import { SCHEMES } from '../src/versioning/index.js';
import { secretRuleSet } from '../src/secrets/rule-set.js';

const root = fileURLToPath(new URL('..', import.meta.url));

describe('plug-in registries', () => {
  it('every analyzer file is in the analyzer list, and every analyzer has a test file', () => {
    const files = readdirSync(`${root}/src/inventory/analyzers`).filter((f) => f.endsWith('.ts') && f !== 'index.ts');
    // every analyzer, the optional ones (secrets) switched on
    const ids = createAnalyzers({ now: new Date(), secrets: secretRuleSet() }).map((a) => a.id);
    expect(new Set(ids).size).toBe(ids.length);
    // the OS first (purls need it), then the OS package databases (language packages fold into them)
    expect(ids.slice(0, 4)).toEqual(['os', 'dpkg', 'apk', 'rpm']);
    expect([...ids].sort()).toEqual(files.map((f) => f.replace(/\.ts$/, '')).sort());
    for (const id of ids) expect(existsSync(`${root}/test/inventory/analyzers/${id}.test.ts`), `test for analyzer ${id}`).toBe(true);
  });

  it('ANALYZER_VERSIONS (what warm scans key the image memo by, without loading analyzers) matches the analyzers', () => {
    const actual = createAnalyzers({ now: new Date() }).map((a) => ({ id: a.id, version: a.version }));
    expect(ANALYZER_VERSIONS.map((a) => ({ id: a.id, version: a.version }))).toEqual(actual);
    const secrets = secretRuleSet();
    const withSecrets = createAnalyzers({ now: new Date(), secrets }).map((a) => ({ id: a.id, version: a.version, ...(a.variant === undefined ? {} : { variant: a.variant }) }));
    expect(analyzerVersions(secrets.key)).toEqual(withSecrets);
  });
});

describe('version scheme registry', () => {
  const isScheme = (x: unknown): boolean =>
    typeof x === 'object' && x !== null && typeof (x as { id?: unknown }).id === 'string' && typeof (x as { compareParsed?: unknown }).compareParsed === 'function';
  const placeholder = (parse: (v: string) => unknown): boolean => {
    try {
      parse('1');
      return false;
    } catch (err) {
      return err instanceof Error && err.message.includes('not implemented');
    }
  };

  it('every scheme exported from src/versioning is in SCHEMES, from its own <id>.ts, with test/versioning/<id>.test.ts', async () => {
    // Modules exporting no scheme (shared helpers of a scheme, e.g. a range parser) are allowed.
    const files = readdirSync(`${root}/src/versioning`).filter((f) => f.endsWith('.ts') && f !== 'scheme.ts' && f !== 'index.ts');
    const ids = SCHEMES.map((s) => s.id);
    const exportedBy = new Map<string, unknown[]>();
    for (const f of files) {
      const values = Object.values((await import(`${root}/src/versioning/${f}`)) as Record<string, unknown>);
      exportedBy.set(f, values);
      for (const value of values.filter(isScheme)) {
        // variants of a scheme (npm's loose mode) share its id and its file
        const id = (value as { id: string }).id;
        expect(ids, `scheme ${id} exported from ${f} is listed in SCHEMES`).toContain(id);
        expect(f, `scheme ${id} lives in ${id}.ts`).toBe(`${id}.ts`);
      }
    }
    for (const s of SCHEMES) expect(exportedBy.get(`${s.id}.ts`), `SCHEMES entry ${s.id} is exported by ${s.id}.ts`).toContain(s);
    for (const s of SCHEMES) {
      if (placeholder(s.parse)) continue; // lights up when the scheme lands
      expect(existsSync(`${root}/test/versioning/${s.id}.test.ts`), `test for version scheme ${s.id}`).toBe(true);
    }
  });

  it('ids and aliases are unique across schemes (case-insensitively)', () => {
    const names = SCHEMES.flatMap((s) => [s.id, ...s.aliases].map((n) => n.toLowerCase()));
    expect(names.filter((n, i) => names.indexOf(n) !== i)).toEqual([]);
  });
});

describe('lint rule registry', () => {
  it('every rule file is in RULES under its own code, with test/lint/rules/<CODE>.test.ts and a line in docs/lint.md or hadolint-rules.json', async () => {
    const { RULES } = await import('../src/lint/rules/index.js');
    const { readFileSync } = await import('node:fs');
    const files = readdirSync(`${root}/src/lint/rules`).filter((f) => /^(DL|DD)\d{4}\.ts$|^DD\d{3}\.ts$/.test(f));
    const codes = RULES.map((r) => r.code);
    expect(new Set(codes).size).toBe(codes.length);
    expect([...codes].sort()).toEqual(files.map((f) => f.replace(/\.ts$/, '')).sort());
    const docs = readFileSync(`${root}/docs/lint.md`, 'utf8');
    const hadolint = (JSON.parse(readFileSync(`${root}/../shared/conformance/hadolint-rules.json`, 'utf8')) as { rules: Array<{ code: string }> }).rules.map((r) => r.code);
    for (const code of codes) {
      expect(existsSync(`${root}/test/lint/rules/${code}.test.ts`), `test for rule ${code}`).toBe(true);
      if (code.startsWith('DD')) expect(docs, `docs/lint.md documents ${code}`).toContain(`| ${code} |`);
      else expect(hadolint, `${code} is a Hadolint rule`).toContain(code);
    }
  });
});
