import type { LintRule } from '../rule.js';
import { DL3001 } from './DL3001.js';
import { DL3003 } from './DL3003.js';
import { DL3004 } from './DL3004.js';
import { DL3030 } from './DL3030.js';
import { DL3032 } from './DL3032.js';
import { DL3033 } from './DL3033.js';
import { DL3034 } from './DL3034.js';
import { DL3035 } from './DL3035.js';
import { DL3036 } from './DL3036.js';
import { DL3037 } from './DL3037.js';
import { DL3038 } from './DL3038.js';
import { DL3040 } from './DL3040.js';
import { DL3041 } from './DL3041.js';
import { DL3046 } from './DL3046.js';
import { DL3047 } from './DL3047.js';
import { DL3059 } from './DL3059.js';
import { DL4001 } from './DL4001.js';
import { DL4005 } from './DL4005.js';
import { DL4006 } from './DL4006.js';

/** Shell usage in RUN (DL3001, DL3003, DL3004, DL3046, DL3047, DL3059, DL4001, DL4005, DL4006) and the RPM-family package managers yum/dnf/microdnf/zypper (DL3030–DL3041). See index.ts. */
export const SHELL_RULES: readonly LintRule[] = [
  DL3001, DL3003, DL3004, DL3030, DL3032, DL3033, DL3034, DL3035, DL3036, DL3037, DL3038, DL3040, DL3041, DL3046, DL3047,
  DL3059, DL4001, DL4005, DL4006,
];
