import type { LintRule } from '../rule.js';
import { DL1001 } from './DL1001.js';
import { DL3000 } from './DL3000.js';
import { DL3002 } from './DL3002.js';
import { DL3006 } from './DL3006.js';
import { DL3007 } from './DL3007.js';
import { DL3010 } from './DL3010.js';
import { DL3011 } from './DL3011.js';
import { DL3012 } from './DL3012.js';
import { DL3020 } from './DL3020.js';
import { DL3021 } from './DL3021.js';
import { DL3022 } from './DL3022.js';
import { DL3023 } from './DL3023.js';
import { DL3024 } from './DL3024.js';
import { DL3025 } from './DL3025.js';
import { DL3026 } from './DL3026.js';
import { DL3029 } from './DL3029.js';
import { DL3043 } from './DL3043.js';
import { DL3044 } from './DL3044.js';
import { DL3045 } from './DL3045.js';
import { DL3048 } from './DL3048.js';
import { DL3049 } from './DL3049.js';
import { DL3050 } from './DL3050.js';
import { DL3051 } from './DL3051.js';
import { DL3052 } from './DL3052.js';
import { DL3053 } from './DL3053.js';
import { DL3054 } from './DL3054.js';
import { DL3055 } from './DL3055.js';
import { DL3056 } from './DL3056.js';
import { DL3057 } from './DL3057.js';
import { DL3058 } from './DL3058.js';
import { DL3061 } from './DL3061.js';
import { DL3063 } from './DL3063.js';
import { DL3064 } from './DL3064.js';
import { DL3065 } from './DL3065.js';
import { DL3066 } from './DL3066.js';
import { DL3067 } from './DL3067.js';
import { DL4000 } from './DL4000.js';
import { DL4003 } from './DL4003.js';
import { DL4004 } from './DL4004.js';

/** Hadolint's instruction-level rules (no shell analysis): see index.ts. */
export const INSTRUCTION_RULES: readonly LintRule[] = [
  DL1001, DL3000, DL3002, DL3006, DL3007, DL3010, DL3011, DL3012, DL3020, DL3021, DL3022, DL3023, DL3024, DL3025,
  DL3026, DL3029, DL3043, DL3044, DL3045, DL3048, DL3049, DL3050, DL3051, DL3052, DL3053, DL3054, DL3055, DL3056,
  DL3057, DL3058, DL3061, DL3063, DL3064, DL3065, DL3066, DL3067, DL4000, DL4003, DL4004,
];
