/** Sentry auth tokens (legacy hex next to the word sentry), organisation and user tokens. */
import type { SecretRule } from '../rule.js';
import { assigned, TOKEN_END } from './parts.js';

const ORG_TOKEN = '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';

export const SENTRY_RULES: readonly SecretRule[] = [
  {
    id: 'sentry-access-token',
    title: 'Sentry auth token',
    severity: 'high',
    keywords: ['sentry'],
    pattern: assigned('sentry', '[a-f0-9]{64}'),
    flags: 'i',
    identifierPrefix: true,
    anchored: true,
    entropy: 3,
    examples: { match: ['SENTRY_AUTH_TOKEN=7a6794f36f1b625910b2b16d773b914e38e37c80c7e4f763f972bd131ec752e6'], noMatch: ['SENTRY_DSN=https://abc@o1.ingest.sentry.io/1'] },
  },
  {
    id: 'sentry-org-token',
    title: 'Sentry organisation auth token',
    severity: 'high',
    // sntrys_ + base64 JSON {"iat":…,"url":…,"region_url":…,"org":…} + _ + 43-char secret
    keywords: ['sntrys_eyjpyxqio'],
    pattern: String.raw`\bsntrys_eyJpYXQiO[a-zA-Z0-9+/]{10,200}(?:LCJyZWdpb25fdXJs|InJlZ2lvbl91cmwi|cmVnaW9uX3VybCI6)[a-zA-Z0-9+/]{10,200}={0,2}_[a-zA-Z0-9+/]{43}(?:[^a-zA-Z0-9+/]|$)`,
    entropy: 4.5,
    examples: { match: [`SENTRY_AUTH_TOKEN=${ORG_TOKEN}`], noMatch: ['sntrys_eyJpYXQiO_short'] },
  },
  {
    id: 'sentry-user-token',
    title: 'Sentry user auth token',
    severity: 'high',
    keywords: ['sntryu_'],
    pattern: String.raw`\b(sntryu_[a-f0-9]{64})${TOKEN_END}`,
    entropy: 3.5,
    examples: { match: ['SENTRY_AUTH_TOKEN=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'], noMatch: ['sntryu_' + '0'.repeat(64)] },
  },
];
