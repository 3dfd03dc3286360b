/** Pulumi access tokens. */
import type { SecretRule } from '../rule.js';
import { TOKEN_END } from './parts.js';

export const PULUMI_RULES: readonly SecretRule[] = [
  {
    id: 'pulumi-api-token',
    title: 'Pulumi access token',
    severity: 'high',
    keywords: ['pul-'],
    pattern: String.raw`\b(pul-[a-f0-9]{40})${TOKEN_END}`,
    entropy: 2,
    examples: { match: ['PULUMI_ACCESS_TOKEN=pul-8c07addb3ff89df2b43c74049b0f51e2e707e055'], noMatch: ['pul-' + '0'.repeat(40), 'pul-short'] },
  },
];
