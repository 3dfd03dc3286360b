import { createRequire } from 'node:module';
import { controlField, firstLine, parseControl } from './parsers/deb-control.js';

/**
 * License strings as packages declare them, mapped to SPDX where the legacy spelling is
 * unambiguous. Ambiguous names (`GPL` without a version, `BSD` without a clause count,
 * `Public-Domain`) are kept exactly as declared: guessing would put a wrong license in an SBOM.
 */

/**
 * Legacy spellings → SPDX ids. Keys are matched case-insensitively. Sources: Alpine aports' old
 * `license=` values (`GPL2`, `GPL2+`, `openssl`, ...), Debian copyright-format 1.0 short names
 * (`Expat`, `GPL-2+`, `BSD-3-clause`, ...) and SPDX's deprecated ids (`GPL-2.0`, `GPL-2.0+`).
 * A bare number is "version N only"; a trailing `+` is "or later".
 */
export const LEGACY_TO_SPDX: Readonly<Record<string, string>> = {
  gpl1: 'GPL-1.0-only', 'gpl1+': 'GPL-1.0-or-later', 'gpl-1': 'GPL-1.0-only', 'gpl-1+': 'GPL-1.0-or-later',
  gpl2: 'GPL-2.0-only', 'gpl2+': 'GPL-2.0-or-later', 'gpl-2': 'GPL-2.0-only', 'gpl-2+': 'GPL-2.0-or-later',
  'gpl-2.0': 'GPL-2.0-only', 'gpl-2.0+': 'GPL-2.0-or-later', gplv2: 'GPL-2.0-only', 'gplv2+': 'GPL-2.0-or-later',
  gpl3: 'GPL-3.0-only', 'gpl3+': 'GPL-3.0-or-later', 'gpl-3': 'GPL-3.0-only', 'gpl-3+': 'GPL-3.0-or-later',
  'gpl-3.0': 'GPL-3.0-only', 'gpl-3.0+': 'GPL-3.0-or-later', gplv3: 'GPL-3.0-only', 'gplv3+': 'GPL-3.0-or-later',
  lgpl2: 'LGPL-2.0-only', 'lgpl2+': 'LGPL-2.0-or-later', 'lgpl-2': 'LGPL-2.0-only', 'lgpl-2+': 'LGPL-2.0-or-later',
  'lgpl-2.0': 'LGPL-2.0-only', 'lgpl-2.0+': 'LGPL-2.0-or-later',
  'lgpl2.1': 'LGPL-2.1-only', 'lgpl2.1+': 'LGPL-2.1-or-later', 'lgpl-2.1': 'LGPL-2.1-only',
  'lgpl-2.1+': 'LGPL-2.1-or-later',
  lgpl3: 'LGPL-3.0-only', 'lgpl3+': 'LGPL-3.0-or-later', 'lgpl-3': 'LGPL-3.0-only', 'lgpl-3+': 'LGPL-3.0-or-later',
  'lgpl-3.0': 'LGPL-3.0-only', 'lgpl-3.0+': 'LGPL-3.0-or-later',
  agpl3: 'AGPL-3.0-only', 'agpl3+': 'AGPL-3.0-or-later', 'agpl-3': 'AGPL-3.0-only', 'agpl-3+': 'AGPL-3.0-or-later',
  'agpl-3.0': 'AGPL-3.0-only', 'agpl-3.0+': 'AGPL-3.0-or-later',
  'gfdl-1.2': 'GFDL-1.2-only', 'gfdl-1.2+': 'GFDL-1.2-or-later', 'gfdl-1.3': 'GFDL-1.3-only',
  'gfdl-1.3+': 'GFDL-1.3-or-later',
  expat: 'MIT', mit: 'MIT', isc: 'ISC', openssl: 'OpenSSL', zlib: 'Zlib', apache2: 'Apache-2.0',
  'apache-2': 'Apache-2.0', 'apache-2.0': 'Apache-2.0', 'asl-2.0': 'Apache-2.0', mpl2: 'MPL-2.0',
  'mpl-2.0': 'MPL-2.0', 'mpl-1.1': 'MPL-1.1', 'bsd-2-clause': 'BSD-2-Clause', 'bsd-3-clause': 'BSD-3-Clause',
  'bsd-4-clause': 'BSD-4-Clause', 'bsd-2': 'BSD-2-Clause', 'bsd-3': 'BSD-3-Clause', 'cc0-1.0': 'CC0-1.0',
  cc0: 'CC0-1.0', 'psf-2': 'PSF-2.0', 'psf-2.0': 'PSF-2.0', 'python-2.0': 'Python-2.0', unlicense: 'Unlicense',
  wtfpl: 'WTFPL', ftl: 'FTL', 'ofl-1.1': 'OFL-1.1', sleepycat: 'Sleepycat',
};

/** The SPDX id for a legacy license name, or the name unchanged when no unambiguous mapping exists. */
export function spdxForLegacyName(name: string): string {
  return LEGACY_TO_SPDX[name.toLowerCase()] ?? name;
}

type SpdxParse = (expression: string) => unknown;
let spdxParse: SpdxParse | undefined;

/** Is the text a valid SPDX license expression (ids, LicenseRef-s, AND/OR/WITH, parentheses)? */
export function isSpdxExpression(text: string): boolean {
  // spdx-expression-parse ships no types; it is a CommonJS function of one string.
  spdxParse ??= createRequire(import.meta.url)('spdx-expression-parse') as SpdxParse;
  try {
    spdxParse(text);
    return true;
  } catch {
    return false;
  }
}

export interface NormalizedLicenses {
  /** One SPDX expression when the declaration forms one; otherwise the declared names, mapped where possible. */
  licenses: string[];
  /** The text as declared, present only when `licenses` differs from it. */
  declared?: string;
}

const OPERATORS = new Set(['AND', 'OR', 'WITH', '(', ')']);

/**
 * Normalize a package's declared license text (apk `L:`, or any one-line declaration): legacy
 * names mapped token by token; the result is kept as a single SPDX expression when it is one,
 * otherwise as a list of names (old apk databases separate licenses with spaces: `MIT BSD GPL2+`).
 */
export function normalizeLicense(text: string): NormalizedLicenses {
  const declared = text.trim().replace(/\s+/g, ' ');
  if (declared === '') return { licenses: [] };
  const tokens = declared.split(/(\(|\)|\s+)/).filter((t) => t.trim() !== '');
  const mapped = tokens.map((t) => (OPERATORS.has(t) ? t : spdxForLegacyName(t)));
  const expression = joinTokens(mapped);
  let licenses: string[];
  if (isSpdxExpression(expression)) {
    licenses = [expression === joinTokens(tokens) ? declared : expression];
  } else {
    licenses = unique(mapped.filter((t) => !OPERATORS.has(t.toUpperCase())));
  }
  return licenses.length === 1 && licenses[0] === declared ? { licenses } : { licenses, declared };
}

function joinTokens(tokens: readonly string[]): string {
  return tokens.join(' ').replace(/\( /g, '(').replace(/ \)/g, ')');
}

/**
 * Licenses named by a machine-readable Debian copyright file (copyright-format 1.0, "DEP-5"):
 * the short names of the header and every `Files:` paragraph, expressions split into names,
 * `with ... exception` dropped, each mapped to SPDX where unambiguous. Undefined when the file
 * is not in that format (free-text copyright files carry no reliable license names).
 */
export function licensesFromDebCopyright(text: string): NormalizedLicenses | undefined {
  // The format line must open the file: free-text files may quote such a line further down.
  if (!/^\s*Format:[^\n]*(copyright-format|dep-?5)/i.test(text)) return undefined;
  const { paragraphs } = parseControl(text);
  const names: string[] = [];
  paragraphs.forEach((p, i) => {
    const license = controlField(p, 'license');
    if (license === undefined || (i > 0 && controlField(p, 'files') === undefined)) return;
    for (const part of firstLine(license).split(/\s+or\s+|\s+and\s+|,/i)) {
      const name = part.replace(/\s+with\s+.*$/i, '').trim();
      if (name !== '') names.push(name);
    }
  });
  const declared = unique(names);
  const licenses = unique(declared.map(spdxForLegacyName)).sort();
  const sortedDeclared = [...declared].sort();
  return licenses.join(', ') === sortedDeclared.join(', ') ? { licenses } : { licenses, declared: sortedDeclared.join(', ') };
}

function unique(values: readonly string[]): string[] {
  return [...new Set(values)];
}
