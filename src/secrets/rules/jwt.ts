/** JSON Web Tokens, plain and base64-encoded once more. */
import type { SecretRule } from '../rule.js';
import { TOKEN_END } from './parts.js';

const JWT = 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJhcHAtc2VydmljZSIsImlhdCI6MTcwMDAwMDAwMCwicm9sZSI6ImFkbWluIn0.X9v2kQwq7pTn0rUe3Lk8yZbH1cVgA5sDfJmN6oPiRtE';

export const JWT_RULES: readonly SecretRule[] = [
  {
    id: 'jwt',
    title: 'JSON Web Token',
    severity: 'medium',
    // header.payload[.signature]; both JSON parts start `ey` (base64 of `{"`)
    keywords: ['.ey'],
    pattern: String.raw`\b(ey[a-zA-Z0-9]{17,}\.ey[a-zA-Z0-9/\\_-]{17,}\.(?:[a-zA-Z0-9/\\_-]{10,}={0,2})?)${TOKEN_END}`,
    entropy: 3,
    examples: {
      match: [`Authorization: Bearer ${JWT}`, `jwt: ${JWT}`],
      noMatch: ['eyJhbGciOiJub25lIn0.e30.', 'GITHUB_TOKEN=ghs_15368_eyJhbGciOiJIUzI1NiIsInR5cCI6Ik.eyJzdWIiOiJhcHAtc2VydmljZSIsImlh.X9v2kQwq7pTn0rUe'],
    },
  },
  {
    id: 'jwt-base64',
    title: 'Base64-encoded JSON Web Token',
    severity: 'medium',
    // base64 of `eyJ` + the base64 of a registered header name (alg, typ, kid, ...)
    keywords: ['zxlk'],
    pattern: String.raw`\bZXlK(?:aGJHY2lPaU|aGNIVWlPaU|aGNIWWlPaU|aGRXUWlPaU|aU5qUWlP|amNtbDBJanBi|amRIa2lPaU|bGNHc2lPbn|bGJtTWlPaU|cWEzVWlPaU|cWQyc2lPb|cGMzTWlPaU|cGRpSTZJ|cmFXUWlP|clpYbGZiM0J6SWpwY|cmRIa2lPaUp|dWIyNWpaU0k2|d01tTWlP|d01uTWlPaU|d2NIUWlPaU|emRXSWlPaU|emRuUWlP|MFlXY2lPaU|MGVYQWlPaUp|MWNtd2l|MWMyVWlPaUp|MlpYSWlPaU|MlpYSnphVzl1SWpv|NElqb2|NE5XTWlP|NE5YUWlPaU|NE5YUWpVekkxTmlJNkl|NE5YVWlPaU|NmFYQWlPaU)[a-zA-Z0-9/\\_+\-\r\n]{40,}={0,2}`,
    entropy: 2,
    multiline: true,
    examples: {
      match: [`token: ${Buffer.from(JWT).toString('base64')}`],
      noMatch: ['ZXlKhello', 'ZXlKaGJHY2lPaU' + 'A'.repeat(10)],
    },
  },
];
