/** Symfony's default application secrets, left unchanged. */
import type { SecretRule } from '../rule.js';

export const SYMFONY_RULES: readonly SecretRule[] = [
  {
    id: 'symfony-default-secret',
    title: 'Symfony default secret left unchanged',
    severity: 'high',
    keywords: ['tokenisnotsosecret'],
    pattern: 'ThisTokenIsNotSoSecretChangeIt|ThisEzPlatformTokenIsNotSoSecret_PleaseChangeIt',
    examples: { match: ['parameters:\n  secret: ThisTokenIsNotSoSecretChangeIt'], noMatch: ['APP_SECRET=%env(APP_SECRET)%'] },
  },
];
