/** Stripe secret and restricted keys (publishable `pk_` keys are public by design and not reported). */
import type { SecretRule } from '../rule.js';
import { TOKEN_END } from './parts.js';

export const STRIPE_RULES: readonly SecretRule[] = [
  {
    id: 'stripe-access-token',
    title: 'Stripe secret or restricted API key',
    severity: 'critical',
    keywords: ['sk_test', 'sk_live', 'sk_prod', 'rk_test', 'rk_live', 'rk_prod'],
    pattern: String.raw`\b((?:sk|rk)_(?:test|live|prod)_[a-zA-Z0-9]{10,99})${TOKEN_END}`,
    entropy: 2,
    examples: {
      match: ['STRIPE_SECRET_KEY=sk_live_djU7XxiXpU16hbu1yCf24yuq', 'Stripe.api_key = "rk_live_X4HQdtzMpFcmjGMicntABEIS"'],
      noMatch: ['pk_live_' + 'a1b2c3d4e5f6g7h8i9', 'ask_live_superlive1', 'sk_live_aaaaaaaaaaaaaaaa'],
    },
  },
];
