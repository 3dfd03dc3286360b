/** Twilio API key SIDs' secrets. */
import type { SecretRule } from '../rule.js';

export const TWILIO_RULES: readonly SecretRule[] = [
  {
    id: 'twilio-api-key',
    title: 'Twilio API key',
    severity: 'high',
    keywords: ['sk'],
    pattern: 'SK[0-9a-fA-F]{32}',
    entropy: 3,
    examples: { match: ['TWILIO_API_KEY=SK4991f1c24a060fda252e4ced3ea23b33'], noMatch: ['SK' + '0'.repeat(32), 'SKIP_TESTS=1'] },
  },
];
