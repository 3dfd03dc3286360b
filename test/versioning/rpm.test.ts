import { describe, expect, it } from 'vitest';
import { findScheme } from '../../src/versioning/index.js';
import { parseRpm, rpmScheme, rpmvercmp, type RpmVersion } from '../../src/versioning/rpm.js';
import { InvalidVersionError } from '../../src/versioning/scheme.js';
import { readVectors } from './conformance-tsv.js';
import { librpmParse, librpmVercmp, runPython } from './reference.js';

/** Ours, as librpm's (epoch|null, version, release|null) triple; librpm leaves a missing epoch null. */
function triple(v: RpmVersion, input: string): [string | null, string, string | null] {
  const explicitEpoch = /^\d*:/.test(input);
  return [explicitEpoch ? v.epoch : null, v.version, v.release];
}

function ours(input: string): [string | null, string, string | null] | 'rejected' {
  try {
    return triple(parseRpm(input), input);
  } catch (err) {
    if (err instanceof InvalidVersionError) return 'rejected';
    throw err;
  }
}

describe('rpm: EVR parsing', () => {
  const rows = readVectors('rpm-go-rpm-version-parse.tsv');
  const inputs = rows.map((r) => r['input'] ?? '');
  const librpm = librpmParse(inputs);

  it('splits every go-rpm-version parse input exactly like librpm (rpm.ver), or rejects it on purpose', () => {
    const rejected: string[] = [];
    inputs.forEach((input, i) => {
      const got = ours(input);
      if (got === 'rejected') rejected.push(input);
      else expect(got, JSON.stringify(input)).toEqual(librpm[i]);
    });
    // Deliberately refused: whitespace anywhere (librpm keeps it literally, rpmvercmp then ignores it),
    // the empty string (librpm refuses it too) and an empty version (librpm: "0:" has version "",
    // "-1:1.2.3" has version "" and release "1:1.2.3").
    expect(rejected).toEqual(['  \t0:0-1', '0:0-1  \t', '\t  0:0-1  \t', ' ', '0:0 0-1', '-1:1.2.3', '', '0:']);
    expect(librpm[inputs.indexOf('')]).toBeNull();
  });

  it('go-rpm-version’s lenient split differs from librpm exactly on these rows (librpm wins)', () => {
    const differs = rows
      .filter((r, i) => {
        const lib = librpm[i];
        if (!lib) return true;
        const [e, v, rel] = lib;
        return (e ?? '0') !== r['epoch'] || v !== r['version'] || (rel ?? '') !== r['release'];
      })
      .map((r) => r['input']);
    // go-rpm-version splits the release at the FIRST '-' after the epoch, parses any text before ':'
    // as an epoch (dropping it when it is not a number) and trims leading blanks; librpm splits at the
    // LAST '-' and only treats leading digits + ':' as an epoch.
    expect(differs).toEqual(['0:0-0-0', '0:0-0-0-0', '0:0:0-0-0', '0:0-0:0-0', '  \t0:0-1', '\t  0:0-1  \t', '-1:0-1', 'a:0-0', 'A:1-2', 'A:1.2.3', '-1:1.2.3', '']);
  });

  it('a missing epoch is 0, an empty one (":1") too; the release is optional', () => {
    expect(parseRpm('1.2-3')).toEqual({ epoch: '0', version: '1.2', release: '3' });
    expect(parseRpm(':1.2')).toEqual({ epoch: '0', version: '1.2', release: null });
    expect(parseRpm('7:2.5-2.el9')).toEqual({ epoch: '7', version: '2.5', release: '2.el9' });
  });

  it.each(['', '1:', '-1', '1:-1', '1.0 ', '1.0\n', '1.0\u0000'])('rejects %j', (v) => {
    expect(() => parseRpm(v)).toThrow(InvalidVersionError);
  });
});

describe('rpm ordering', () => {
  const CASES: ReadonlyArray<readonly [string, string]> = [
    ['1.0~rc1', '1.0'],
    ['1.0^git1', '1.0'],
    ['1.0^git1', '1.0.1'],
    ['1.0~rc1^git1', '1.0~rc1'],
    ['1:1.0', '2.0'],
    ['0:1.0', '1.0'],
    ['1.0', '1.0-1'], // missing release sorts first (labelCompare)
    ['1.0-', '1.0'], // empty release is present
    ['1.0-1.el8', '1.0-1.el8_1'],
    ['2.9.1-6.0.1.el7_2.3', '2.9.1-6.el7_2.3'],
    ['1.0a', '1.0'],
    ['1.0.a', '1.0.1'],
    ['00123456789012345678901234567890', '123456789012345678901234567891'],
    ['1.0-1', '1.0-1'],
    ['10:1-1', '9:99-99'],
  ];

  it('orders hand-picked pairs exactly like python3-rpm labelCompare and rpm.ver', () => {
    const ref = runPython<Array<[number, number]>>(
      `import json, sys, rpm
out = []
for a, b in json.load(sys.stdin):
    va, vb = rpm.ver(a), rpm.ver(b)
    out.append([rpm.labelCompare((va.e, va.v, va.r), (vb.e, vb.v, vb.r)), (va > vb) - (va < vb)])
print(json.dumps(out))`,
      CASES,
    );
    CASES.forEach(([a, b], i) => {
      const [label, ver] = ref[i] ?? [NaN, NaN];
      expect(rpmScheme.compare(a, b), `${a} vs ${b}`).toBe(Math.sign(label));
      expect(rpmScheme.compare(b, a), `${b} vs ${a}`).toBe(-Math.sign(label) || 0);
      expect(Math.sign(ver), `rpm.ver agrees with labelCompare on ${a} vs ${b}`).toBe(Math.sign(label));
    });
  });

  it('raw rpmvercmp: tilde before the end, caret after the end but before more segments', () => {
    const pairs: Array<readonly [string, string]> = [
      ['1.0~', '1.0'],
      ['1.0^', '1.0'],
      ['1.0^', '1.0.1'],
      ['a', '1'],
      ['1.0.', '1.0'],
      ['1..0', '1.0'],
      ['~~', '~'],
      ['^^', '^'],
      ['x^', 'x~'],
    ];
    const lib = librpmVercmp(pairs);
    pairs.forEach(([a, b], i) => expect(rpmvercmp(a, b), `${a} vs ${b}`).toBe(Math.sign(lib[i] ?? NaN)));
  });

  it('is found by its aliases', () => {
    for (const name of ['rpm', 'rhel', 'CentOS', 'rocky', 'alma', 'fedora', 'amazon', 'oracle', 'suse', 'sles', 'opensuse', 'photon', 'azurelinux', 'mariner']) {
      expect(findScheme(name), name).toBe(rpmScheme);
    }
  });
});
