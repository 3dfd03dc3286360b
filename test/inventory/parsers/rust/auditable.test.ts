import { deflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { MAX_AUDIT_JSON, parseAuditSection } from '../../../../src/inventory/parsers/rust/auditable.js';

const z = (v: unknown): Buffer => deflateSync(Buffer.from(typeof v === 'string' ? v : JSON.stringify(v)));

describe('parseAuditSection', () => {
  it('reads the format, the crates, their kinds and dependency indices', () => {
    const got = parseAuditSection(z({ format: 8, packages: [{ name: 'a', version: '1.0.0', source: 'local', root: true, dependencies: [1] }, { name: 'b', version: '0.1.0', source: 'crates.io', kind: 'build' }] }));
    expect(got).toEqual({
      format: 8,
      crates: [
        { name: 'a', version: '1.0.0', source: 'local', kind: 'runtime', root: true, dependencies: [1] },
        { name: 'b', version: '0.1.0', source: 'crates.io', kind: 'build', root: false, dependencies: [] },
      ],
      problems: [],
    });
  });

  it('refuses to inflate past its cap (a zlib bomb)', () => {
    const bomb = deflateSync(Buffer.alloc(MAX_AUDIT_JSON + 1, 0x20), { level: 9 });
    expect(bomb.length).toBeLessThan(64 * 1024);
    expect(parseAuditSection(bomb).problems).toEqual([`cargo-auditable data decompresses to more than ${MAX_AUDIT_JSON} bytes`]);
  });

  it('reports JSON that is not audit data', () => {
    expect(parseAuditSection(z('{"packages": 1')).problems).toEqual(['cargo-auditable data is not JSON']);
    expect(parseAuditSection(z({ pkgs: [] })).problems).toEqual([expect.stringMatching(/^cargo-auditable data: packages: Invalid input/)]);
  });
});
