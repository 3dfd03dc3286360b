import type { PackageType } from '../../core/package.js';
import type { Matcher } from '../matcher.js';
import { apkMatcher } from './apk.js';
import { binaryMatcher } from './binary.js';
import { cargoMatcher } from './cargo.js';
import { composerMatcher } from './composer.js';
import { debMatcher } from './deb.js';
import { gemMatcher } from './gem.js';
import { goMatcher } from './go.js';
import { mavenMatcher } from './maven.js';
import { npmMatcher } from './npm.js';
import { nugetMatcher } from './nuget.js';
import { pypiMatcher } from './pypi.js';
import { rpmMatcher } from './rpm.js';

/** Every matcher, one per file; each package type has exactly one. Conda packages have no feed yet. */
export const MATCHERS: readonly Matcher[] = [
  debMatcher,
  apkMatcher,
  rpmMatcher,
  npmMatcher,
  pypiMatcher,
  goMatcher,
  mavenMatcher,
  gemMatcher,
  cargoMatcher,
  composerMatcher,
  nugetMatcher,
  binaryMatcher,
];

const BY_TYPE: ReadonlyMap<PackageType, Matcher> = new Map(MATCHERS.flatMap((m) => m.types.map((t) => [t, m] as const)));

export function matcherFor(type: PackageType): Matcher | undefined {
  return BY_TYPE.get(type);
}
