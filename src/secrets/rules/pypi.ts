/** PyPI upload tokens (macaroons whose serialised location is pypi.org). */
import type { SecretRule } from '../rule.js';

export const PYPI_RULES: readonly SecretRule[] = [
  {
    id: 'pypi-upload-token',
    title: 'PyPI upload token',
    severity: 'critical',
    keywords: ['pypi-ageichlwas5vcmc'],
    pattern: String.raw`pypi-AgEIcHlwaS5vcmc[\w-]{50,1000}`,
    entropy: 3,
    examples: { match: ['[pypi]\nusername = __token__\npassword = pypi-AgEIcHlwaS5vcmc1iJi75WXerIN-U8ctyIDHCEaYaE-kQHSncOAYuyuuQ_LV1KU-EFUPwqiinNo59fu09gSGY'], noMatch: ['password = pypi-AgEIcHlwaS5vcmc', 'pypi-AgEIcHlwaS5vcmc' + 'A'.repeat(60)] },
  },
];
