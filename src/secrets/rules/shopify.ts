/** Shopify app and API tokens. */
import type { SecretRule } from '../rule.js';

const KINDS = [
  ['shopify-shared-secret', 'Shopify shared secret', 'shpss_', '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'],
  ['shopify-access-token', 'Shopify access token', 'shpat_', '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'],
  ['shopify-custom-access-token', 'Shopify custom app access token', 'shpca_', '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'],
  ['shopify-private-app-access-token', 'Shopify private app access token', 'shppa_', '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'],
] as const;

export const SHOPIFY_RULES: readonly SecretRule[] = KINDS.map(([id, title, prefix, example]) => ({
  id,
  title,
  severity: 'high',
  keywords: [prefix],
  pattern: `${prefix}[a-fA-F0-9]{32}`,
  entropy: 2,
  examples: { match: [`SHOPIFY_TOKEN=${example}`], noMatch: [`${prefix}${'0'.repeat(32)}`, `${prefix}short`] },
}));
