/** DigitalOcean personal access, OAuth access and refresh tokens. */
import type { SecretRule } from '../rule.js';
import { TOKEN_END } from './parts.js';

export const DIGITALOCEAN_RULES: readonly SecretRule[] = [
  {
    id: 'digitalocean-pat',
    title: 'DigitalOcean personal access token',
    severity: 'critical',
    keywords: ['dop_v1_'],
    pattern: String.raw`\b(dop_v1_[a-f0-9]{64})${TOKEN_END}`,
    entropy: 3,
    examples: { match: ['DIGITALOCEAN_TOKEN=dop_v1_babe7d56468ef7a5788059729a617227e61d4bb22c4d7a6c92f01f1c2d54265f'], noMatch: ['dop_v1_' + '0'.repeat(64)] },
  },
  {
    id: 'digitalocean-access-token',
    title: 'DigitalOcean OAuth access token',
    severity: 'critical',
    keywords: ['doo_v1_'],
    pattern: String.raw`\b(doo_v1_[a-f0-9]{64})${TOKEN_END}`,
    entropy: 3,
    examples: { match: ['access_token: doo_v1_7aa444a16747ebb38425b139a538e822702955a39febfe164f0ec19515c6007d'], noMatch: ['doo_v1_' + 'a'.repeat(64)] },
  },
  {
    id: 'digitalocean-refresh-token',
    title: 'DigitalOcean OAuth refresh token',
    severity: 'critical',
    keywords: ['dor_v1_'],
    pattern: String.raw`\b(dor_v1_[a-f0-9]{64})${TOKEN_END}`,
    flags: 'i',
    examples: { match: ['refresh_token: dor_v1_f2e05a0591a8bf8a5b4dde8af75e95a7c5a930bf3fc0fc8fe12aff1408e12817'], noMatch: ['dor_v1_short'] },
  },
];
