import type { Analyzer } from '../analyzer.js';
import { apkAnalyzer } from './apk.js';
import { dpkgAnalyzer } from './dpkg.js';
import { createOsAnalyzer } from './os.js';
import { rpmAnalyzer } from './rpm.js';

export interface AnalyzerOptions {
  /** The scan date, for end-of-life status. */
  now: Date;
}

/**
 * Every analyzer, in merge order. The OS analyzer comes first: the others (and purls) need the OS.
 * Adding an analyzer means adding its file and one line here.
 */
export function createAnalyzers(opts: AnalyzerOptions): Analyzer[] {
  return [createOsAnalyzer({ now: opts.now }), dpkgAnalyzer, apkAnalyzer, rpmAnalyzer];
}
