/** Square access tokens. */
import type { SecretRule } from '../rule.js';
import { TOKEN_END } from './parts.js';

export const SQUARE_RULES: readonly SecretRule[] = [
  {
    id: 'square-access-token',
    title: 'Square access token',
    severity: 'high',
    keywords: ['sq0atp-', 'eaaa'],
    pattern: String.raw`\b((?:EAAA|sq0atp-)[\w-]{22,60})${TOKEN_END}`,
    entropy: 2,
    examples: { match: ['SQUARE_ACCESS_TOKEN=EAAA30EV0UpGT7TItKXfGXOmwMWoskG_CmiT8zL2JN9dAP-ybp1jkbE67_OOe14T', 'token: sq0atp-R1C7ipmDvF1-_UzVjwCFql'], noMatch: ['sq0atp-short', 'EAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA'] },
  },
];
