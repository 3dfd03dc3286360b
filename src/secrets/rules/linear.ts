/** Linear API keys and OAuth client secrets. */
import type { SecretRule } from '../rule.js';
import { assigned } from './parts.js';

export const LINEAR_RULES: readonly SecretRule[] = [
  {
    id: 'linear-api-key',
    title: 'Linear API key',
    severity: 'high',
    keywords: ['lin_api_'],
    pattern: 'lin_api_[a-zA-Z0-9]{40}',
    entropy: 2,
    examples: { match: ['LINEAR_API_KEY=lin_api_oeXmsHYMFDAOOKLPEAD11Ix4mf03X5S5JHpLgeQs'], noMatch: ['lin_api_' + 'a'.repeat(40)] },
  },
  {
    id: 'linear-client-secret',
    title: 'Linear OAuth client secret',
    severity: 'high',
    keywords: ['linear'],
    pattern: assigned('linear', '[a-f0-9]{32}'),
    flags: 'i',
    identifierPrefix: true,
    anchored: true,
    entropy: 2,
    examples: { match: ['LINEAR_CLIENT_SECRET=74dbd75904aeae2d0dee9a68d7db808f'], noMatch: ['linear_regression = 0.5'] },
  },
];
