/** New Relic user API keys and ids, browser and insert keys. */
import type { SecretRule } from '../rule.js';
import { assigned } from './parts.js';

const NAMES = 'new-relic|newrelic|new_relic';
const KINDS = [
  ['new-relic-user-api-key', 'New Relic user API key', ['nrak'], 'NRAK-[a-z0-9]{27}', 'NRAK-EDT0R8SZ8SXB3CV5YFRDASTKHPB'],
  ['new-relic-user-api-id', 'New Relic user API id', ['new-relic', 'newrelic', 'new_relic'], '[a-z0-9]{64}', 'rj5WWFhVOt04Bavo5Uy4SXXr9fATDU7dL7SHecCEpvkgL4y7DhZCirJRGhlvyAGE'],
  ['new-relic-browser-api-token', 'New Relic browser API token', ['nrjs-'], 'NRJS-[a-f0-9]{19}', 'NRJS-f00b0e50d3cf3bc8c49'],
  ['new-relic-insert-key', 'New Relic insert key', ['nrii-'], 'NRII-[a-z0-9-]{32}', 'NRII-D9I5L1HH026d1W0NIMJ64dMEiya8Lk5K'],
] as const;

export const NEWRELIC_RULES: readonly SecretRule[] = KINDS.map(([id, title, keywords, value, example]) => ({
  id,
  title,
  severity: 'high',
  keywords,
  pattern: assigned(NAMES, value),
  flags: 'i',
  identifierPrefix: true,
  examples: { match: [`NEW_RELIC_KEY=${example}`], noMatch: ['NEW_RELIC_APP_NAME=shop', example] },
}));
