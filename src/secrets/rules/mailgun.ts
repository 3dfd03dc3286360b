/** Mailgun private API keys, public validation keys and webhook signing keys. */
import type { SecretRule } from '../rule.js';
import { assigned } from './parts.js';

const KINDS = [
  ['mailgun-private-api-token', 'Mailgun private API key', 'key-[a-f0-9]{32}', 'key-1788622857c93caf01dfc38130bbac45'],
  ['mailgun-pub-key', 'Mailgun public validation key', 'pubkey-[a-f0-9]{32}', 'pubkey-60f7e6f12146ce7dc5b1b2485107c421'],
  ['mailgun-signing-key', 'Mailgun webhook signing key', '[a-h0-9]{32}-[a-h0-9]{8}-[a-h0-9]{8}', 'e2bdh1fg6d5gc8fcf945e48d4a71bag2-a54191ef-43db0111'],
] as const;

export const MAILGUN_RULES: readonly SecretRule[] = KINDS.map(([id, title, value, example]) => ({
  id,
  title,
  severity: 'high',
  keywords: ['mailgun'],
  pattern: assigned('mailgun', value),
  flags: 'i',
  identifierPrefix: true,
    anchored: true,
  examples: { match: [`MAILGUN_API_KEY=${example}`], noMatch: ['MAILGUN_DOMAIN=mg.example.com', example] },
}));
