/** OpenAI API keys (project, service-account, admin, legacy user keys) and Realtime client secrets. */
import type { SecretRule } from '../rule.js';
import { NOT_AFTER_WORD } from './parts.js';

export const OPENAI_RULES: readonly SecretRule[] = [
  {
    id: 'openai-api-key',
    title: 'OpenAI API key',
    severity: 'critical',
    // "T3BlbkFJ" is base64 of "OpenAI", embedded in every key
    keywords: ['t3blbkfj'],
    pattern: String.raw`${NOT_AFTER_WORD}(sk-(?:proj|svcacct|admin)-[\w-]{20,100}T3BlbkFJ[\w-]{20,100}|sk-service-[A-Za-z0-9-]+-[A-Za-z0-9]{20}T3BlbkFJ[A-Za-z0-9]{20}|sk-(?:None-)?[a-zA-Z0-9]{20,42}T3BlbkFJ[a-zA-Z0-9]{20,42})(?![\w-])`,
    entropy: 3,
    examples: {
      match: ['OPENAI_API_KEY=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', 'openai.api_key = "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"', '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'],
      noMatch: ['sk-tooshortT3BlbkFJtooshort', 'sk-proj-abcdefghijklmnopqrstNOWATERMARKabcdefghijklmnopqrst', 'sk-ant-abcdefghijklmnopqrstT3BlbkFJabcdefghijklmnopqrst'],
    },
  },
  {
    id: 'openai-realtime-client-secret',
    title: 'OpenAI Realtime API client secret',
    severity: 'medium',
    keywords: ['ek_'],
    pattern: String.raw`${NOT_AFTER_WORD}(ek_[a-f0-9]{32})(?![0-9A-Za-z_])`,
    examples: { match: ['client_secret: ek_d8e433bd7f39392e7fc6d7e2bda9e890'], noMatch: ['week_0123456789abcdef0123456789abcdef', 'ek_' + '0'.repeat(40)] },
  },
];
