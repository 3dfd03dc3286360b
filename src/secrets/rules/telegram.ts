/** Telegram bot API tokens. */
import type { SecretRule } from '../rule.js';
import { ASSIGN } from './parts.js';

export const TELEGRAM_RULES: readonly SecretRule[] = [
  {
    id: 'telegram-bot-api-token',
    title: 'Telegram bot API token',
    severity: 'high',
    // `<bot id>:A<34 chars>` next to a name containing "telegr"
    keywords: ['telegr'],
    // case-insensitive except the `A` that starts the secret part
    pattern: String.raw`[Tt][Ee][Ll][Ee][Gg][Rr]${ASSIGN}([0-9]{5,16}:A[a-zA-Z0-9_-]{34})(?:[\x60'"\s;]|\\[nrNR]|$)`,
    identifierPrefix: true,
    anchored: true,
    examples: { match: ['TELEGRAM_BOT_TOKEN=0327159761:AbrKrdGrM5sZ_du_x-BOSzh4684rLJ3LyIM'], noMatch: ['TELEGRAM_CHAT_ID=-1001234567890'] },
  },
];
