/** HashiCorp: Terraform Cloud/Enterprise API tokens, passwords in Terraform files, Vault tokens. */
import type { SecretRule } from '../rule.js';
import { assigned, TOKEN_END } from './parts.js';

/**
 * A legacy token `s.…` starts after a non-word char (`\b`); "s." alone is in every "this." and
 * at the end of sentences, so the keywords include the char before it (a line break also stands
 * for the start of the file).
 */
const LEGACY_KEYWORDS = [...' \t\n\r"\'`=:,;([{<>/|&!?@#$%^*+~\\-.)]}'].map((c) => `${c}s.`);

export const HASHICORP_RULES: readonly SecretRule[] = [
  {
    id: 'hashicorp-tf-api-token',
    title: 'Terraform Cloud / Enterprise API token',
    severity: 'critical',
    keywords: ['atlasv1'],
    pattern: String.raw`[a-zA-Z0-9]{14}\.atlasv1\.[a-zA-Z0-9=_-]{60,70}`,
    entropy: 3.5,
    examples: { match: ['token = "sm7LxpBuzevd9w.atlasv1.L1B0E8kp2381G1blyxhtxIOIfh6h3n8yGhjaI74q2-FZE0flqFh8ZcXjY7nAF_Op"'], noMatch: ['aaaaaaaaaaaaaa.atlasv1.' + 'a'.repeat(64)] },
  },
  {
    id: 'hashicorp-tf-password',
    title: 'Password in a Terraform file',
    severity: 'high',
    keywords: ['administrator_login_password', 'password'],
    pattern: assigned('administrator_login_password|password', '"[a-z0-9=_-]{8,20}"'),
    flags: 'i',
    identifierPrefix: true,
    anchored: true,
    path: String.raw`\.(?:tf|hcl)$`,
    entropy: 2,
    examples: { path: 'infra/main.tf', match: ['  administrator_login_password = "Kq7zR2mW9pT4"'], noMatch: ['  administrator_login_password = var.db_password', '  password = "${random_password.db.result}"'] },
  },
  {
    id: 'vault-service-token',
    title: 'HashiCorp Vault service token',
    severity: 'critical',
    // hvs.… since Vault 1.10; before it `s.` + 24 chars (letters only there is a word, not a token)
    keywords: ['hvs.', ...LEGACY_KEYWORDS],
    pattern: String.raw`\b((?:hvs\.[\w-]{90,120}|s\.[a-zA-Z0-9]{24}))${TOKEN_END}`,
    entropy: 3.5,
    allow: { values: [String.raw`s\.[A-Za-z]{24}`] },
    examples: { match: ['VAULT_TOKEN=hvs.QMcC0ZyGelI5AU3A53OBc0Ml686WZjDLD63BMCkRYc1S2HlWCYMz3h-gBYiRU9GG0udrPcJR-Pv-_L1smg674cLT3gjbMvU', 'token: s.1nyTrjwLIGbIxzQzjYtO317N'], noMatch: ['s.AcceptanceTimeoutSeconds ', 's.xxxxxxxxxxxxxxxxxxxxxxxx'] },
  },
  {
    id: 'vault-batch-token',
    title: 'HashiCorp Vault batch token',
    severity: 'critical',
    keywords: ['hvb.'],
    pattern: String.raw`\b(hvb\.[\w-]{138,300})${TOKEN_END}`,
    entropy: 4,
    examples: { match: ['VAULT_TOKEN=hvb.FAwdpkdyHc_hdLQBUPRB8Od4KTCCOtR43wxv8TSBOC9UhD-gidmPfT_Xin1cwIftPg7KCcTFUaFLMHbcUN1wIwoum8yN4F0XUH74CKcLMYef6KyV7V6lYDyjoFQ2NeLTjobsXo53hwi7F-B5RcbCBj'], noMatch: ['hvb.' + 'x'.repeat(150)] },
  },
];
