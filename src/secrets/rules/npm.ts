/** npm: access tokens (`npm_…`) and registry credentials in .npmrc files. */
import type { SecretRule } from '../rule.js';
import { TOKEN_END } from './parts.js';

export const NPM_RULES: readonly SecretRule[] = [
  {
    id: 'npm-access-token',
    title: 'npm access token',
    severity: 'critical',
    keywords: ['npm_'],
    pattern: String.raw`\b(npm_[a-z0-9]{36})${TOKEN_END}`,
    flags: 'i',
    entropy: 2,
    examples: { match: ['//registry.npmjs.org/:_authToken=npm_4qebcwu5xKtq0Q4lPEyNv95xbKT8nXeOdNIA', 'NPM_TOKEN="npm_4qebcwu5xKtq0Q4lPEyNv95xbKT8nXeOdNIA"'], noMatch: ['npm_' + 'x'.repeat(36), 'npm_config_cache=/tmp/.npm'] },
  },
  {
    id: 'npmrc-auth',
    title: 'Registry credential in an .npmrc file',
    severity: 'high',
    // `_authToken=` (bearer token of any format), `_auth=` (base64 user:password), `_password=`
    // (base64 password); `${NPM_TOKEN}`-style references are what should be there instead.
    keywords: ['_authtoken', '_auth=', '_password'],
    pattern: String.raw`(?:^|[\s:])(?:_authToken|_auth|_password)\s*=\s*["']?([^\s"'$]{12,})`,
    path: String.raw`(?:^|/)\.?npmrc$`,
    entropy: 3,
    examples: { path: 'root/.npmrc',
      match: ['//registry.npmjs.org/:_authToken=c1863db1-2ff4-9aa6-6e94-78953f9710af', '//npm.example.com/:_auth=dM9AbT53gBdj+4lMqCt9HU9Jy3HVA=WMOTaITrqwmX+R'],
      noMatch: ['//registry.npmjs.org/:_authToken=${NPM_TOKEN}', 'always-auth=true'],
    },
  },
];
