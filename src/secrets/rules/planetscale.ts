/** PlanetScale passwords, service tokens and OAuth tokens. */
import type { SecretRule } from '../rule.js';
import { TOKEN_END } from './parts.js';

const KINDS = [
  ['planetscale-password', 'PlanetScale password', 'pscale_pw_', 'pscale_pw_EQUG33-GHW4YZ2s3DtylTpbgJdw-n7cvPbgYO8_EneE'],
  ['planetscale-api-token', 'PlanetScale service token', 'pscale_tkn_', 'pscale_tkn_8VU9o129Czu__IDhlEhxQ.YnDbHeQE96zwGkneokfdz'],
  ['planetscale-oauth-token', 'PlanetScale OAuth token', 'pscale_oauth_', 'pscale_oauth_H5Ps7D4z3Fcnqk.CxGKaV35Hb-ZHpZP0OiTYCTa9Ms6'],
] as const;

export const PLANETSCALE_RULES: readonly SecretRule[] = KINDS.map(([id, title, prefix, example]) => ({
  id,
  title,
  severity: 'high',
  keywords: [prefix],
  pattern: String.raw`\b(${prefix}[\w=.-]{32,64})${TOKEN_END}`,
  entropy: 3,
  examples: { match: [`DATABASE_PASSWORD=${example}`], noMatch: [`${prefix}${'x'.repeat(40)}`] },
}));
