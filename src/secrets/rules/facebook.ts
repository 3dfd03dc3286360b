/** Facebook (Meta) app secrets, app access tokens and page access tokens. */
import type { SecretRule } from '../rule.js';
import { assigned, TOKEN_END } from './parts.js';

export const FACEBOOK_RULES: readonly SecretRule[] = [
  {
    id: 'facebook-secret',
    title: 'Facebook app secret',
    severity: 'high',
    keywords: ['facebook'],
    pattern: assigned('facebook', '[a-f0-9]{32}'),
    flags: 'i',
    identifierPrefix: true,
    anchored: true,
    entropy: 3,
    examples: { match: ['FACEBOOK_APP_SECRET=5731da211c1f1e6adb12cce64ee350c7'], noMatch: ['FACEBOOK_APP_ID=1234567890', 'FACEBOOK_APP_SECRET=' + '0'.repeat(32)] },
  },
  {
    id: 'facebook-access-token',
    title: 'Facebook app access token',
    severity: 'high',
    // `<app id>|<app secret>`: looked for anywhere in a file that mentions facebook
    keywords: ['facebook'],
    pattern: String.raw`\b(\d{15,16}(?:\||%)[0-9a-z_-]{27,40})${TOKEN_END}`,
    flags: 'i',
    entropy: 3,
    multiline: true,
    examples: { match: ['# facebook\naccess_token = 323692092492515|jSgg7_j76bvUUhaP__zeA7YbPShYOJim'], noMatch: ['323692092492515|jSgg7_j76bvUUhaP__zeA7YbPShYOJim', '# facebook\nid = 123456789012345'] },
  },
  {
    id: 'facebook-page-access-token',
    title: 'Facebook page access token',
    severity: 'high',
    keywords: ['eaam', 'eaac'],
    pattern: String.raw`\b(EAA[MC][a-zA-Z0-9]{100,})${TOKEN_END}`,
    entropy: 4,
    examples: { match: ['PAGE_TOKEN=EAAMKtVzVhfMGBwZcvNRmKHtouaHtA5SsvF2HNrSIweAw5s80XXZSMi3tVydwipVg11IXNk0KgNCMDiy9uG9rdCy0eVQbqgnktDMBu2Q5Jn4V6Tq50wfMLZeEgG8'], noMatch: ['EAAM' + 'a'.repeat(100)] },
  },
];
