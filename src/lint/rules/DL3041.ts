import type { LintRule } from '../rule.js';
import { checkRpmPinning } from './support/rpm-pinning.js';

const TOOLS: ReadonlySet<string> = new Set(['dnf', 'microdnf']);

/** `dnf`/`microdnf install x` without a version (`x-1.2`), `dnf module install m` without a stream (`m:9`). Points at the package. */
export const DL3041: LintRule = {
  code: 'DL3041',
  level: 'warning',
  message: 'Specify version with `dnf install -y <package>-<version>`.',
  description: 'Pin the versions of packages installed with dnf or microdnf.',
  check: (ctx) => checkRpmPinning(ctx, 'DL3041', TOOLS),
};
