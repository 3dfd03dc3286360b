import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { stdlibVersion } from '../../src/inventory/parsers/go/toolchain.js';
import { goCanonical, goModCompare, goScheme } from '../../src/versioning/go.js';
import { InvalidRangeError, InvalidVersionError } from '../../src/versioning/scheme.js';
import { REPO_ROOT } from '../helpers/fixtures.js';
import { col, readTsv } from './lang-tsv.js';

describe('go scheme: golang.org/x/mod/semver conformance', () => {
  it('orders every pair of the TestCompare table like semver.Compare (go-semver.tsv)', () => {
    const rows = readTsv('go-semver.tsv');
    expect(rows.length).toBe(1024);
    const bad = rows.filter((r) => goModCompare(col(r, 'a'), col(r, 'b')) !== Number(col(r, 'expected')));
    expect(bad).toEqual([]);
  });

  it('the scheme orders the valid pairs the same and refuses the invalid ones (go-semver.tsv)', () => {
    let valid = 0;
    for (const r of readTsv('go-semver.tsv')) {
      const [a, b] = [col(r, 'a'), col(r, 'b')];
      if (goCanonical(a) === '' || goCanonical(b) === '') {
        expect(() => goScheme.compare(a, b), `${a} ${b}`).toThrow(InvalidVersionError);
      } else {
        valid++;
        expect(goScheme.compare(a, b), `${a} ${b}`).toBe(Number(col(r, 'expected')));
      }
    }
    expect(valid).toBeGreaterThan(500);
  });

  it('canonicalises like semver.Canonical (go-semver-canonical.tsv)', () => {
    const rows = readTsv('go-semver-canonical.tsv');
    expect(rows.length).toBe(32);
    for (const r of rows) expect(goCanonical(col(r, 'input')), col(r, 'input')).toBe(col(r, 'canonical'));
  });
});

describe('go scheme: drydock behaviour', () => {
  it('orders pseudo-versions and +incompatible like the go command', () => {
    expect(goScheme.compare('v0.0.0-20191109021931-daa7c04131f5', 'v0.0.1')).toBe(-1);
    expect(goScheme.compare('v1.2.4-0.20191109021931-daa7c04131f5', 'v1.2.3')).toBe(1);
    expect(goScheme.compare('v1.2.4-0.20191109021931-daa7c04131f5', 'v1.2.4')).toBe(-1);
    expect(goScheme.compare('v1.2.4-0.20191109021931-daa7c04131f5', 'v1.2.4-0.20200101000000-aaaaaaaaaaaa')).toBe(-1);
    expect(goScheme.compare('v2.0.0+incompatible', 'v2.0.0')).toBe(0);
    expect(goScheme.compare('v17.12.0+incompatible', 'v20.10.0+incompatible')).toBe(-1);
    expect(goScheme.aliases).toEqual(['golang', 'gomod']);
  });

  it('reads Go vulndb versions without `v` and toolchain names as the inventory reports stdlib', () => {
    expect(goScheme.compare('1.21.0-0', 'v1.21.0-rc.1')).toBe(-1);
    expect(goScheme.compare('1.21.3', 'v1.21.3')).toBe(0);
    for (const t of ['go1.21.3', 'go1.21rc2', 'go1.20', 'go1.9beta1', 'go1.22.1 X:boringcrypto']) {
      expect(goScheme.compare(t, stdlibVersion(t) ?? 'missing'), t).toBe(0);
    }
    expect(goScheme.compare('go1.21rc2', '1.21.0')).toBe(-1);
    expect(() => goScheme.parse('devel go1.22-abcdef')).toThrow(InvalidVersionError);
    expect(() => goScheme.parse('1.2-pre')).toThrow(InvalidVersionError);
  });

  it('every SEMVER event of the real Go vulndb sample parses, and introduced < fixed', () => {
    const dir = `${REPO_ROOT}/../shared/vulndata/go/golang-vulndb/data/osv`;
    let events = 0;
    for (const f of readdirSync(dir).filter((n) => n.endsWith('.json'))) {
      const rec = JSON.parse(readFileSync(`${dir}/${f}`, 'utf8')) as { affected?: { ranges?: { type: string; events: Record<string, string>[] }[] }[] };
      for (const range of (rec.affected ?? []).flatMap((a) => a.ranges ?? []).filter((r) => r.type === 'SEMVER')) {
        let last: string | undefined;
        for (const e of range.events) {
          const v = e['introduced'] ?? e['fixed'] ?? e['last_affected'];
          if (v === undefined) continue;
          events++;
          if (last !== undefined && v !== '0') expect(goScheme.compare(last, v), `${f}: ${last} < ${v}`).toBe(-1);
          if (v !== '0') last = v;
        }
      }
    }
    expect(events).toBeGreaterThan(1000);
  });

  it('satisfies plain comparator ranges', () => {
    expect(goScheme.satisfies?.('v1.21.2', '>=1.21.0-0 <1.21.3')).toBe(true);
    expect(goScheme.satisfies?.('v1.21.3', '>=1.21.0-0 <1.21.3')).toBe(false);
    expect(goScheme.satisfies?.('v1.20.9', '<1.20.10 || >=1.21.0-0, <1.21.3')).toBe(true);
    expect(() => goScheme.satisfies?.('v1.0.0', '>=x')).toThrow(InvalidRangeError);
  });
});
