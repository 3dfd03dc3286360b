/** Databricks personal access tokens. */
import type { SecretRule } from '../rule.js';
import { TOKEN_END } from './parts.js';

export const DATABRICKS_RULES: readonly SecretRule[] = [
  {
    id: 'databricks-api-token',
    title: 'Databricks access token',
    severity: 'high',
    keywords: ['dapi'],
    pattern: String.raw`\b(dapi[a-f0-9]{32}(?:-\d)?)${TOKEN_END}`,
    entropy: 3,
    examples: { match: ['DATABRICKS_TOKEN=dapi79a53586751b14605fa85a3019c8c5df'], noMatch: ['dapi' + '0'.repeat(32), 'rapid_api'] },
  },
];
