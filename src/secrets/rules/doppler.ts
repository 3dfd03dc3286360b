/** Doppler personal tokens. */
import type { SecretRule } from '../rule.js';

export const DOPPLER_RULES: readonly SecretRule[] = [
  {
    id: 'doppler-api-token',
    title: 'Doppler API token',
    severity: 'high',
    keywords: ['dp.pt.'],
    pattern: String.raw`dp\.pt\.[a-zA-Z0-9]{43}`,
    entropy: 2,
    examples: { match: ['DOPPLER_TOKEN=dp.pt.kKKrOXNvg2vZAaFJyf54newrPXQLWQlAvHPnBDcqdRD'], noMatch: ['dp.pt.' + 'a'.repeat(43), 'dp.pt.short'] },
  },
];
