/** Anthropic API and admin keys. */
import type { SecretRule } from '../rule.js';
import { TOKEN_END } from './parts.js';

export const ANTHROPIC_RULES: readonly SecretRule[] = [
  {
    id: 'anthropic-api-key',
    title: 'Anthropic API key',
    severity: 'critical',
    keywords: ['sk-ant-api03'],
    pattern: String.raw`\b(sk-ant-api03-[a-zA-Z0-9_-]{93}AA)${TOKEN_END}`,
    examples: { match: ['ANTHROPIC_API_KEY=sk-ant-api03-Fb0VqGX1JRnnm6AlUcVdSct8jUv7O9hCcY3Dohi7ZBA-VsYmkavG8p37tcVUdnS0omMpiEqlNLTFF07gB5vn6rntsw0p0AA'], noMatch: ['sk-ant-api03-xxxx', 'ANTHROPIC_API_KEY=sk-ant-api03-${KEY}'] },
  },
  {
    id: 'anthropic-admin-api-key',
    title: 'Anthropic admin API key',
    severity: 'critical',
    keywords: ['sk-ant-admin01'],
    pattern: String.raw`\b(sk-ant-admin01-[a-zA-Z0-9_-]{93}AA)${TOKEN_END}`,
    examples: { match: ['admin_key: "sk-ant-admin01-bDtoWuLdZo-MfX1MkBHo1Q_ArmYMIHCVk29XT3Q5ogNhuWPZCmVeOU9D_bV0naTFUVMAhOx-pSglBGI2VZlKmkYCGQeOtAA"'], noMatch: ['sk-ant-admin01-short'] },
  },
];
