import type { LintRule } from '../rule.js';
import { DL3008 } from './DL3008.js';
import { DL3009 } from './DL3009.js';
import { DL3013 } from './DL3013.js';
import { DL3014 } from './DL3014.js';
import { DL3015 } from './DL3015.js';
import { DL3016 } from './DL3016.js';
import { DL3018 } from './DL3018.js';
import { DL3019 } from './DL3019.js';
import { DL3027 } from './DL3027.js';
import { DL3028 } from './DL3028.js';
import { DL3042 } from './DL3042.js';
import { DL3060 } from './DL3060.js';
import { DL3062 } from './DL3062.js';

/** See index.ts. Package-manager rules: pinning, non-interactive installs, caches left in layers. */
export const PACKAGE_RULES: readonly LintRule[] = [DL3008, DL3009, DL3013, DL3014, DL3015, DL3016, DL3018, DL3019, DL3027, DL3028, DL3042, DL3060, DL3062];
