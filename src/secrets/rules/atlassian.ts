/** Atlassian (Jira, Confluence) API tokens. */
import type { SecretRule } from '../rule.js';
import { ASSIGN, TOKEN_END } from './parts.js';

export const ATLASSIAN_RULES: readonly SecretRule[] = [
  {
    id: 'atlassian-api-token',
    title: 'Atlassian API token',
    severity: 'high',
    // legacy 24-char tokens next to a product name (capitalised as words), or ATATT3… tokens
    keywords: ['atlassian', 'confluence', 'jira', 'atatt3'],
    // (the match may start anywhere before the name: no allow-list looks at it, the secret is group 1 or 2)
    pattern: String.raw`(?:ATLASSIAN|[Aa]tlassian|CONFLUENCE|[Cc]onfluence|JIRA|[Jj]ira)${ASSIGN}([a-zA-Z0-9]{20}[a-fA-F0-9]{4})${TOKEN_END}|\b([Aa][Tt][Aa][Tt][Tt]3[A-Za-z0-9_=-]{186})${TOKEN_END}`,
    entropy: 3.5,
    examples: { match: ['JIRA_API_TOKEN=e0k3lud0c6pi868spk97a587', 'confluence_token: ATATT3FmxYRGop1UJD9IsHZ-lqh3JAPXyI5dHxU=yHzWRaoaaQJ8=di3D9w781IOYEO7tzque10xyThVmer6GG6Vohd8DmduiuSqlSpVV2EgPK4K27Bb48H9uIhqUUmLj6=1JY9Y9TkpfZkt4t2mDs4LNVXBbav9squroitBQ5xgKgQs2jneQ8ZAfw8-MN1A'], noMatch: ['JIRA_URL=https://jira.example.com', 'jira_project = PROJ'] },
  },
];
