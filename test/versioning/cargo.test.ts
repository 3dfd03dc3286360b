/**
 * Vectors from the `semver` crate's own tests (dtolnay/semver tests/test_version_req.rs), transcribed
 * as data; they exercise the crate's exact pre-release rule (`includePrerelease: false`).
 */
import { describe, expect, it } from 'vitest';
import { cargoSatisfies, cargoScheme } from '../../src/versioning/cargo.js';
import { InvalidRangeError, InvalidVersionError } from '../../src/versioning/scheme.js';

const REQS: [string, string[], string[]][] = [
  ['1.0.0', ['1.0.0', '1.1.0', '1.0.1'], ['0.9.9', '0.10.0', '0.1.0', '1.0.0-pre', '1.0.1-pre']],
  ['=1.0.0', ['1.0.0'], ['1.0.1', '0.9.9', '0.10.0', '0.1.0', '1.0.0-pre']],
  ['=0.9.0', ['0.9.0'], ['0.9.1', '1.9.0', '0.0.9', '0.9.0-pre']],
  ['=0.0.2', ['0.0.2'], ['0.0.1', '0.0.3', '0.0.2-pre']],
  ['=0.1.0-beta2.a', ['0.1.0-beta2.a'], ['0.9.1', '0.1.0', '0.1.1-beta2.a', '0.1.0-beta2']],
  ['=0.1.0+meta', ['0.1.0', '0.1.0+meta', '0.1.0+any'], []],
  ['>= 1.0.0', ['1.0.0', '2.0.0'], ['0.1.0', '0.0.1', '1.0.0-pre', '2.0.0-pre']],
  ['>= 2.1.0-alpha2', ['2.1.0-alpha2', '2.1.0-alpha3', '2.1.0', '3.0.0'], ['2.0.0', '2.1.0-alpha1', '2.0.0-alpha2', '3.0.0-alpha2']],
  ['< 1.0.0', ['0.1.0', '0.0.1'], ['1.0.0', '1.0.0-beta', '1.0.1', '0.9.9-alpha']],
  ['<= 2.1.0-alpha2', ['2.1.0-alpha2', '2.1.0-alpha1', '2.0.0', '1.0.0'], ['2.1.0', '2.2.0-alpha1', '2.0.0-alpha2', '1.0.0-alpha2']],
  ['>1.0.0-alpha, <1.0.0', ['1.0.0-beta'], []],
  ['>1.0.0-alpha, <1.0', [], ['1.0.0-beta']],
  ['>1.0.0-alpha, <1', [], ['1.0.0-beta']],
  ['> 0.0.9, <= 2.5.3', ['0.0.10', '1.0.0', '2.5.3'], ['0.0.8', '2.5.4']],
  ['0.3.0, 0.4.0', [], ['0.0.8', '0.3.0', '0.4.0']],
  ['<= 0.2.0, >= 0.5.0', [], ['0.0.8', '0.3.0', '0.5.1']],
  ['0.1.0, 0.1.4, 0.1.6', ['0.1.6', '0.1.9'], ['0.1.0', '0.1.4', '0.2.0']],
  ['>=0.5.1-alpha3, <0.6', ['0.5.1-alpha3', '0.5.1-alpha4', '0.5.1-beta', '0.5.1', '0.5.5'], ['0.5.1-alpha1', '0.5.2-alpha3', '0.5.5-pre', '0.5.0-pre', '0.6.0', '0.6.0-pre']],
  ['~1', ['1.0.0', '1.0.1', '1.1.1'], ['0.9.1', '2.9.0', '0.0.9']],
  ['~1.2', ['1.2.0', '1.2.1'], ['1.1.1', '1.3.0', '0.0.9']],
  ['~1.2.2', ['1.2.2', '1.2.4'], ['1.2.1', '1.9.0', '1.0.9', '2.0.1', '0.1.3']],
  ['~1.2.3-beta.2', ['1.2.3', '1.2.4', '1.2.3-beta.2', '1.2.3-beta.4'], ['1.3.3', '1.1.4', '1.2.3-beta.1', '1.2.4-beta.2']],
  ['^1', ['1.1.2', '1.1.0', '1.2.1', '1.0.1'], ['0.9.1', '2.9.0', '0.1.4', '1.0.0-beta1', '0.1.0-alpha', '1.0.1-pre']],
  ['^1.1', ['1.1.2', '1.1.0', '1.2.1'], ['0.9.1', '2.9.0', '1.0.1', '0.1.4']],
  ['^1.1.2', ['1.1.2', '1.1.4', '1.2.1'], ['0.9.1', '2.9.0', '1.1.1', '0.0.1', '1.1.2-alpha1', '1.1.3-alpha1', '2.9.0-alpha1']],
  ['^0.1.2', ['0.1.2', '0.1.4'], ['0.9.1', '2.9.0', '1.1.1', '0.0.1', '0.1.2-beta', '0.1.3-alpha', '0.2.0-pre']],
  ['^0.5.1-alpha3', ['0.5.1-alpha3', '0.5.1-alpha4', '0.5.1-beta', '0.5.1', '0.5.5'], ['0.5.1-alpha1', '0.5.2-alpha3', '0.5.5-pre', '0.5.0-pre', '0.6.0']],
  ['^0.0.2', ['0.0.2'], ['0.9.1', '2.9.0', '1.1.1', '0.0.1', '0.1.4']],
  ['^0.0', ['0.0.2', '0.0.0'], ['0.9.1', '2.9.0', '1.1.1', '0.1.4']],
  ['^0', ['0.9.1', '0.0.2', '0.0.0'], ['2.9.0', '1.1.1']],
  ['^1.4.2-beta.5', ['1.4.2', '1.4.3', '1.4.2-beta.5', '1.4.2-beta.6', '1.4.2-c'], ['0.9.9', '2.0.0', '1.4.2-alpha', '1.4.2-beta.4', '1.4.3-beta.5']],
  ['*', ['0.9.1', '2.9.0', '0.0.9', '1.0.1', '1.1.1'], ['1.0.0-pre']],
  ['x', ['0.9.1', '2.9.0'], ['1.0.0-pre']],
  ['1.*', ['1.2.0', '1.2.1', '1.1.1', '1.3.0'], ['0.0.9', '1.2.0-pre']],
  ['1.X', ['1.2.0', '1.3.0'], ['0.0.9', '2.0.0']],
  ['1.*.*', ['1.2.0', '1.3.0'], ['0.0.9', '2.0.0']],
  ['1.2.*', ['1.2.0', '1.2.2', '1.2.4'], ['1.9.0', '1.0.9', '2.0.1', '0.1.3', '1.2.2-pre']],
  ['1.2.x', ['1.2.0', '1.2.4'], ['1.9.0', '2.0.1']],
  ['0.*.*', ['0.5.0'], ['1.0.0']],
  ['=2.1.1-really.0', ['2.1.1-really.0'], []],
];

const INVALID_REQS = ['> 0.1.0,', '> 0.3.0, ,', '1.2.3 - 2.3.4', '> 0.0.9 <= 2.5.3', '=1.2.3 || =2.3.4', '1.1 || =1.2.3', '', '\0', '>= >= 0.0.2', '>== 0.0.2', 'a.0.0', '1.0.0-', '>=', '1.2.3-01', '1.2.3+4.', '>', '1.', '1.*.', '1.2.3+4ÿ', '*.1', '1.*.1', '>=1.*.1', '*, 0.20.0-any', '0.20.0-any, *', '0.20.0-any, *, 1.0'];

describe('cargo scheme: semver crate VersionReq (test_version_req.rs)', () => {
  it.each(REQS)('%s', (req, all, none) => {
    for (const v of all) expect(cargoSatisfies(v, req, { includePrerelease: false }), `${v} matches ${req}`).toBe(true);
    for (const v of none) expect(cargoSatisfies(v, req, { includePrerelease: false }), `${v} does not match ${req}`).toBe(false);
  });

  it('rejects the malformed requirements', () => {
    for (const r of INVALID_REQS) expect(() => cargoSatisfies('1.0.0', r, { includePrerelease: false }), JSON.stringify(r)).toThrow(InvalidRangeError);
    for (const op of ['=', '>', '>=', '<', '<=', '~', '^']) {
      for (const v of ['1.2.3-1a', '1.2.3+1a', '1.2.3-01a', '1.2.3+01', '1.2.3-1+1', '1.2.3-1-1+1-1-1', '1.2.3-1a-1a+1a-1a-1a']) {
        expect(() => cargoSatisfies('1.0.0', `${op} ${v}`, { includePrerelease: false }), `${op} ${v}`).not.toThrow();
      }
    }
  });
});

describe('cargo scheme: drydock behaviour', () => {
  it('orders pre-releases inside advisory requirements', () => {
    expect(cargoScheme.satisfies?.('1.2.0-alpha', '>=1.0.0, <1.2.0')).toBe(true);
    expect(cargoSatisfies('1.2.0-alpha', '>=1.0.0, <1.2.0', { includePrerelease: false })).toBe(false);
    expect(cargoScheme.satisfies?.('2.0.0-alpha', '^1.2.3')).toBe(false); // a caret stays inside its major
    expect(cargoScheme.satisfies?.('1.2.3-alpha', '>=1.2.3')).toBe(false); // a pre-release of a fix is not the fix
    expect(cargoScheme.satisfies?.('0.1.9', '<0.1.10')).toBe(true);
  });

  it('compares strict SemVer and refuses anything else', () => {
    expect(cargoScheme.compare('1.0.0-alpha.1', '1.0.0-alpha.beta')).toBe(-1);
    expect(cargoScheme.compare('1.0.0+build.5', '1.0.0')).toBe(0);
    for (const v of ['v1.0.0', '1.0', '01.0.0', ' 1.0.0', '1.0.0-01']) expect(() => cargoScheme.parse(v), v).toThrow(InvalidVersionError);
    expect(cargoScheme.aliases).toEqual(['crates.io', 'rust']);
  });
});
