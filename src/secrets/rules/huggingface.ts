/** Hugging Face user access tokens and organisation API tokens. */
import type { SecretRule } from '../rule.js';
import { TOKEN_END } from './parts.js';

export const HUGGINGFACE_RULES: readonly SecretRule[] = [
  {
    id: 'huggingface-access-token',
    title: 'Hugging Face access token',
    severity: 'high',
    keywords: ['hf_'],
    // issued as 34 letters; Trivy also accepts digits and up to 40 chars
    pattern: String.raw`\b(hf_[a-zA-Z0-9]{34,40})${TOKEN_END}`,
    entropy: 2,
    examples: { match: ['huggingface-cli login --token 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', 'HF_TOKEN="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"'], noMatch: ['hf_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx', '&hf_servingcellpriorityparametersdescription_h_prio'] },
  },
  {
    id: 'huggingface-organization-api-token',
    title: 'Hugging Face organisation API token',
    severity: 'high',
    keywords: ['api_org_'],
    pattern: String.raw`\b(api_org_[a-zA-Z]{34})${TOKEN_END}`,
    entropy: 2,
    examples: { match: ['token = "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"'], noMatch: ['api_org_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx'] },
  },
];
