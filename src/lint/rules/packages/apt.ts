/** What apt-get's options say, beyond plain flags: `-o Name=value` settings and the quiet level. */
import { flagsNamed, type ParsedOptions } from '../../shell/options.js';

/** The value of an apt configuration item set with `-o`/`--option` (names are case-insensitive). */
export function aptOption(opts: ParsedOptions, name: string): string | undefined {
  const wanted = `${name.toLowerCase()}=`;
  let found: string | undefined;
  for (const f of flagsNamed(opts, 'o', 'option')) {
    if (f.value?.toLowerCase().startsWith(wanted) === true) found = f.value.slice(wanted.length);
  }
  return found;
}

/** apt's boolean values. */
export function aptFalse(value: string | undefined): boolean {
  return value !== undefined && ['false', 'no', 'off', '0', 'without'].includes(value.toLowerCase().replace(/^"|"$/g, ''));
}

export function aptTrue(value: string | undefined): boolean {
  return value !== undefined && ['true', 'yes', 'on', '1', 'with'].includes(value.toLowerCase().replace(/^"|"$/g, ''));
}

/** `-q` counts 1, `-qq`/`-q -q`/`--quiet --quiet` 2, `-q=2` sets it. */
export function quietLevel(opts: ParsedOptions): number {
  let level = 0;
  for (const f of flagsNamed(opts, 'q', 'quiet')) {
    const n = f.value === undefined ? Number.NaN : Number(f.value);
    level = f.value === undefined ? level + 1 : Number.isInteger(n) ? n : level;
  }
  return level;
}
