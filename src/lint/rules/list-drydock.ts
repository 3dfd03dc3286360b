import type { LintRule } from '../rule.js';
import { DD001 } from './DD001.js';
import { DD002 } from './DD002.js';
import { DD003 } from './DD003.js';
import { DD004 } from './DD004.js';
import { DD005 } from './DD005.js';
import { DD006 } from './DD006.js';
import { DD007 } from './DD007.js';
import { DD008 } from './DD008.js';
import { DD009 } from './DD009.js';
import { DD010 } from './DD010.js';
import { DD011 } from './DD011.js';
import { DD012 } from './DD012.js';
import { DD013 } from './DD013.js';

/** See index.ts. DD000 (parse warnings) is emitted by the engine itself. */
export const DRYDOCK_RULES: readonly LintRule[] = [DD001, DD002, DD003, DD004, DD005, DD006, DD007, DD008, DD009, DD010, DD011, DD012, DD013];
