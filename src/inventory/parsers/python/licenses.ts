import { isSpdxExpression, normalizeLicense, spdxForLegacyName } from '../../licenses.js';
import { field, fieldAll, type CoreMetadata } from './core-metadata.js';

/**
 * Trove classifiers (`License :: ...`) with one unambiguous SPDX id. Those that name a family
 * without a version (`BSD License`, `Apache Software License`, `GNU General Public License (GPL)`)
 * stay as written: guessing would put a wrong license in an SBOM.
 */
const CLASSIFIER_TO_SPDX: Readonly<Record<string, string>> = {
  'MIT License': 'MIT',
  'MIT No Attribution License (MIT-0)': 'MIT-0',
  'ISC License (ISCL)': 'ISC',
  'Python Software Foundation License': 'PSF-2.0',
  'Mozilla Public License 1.0 (MPL)': 'MPL-1.0',
  'Mozilla Public License 1.1 (MPL 1.1)': 'MPL-1.1',
  'Mozilla Public License 2.0 (MPL 2.0)': 'MPL-2.0',
  'GNU General Public License v2 (GPLv2)': 'GPL-2.0-only',
  'GNU General Public License v2 or later (GPLv2+)': 'GPL-2.0-or-later',
  'GNU General Public License v3 (GPLv3)': 'GPL-3.0-only',
  'GNU General Public License v3 or later (GPLv3+)': 'GPL-3.0-or-later',
  'GNU Lesser General Public License v2 (LGPLv2)': 'LGPL-2.0-only',
  'GNU Lesser General Public License v2 or later (LGPLv2+)': 'LGPL-2.0-or-later',
  'GNU Lesser General Public License v3 (LGPLv3)': 'LGPL-3.0-only',
  'GNU Lesser General Public License v3 or later (LGPLv3+)': 'LGPL-3.0-or-later',
  'GNU Affero General Public License v3': 'AGPL-3.0-only',
  'GNU Affero General Public License v3 or later (AGPLv3+)': 'AGPL-3.0-or-later',
  'Eclipse Public License 1.0 (EPL-1.0)': 'EPL-1.0',
  'Eclipse Public License 2.0 (EPL-2.0)': 'EPL-2.0',
  'European Union Public Licence 1.1 (EUPL 1.1)': 'EUPL-1.1',
  'European Union Public Licence 1.2 (EUPL 1.2)': 'EUPL-1.2',
  'Boost Software License 1.0 (BSL-1.0)': 'BSL-1.0',
  'The Unlicense (Unlicense)': 'Unlicense',
  'CC0 1.0 Universal (CC0 1.0) Public Domain Dedication': 'CC0-1.0',
  'zlib/libpng License': 'Zlib',
  'Historical Permission Notice and Disclaimer (HPND)': 'HPND',
  'PostgreSQL License': 'PostgreSQL',
  'Universal Permissive License (UPL)': 'UPL-1.0',
  'Apple Public Source License': 'APSL-2.0',
  'Zope Public License': 'ZPL-2.1',
};

/** Common free-text `License:` values (lower case) that name one SPDX license. */
const TEXT_TO_SPDX: Readonly<Record<string, string>> = {
  'mit license': 'MIT', 'the mit license': 'MIT', 'mit licence': 'MIT', 'apache 2.0': 'Apache-2.0',
  'apache 2': 'Apache-2.0', 'apache license 2.0': 'Apache-2.0', 'apache license, version 2.0': 'Apache-2.0',
  'apache license version 2.0': 'Apache-2.0', 'apache software license 2.0': 'Apache-2.0',
  'bsd 3-clause': 'BSD-3-Clause', 'bsd-3-clause license': 'BSD-3-Clause', '3-clause bsd': 'BSD-3-Clause',
  'new bsd': 'BSD-3-Clause', 'new bsd license': 'BSD-3-Clause', 'modified bsd': 'BSD-3-Clause',
  'bsd 2-clause': 'BSD-2-Clause', 'simplified bsd': 'BSD-2-Clause', 'bsd-2-clause license': 'BSD-2-Clause',
  psf: 'PSF-2.0', 'psf license': 'PSF-2.0', 'python software foundation license': 'PSF-2.0',
  'isc license': 'ISC', 'mpl 2.0': 'MPL-2.0', 'mpl-2.0 license': 'MPL-2.0',
};

/** Placeholders that say nothing about the license. */
const NO_LICENSE = new Set(['', 'unknown', 'none', 'n/a', 'unlicensed', 'other/proprietary license']);

export interface PythonLicenses {
  licenses: string[];
  /** The `License:` text as written, when the reported licenses differ from it. */
  declared?: string;
}

/**
 * Licenses of a distribution, most precise first: `License-Expression` (PEP 639); a `License:` field
 * that is (or maps to) an SPDX expression; the license classifiers (SPDX where unambiguous); the
 * `License:` text as written when it is a short name. A `License:` holding a whole license text is
 * not a name and is not reported.
 */
export function pythonLicenses(meta: CoreMetadata): PythonLicenses {
  const expression = field(meta, 'license-expression');
  if (expression !== undefined && expression !== '') return { licenses: normalizeLicense(expression).licenses };
  const text = licenseName(field(meta, 'license'));
  const spdx = text === undefined ? undefined : textToSpdx(text);
  if (spdx !== undefined) return withDeclared([spdx], text);
  const classifiers = classifierLicenses(fieldAll(meta, 'classifier'));
  if (classifiers.length > 0) return withDeclared(classifiers, text);
  return text === undefined ? { licenses: [] } : { licenses: [text] };
}

function withDeclared(licenses: string[], text: string | undefined): PythonLicenses {
  return text === undefined || (licenses.length === 1 && licenses[0] === text) ? { licenses } : { licenses, declared: text };
}

/** The `License:` value when it is a license name: one short line, not a placeholder. */
function licenseName(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const text = value.trim();
  if (text.includes('\n') || text.length > 120 || NO_LICENSE.has(text.toLowerCase())) return undefined;
  return text;
}

function textToSpdx(text: string): string | undefined {
  const known = TEXT_TO_SPDX[text.toLowerCase()];
  if (known !== undefined) return known;
  const mapped = spdxForLegacyName(text);
  if (mapped !== text) return mapped;
  const normalized = normalizeLicense(text).licenses;
  return normalized.length === 1 && normalized[0] !== undefined && isSpdxExpression(normalized[0]) ? normalized[0] : undefined;
}

/** `License :: OSI Approved :: MIT License` → `MIT`; unknown ones keep their last segment. */
export function classifierLicenses(classifiers: readonly string[]): string[] {
  const out: string[] = [];
  for (const c of classifiers) {
    const parts = c.split('::').map((p) => p.trim());
    if (parts[0] !== 'License' || parts.length < 2) continue;
    const last = parts[parts.length - 1] as string;
    if (parts.length === 2 && (last === 'OSI Approved' || last === 'DFSG approved')) continue;
    if (NO_LICENSE.has(last.toLowerCase())) continue;
    const spdx = CLASSIFIER_TO_SPDX[last] ?? last;
    if (!out.includes(spdx)) out.push(spdx);
  }
  return out;
}
