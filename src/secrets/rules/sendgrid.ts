/** SendGrid API keys. */
import type { SecretRule } from '../rule.js';
import { TOKEN_END } from './parts.js';

export const SENDGRID_RULES: readonly SecretRule[] = [
  {
    id: 'sendgrid-api-token',
    title: 'SendGrid API key',
    severity: 'high',
    keywords: ['sg.'],
    pattern: String.raw`\b(SG\.[a-zA-Z0-9=_.-]{66})${TOKEN_END}`,
    entropy: 2,
    examples: { match: ['SENDGRID_API_KEY=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'], noMatch: ['SG.short', 'msg.send()'] },
  },
];
