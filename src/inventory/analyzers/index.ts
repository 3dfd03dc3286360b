import type { SecretRuleSet } from '../../secrets/rule-set.js';
import type { Analyzer } from '../analyzer.js';
import { apkAnalyzer } from './apk.js';
import { binaryFingerprintAnalyzer } from './binary-fingerprint.js';
import { cargoLockAnalyzer } from './cargo-lock.js';
import { composerAnalyzer } from './composer.js';
import { condaMetaAnalyzer } from './conda-meta.js';
import { dotnetDepsAnalyzer } from './dotnet-deps.js';
import { dpkgAnalyzer } from './dpkg.js';
import { fsFactsAnalyzer } from './fs-facts.js';
import { gemfileLockAnalyzer } from './gemfile-lock.js';
import { gemspecAnalyzer } from './gemspec.js';
import { goBinaryAnalyzer } from './go-binary.js';
import { goModAnalyzer } from './go-mod.js';
import { gradleLockAnalyzer } from './gradle-lock.js';
import { javaArchiveAnalyzer } from './java-archive.js';
import { javascriptAnalyzer } from './javascript.js';
import { nugetLockAnalyzer } from './nuget-lock.js';
import { createOsAnalyzer } from './os.js';
import { pythonInstalledAnalyzer } from './python-installed.js';
import { pythonLockAnalyzer } from './python-lock.js';
import { rpmAnalyzer } from './rpm.js';
import { rustBinaryAnalyzer } from './rust-binary.js';
import { createSecretsAnalyzer } from './secrets.js';
import { sbtLockAnalyzer } from './sbt-lock.js';

export interface AnalyzerOptions {
  /** The scan date, for end-of-life status. */
  now: Date;
  /** Secret scanning with this rule set (`drydock scan`'s `secret` scanner); off by default. */
  secrets?: SecretRuleSet;
}

/** The OS and its package databases; they merge first (purls need the OS, language packages the file lists). */
export function createOsAnalyzers(opts: AnalyzerOptions): Analyzer[] {
  return [createOsAnalyzer({ now: opts.now }), dpkgAnalyzer, apkAnalyzer, rpmAnalyzer];
}

/** Language ecosystems, binaries identified by build info or version strings. */
export const LANGUAGE_ANALYZERS: readonly Analyzer[] = [
  javascriptAnalyzer,
  pythonInstalledAnalyzer,
  pythonLockAnalyzer,
  goBinaryAnalyzer,
  goModAnalyzer,
  javaArchiveAnalyzer,
  gradleLockAnalyzer,
  sbtLockAnalyzer,
  gemspecAnalyzer,
  gemfileLockAnalyzer,
  composerAnalyzer,
  cargoLockAnalyzer,
  rustBinaryAnalyzer,
  dotnetDepsAnalyzer,
  nugetLockAnalyzer,
  condaMetaAnalyzer,
  binaryFingerprintAnalyzer,
];

/**
 * Every analyzer, in merge order. Adding an analyzer means adding its file and one line here.
 * `fs-facts` (final-filesystem facts for the configuration checks) finds no packages; `secrets`
 * (only with `secrets`) searches every file of every layer for secrets.
 */
export function createAnalyzers(opts: AnalyzerOptions): Analyzer[] {
  return [...createOsAnalyzers(opts), ...LANGUAGE_ANALYZERS, fsFactsAnalyzer, ...(opts.secrets ? [createSecretsAnalyzer(opts.secrets)] : [])];
}
