/** Heroku API keys (legacy UUIDs next to the word heroku, and HRKU- tokens). */
import type { SecretRule } from '../rule.js';
import { assigned, TOKEN_END } from './parts.js';

export const HEROKU_RULES: readonly SecretRule[] = [
  {
    id: 'heroku-api-key',
    title: 'Heroku API key',
    severity: 'high',
    keywords: ['heroku'],
    pattern: assigned('heroku', '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}'),
    flags: 'i',
    identifierPrefix: true,
    anchored: true,
    examples: { match: ['HEROKU_API_KEY=c1863db1-2ff4-9aa6-6e94-78953f9710af'], noMatch: ['HEROKU_APP_NAME=my-app', 'request_id=c1863db1-2ff4-9aa6-6e94-78953f9710af'] },
  },
  {
    id: 'heroku-api-key-v2',
    title: 'Heroku API key',
    severity: 'high',
    keywords: ['hrku-aa'],
    pattern: String.raw`\b(HRKU-AA[0-9a-zA-Z_-]{58})${TOKEN_END}`,
    entropy: 4,
    examples: { match: ['HEROKU_API_KEY=HRKU-AAZiuoHKXNGxHqh30YaH-_CXTfcu-DDpt3O7IxdInQQgdLM7hQnJB_iemg8F'], noMatch: ['HRKU-AA' + 'x'.repeat(58)] },
  },
];
