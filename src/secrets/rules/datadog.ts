/** Datadog API and application keys. */
import type { SecretRule } from '../rule.js';
import { assigned } from './parts.js';

export const DATADOG_RULES: readonly SecretRule[] = [
  {
    id: 'datadog-access-token',
    title: 'Datadog access token',
    severity: 'high',
    keywords: ['datadog'],
    pattern: assigned('datadog', '[a-z0-9]{40}'),
    flags: 'i',
    identifierPrefix: true,
    anchored: true,
    examples: { match: ['DATADOG_APP_KEY=71itb7opm34wstbifncpgphfq9g2r4iw6r7uijqn'], noMatch: ['DATADOG_SITE=datadoghq.eu'] },
  },
];
