/** Grafana API keys, Grafana Cloud tokens and service-account tokens. */
import type { SecretRule } from '../rule.js';
import { TOKEN_END } from './parts.js';

export const GRAFANA_RULES: readonly SecretRule[] = [
  {
    id: 'grafana-api-key',
    title: 'Grafana API key',
    severity: 'high',
    // base64 of `{"k":"`
    keywords: ['eyjrijoi'],
    pattern: String.raw`\b(eyJrIjoi[A-Za-z0-9]{70,400}={0,3})${TOKEN_END}`,
    flags: 'i',
    entropy: 3,
    examples: { match: ['GRAFANA_TOKEN="eyJrIjoigJiMmKIILFa9n1PyOkE0QClSW30F7LnPhxkBo65f6aE1i6wfpsP2UIXwB9DbDXxYDGR8T4uKSjjcHyKw"'], noMatch: ['eyJrIjoi' + 'A'.repeat(80)] },
  },
  {
    id: 'grafana-cloud-api-token',
    title: 'Grafana Cloud API token',
    severity: 'high',
    keywords: ['glc_'],
    pattern: String.raw`\b(glc_[A-Za-z0-9+/]{32,400}={0,3})${TOKEN_END}`,
    flags: 'i',
    entropy: 3,
    examples: { match: ['GRAFANA_CLOUD_TOKEN=glc_ek2CSdkOCVoNrhWRwxnRb4DxkzyWO8lMf5+Tl8mHiMRmvQzC'], noMatch: ['glc_' + 'a'.repeat(40)] },
  },
  {
    id: 'grafana-service-account-token',
    title: 'Grafana service account token',
    severity: 'high',
    keywords: ['glsa_'],
    pattern: String.raw`\b(glsa_[A-Za-z0-9]{32}_[A-Fa-f0-9]{8})${TOKEN_END}`,
    flags: 'i',
    entropy: 3,
    examples: { match: ['GF_TOKEN=glsa_hDt5Ce1LRunf5A3ZGcdss6sZAz8eM20A_2d7cae7f'], noMatch: ['glsa_' + 'a'.repeat(32) + '_00000000'] },
  },
];
