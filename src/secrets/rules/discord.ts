/** Discord bot tokens, client ids and client secrets. */
import type { SecretRule } from '../rule.js';
import { assigned } from './parts.js';

const KINDS = [
  ['discord-api-token', 'Discord API token', '[a-f0-9]{64}', '242be2df62cee13d4e2432d34322e58106bd3428516bd6f660d02c40ba756898', undefined],
  ['discord-client-id', 'Discord client id', '[0-9]{18}', '343852890404109933', 2],
  ['discord-client-secret', 'Discord client secret', '[a-z0-9=_-]{32}', 'imys7IyUawFDPmWKFYvCdFUp3rLevELp', 2],
] as const;

export const DISCORD_RULES: readonly SecretRule[] = KINDS.map(([id, title, value, example, entropy]) => ({
  id,
  title,
  severity: 'medium',
  keywords: ['discord'],
  pattern: assigned('discord', value),
  flags: 'i',
  identifierPrefix: true,
    anchored: true,
  ...(entropy === undefined ? {} : { entropy }),
  examples: { match: [`DISCORD_KEY=${example}`], noMatch: ['DISCORD_GUILD=my-server', example] },
}));
