/** Private Packagist (Composer) tokens. */
import type { SecretRule } from '../rule.js';

export const PACKAGIST_RULES: readonly SecretRule[] = [
  {
    id: 'private-packagist-token',
    title: 'Private Packagist token',
    severity: 'high',
    keywords: ['packagist_uut_', 'packagist_ort_', 'packagist_out_'],
    pattern: 'packagist_[ou][ru]t_[a-fA-F0-9]{68}',
    examples: { match: ['COMPOSER_AUTH_TOKEN=packagist_ort_42280429b53c7fa94e81dfc2592bf1ae76488f7e1bd4863c0ec4ba9b76dc52349cbc'], noMatch: ['packagist_ort_short'] },
  },
];
