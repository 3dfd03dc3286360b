import { onlyArbitrary, parseSpecifierSet, specifierSetContains } from './pep440-specifiers.js';
import { comparePep440, parsePep440, pep440EqualityKeys, type Pep440Version } from './pep440-version.js';
import { InvalidVersionError, comparer, type VersionScheme } from './scheme.js';

/**
 * PEP 440 (PyPI) as pypa/packaging implements it: versions (pep440-version.ts) and specifier sets
 * (pep440-specifiers.ts). Legacy versions packaging rejects (`1.0-foo-bar`, `french toast`) are
 * `InvalidVersionError`s: packaging orders nothing for them, and neither does drydock.
 *
 * `satisfies(version, range)` is packaging's `version in SpecifierSet(range)` for one installed version.
 * Pre-releases are not excluded (packaging's default lets one match when it is the only candidate,
 * which is also what a vulnerability range needs: `1.3.0a1` is inside `>=1.2,<1.4`). PEP 440's
 * exclusive rules stay exact: `2.0rc1` is not in `<2.0` (`<V` excludes V's own pre-releases) even though
 * `compare` orders it below `2.0` — OSV ranges are matched by `compare`, not by specifiers.
 */
function parse(version: string): Pep440Version {
  const v = parsePep440(version);
  if (!v) throw new InvalidVersionError('pep440', version, 'not a PEP 440 version');
  return v;
}

/** `version in SpecifierSet(range, prereleases=…)`; see specifierSetContains. */
export function pep440Satisfies(version: string, range: string, prereleases?: boolean): boolean {
  const specs = parseSpecifierSet(range);
  const v = parsePep440(version);
  if (!v) {
    // Only `===` can match a version that is not PEP 440; anything else cannot be decided.
    if (onlyArbitrary(specs)) return specs.every((s) => s.text.toLowerCase() === version.toLowerCase());
    throw new InvalidVersionError('pep440', version, 'not a PEP 440 version');
  }
  return specifierSetContains(specs, v, version, prereleases);
}

export const pep440Scheme: VersionScheme<Pep440Version> = {
  id: 'pep440',
  aliases: ['pypi', 'python'],
  parse,
  compareParsed: comparePep440,
  compare: comparer(parse, comparePep440),
  satisfies: (version, range) => pep440Satisfies(version, range),
  equalityKeys: pep440EqualityKeys,
};
