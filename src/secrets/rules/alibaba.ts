/** Alibaba Cloud AccessKey IDs and secrets. */
import type { SecretRule } from '../rule.js';
import { assigned } from './parts.js';

export const ALIBABA_RULES: readonly SecretRule[] = [
  {
    id: 'alibaba-access-key-id',
    title: 'Alibaba Cloud AccessKey ID',
    severity: 'high',
    // a comma may end it too (`key = LTAI…,` in code: Trivy's example)
    keywords: ['ltai'],
    pattern: String.raw`\b(LTAI[a-zA-Z0-9]{20})(?:[\x60'"\s;,]|\\[nr]|$)`,
    entropy: 2,
    examples: { match: ['ALIBABA_CLOUD_ACCESS_KEY_ID=LTAIqixN7W3RKhivZOflJPgG', 'key = LTAIqixN7W3RKhivZOflJPgG,'], noMatch: ['asdLTAI1234567890ABCDEFG123', 'LTAIqixN7W3RKhivZOflJPgGasd'] },
  },
  {
    id: 'alibaba-secret-key',
    title: 'Alibaba Cloud AccessKey secret',
    severity: 'high',
    keywords: ['alibaba'],
    pattern: assigned('alibaba', '[a-z0-9]{30}'),
    flags: 'i',
    identifierPrefix: true,
    anchored: true,
    entropy: 2,
    examples: { match: ['ALIBABA_SECRET=fl0ktussf3c4iuhk77062fjdkth2i3'], noMatch: ['ALIBABA_REGION=cn-hangzhou'] },
  },
];
