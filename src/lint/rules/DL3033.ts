import type { LintRule } from '../rule.js';
import { checkRpmPinning } from './support/rpm-pinning.js';

const TOOLS: ReadonlySet<string> = new Set(['yum']);

/** `yum install x` without a version (`x-1.2`), `yum module install m` without a stream (`m:9`). Points at the package. */
export const DL3033: LintRule = {
  code: 'DL3033',
  level: 'warning',
  message: 'Specify version with `yum install -y <package>-<version>`.',
  description: 'Pin the versions of packages installed with yum.',
  check: (ctx) => checkRpmPinning(ctx, 'DL3033', TOOLS),
};
