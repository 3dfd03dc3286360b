/** GitHub tokens: classic and fine-grained personal access tokens, OAuth, app and refresh tokens. */
import type { SecretRule } from '../rule.js';
import { NOT_AFTER_WORD } from './parts.js';

export const GITHUB_RULES: readonly SecretRule[] = [
  {
    id: 'github-pat',
    title: 'GitHub personal access token (classic)',
    severity: 'critical',
    keywords: ['ghp_'],
    pattern: `${NOT_AFTER_WORD}ghp_[0-9a-zA-Z]{36}`,
    entropy: 3,
    examples: {
      match: ['GITHUB_TOKEN=ghp_W5vQ7CF5puzQqmOBZZW6m4nyoL6uniiFw152', 'git clone https://x-access-token:ghp_W5vQ7CF5puzQqmOBZZW6m4nyoL6uniiFw152@github.com/org/repo.git'],
      noMatch: ['ghp_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx', 'ghp_short', 'Sghp_fBOwd7LNCmyDjaUGweuizGSILnFLXtzSabcd'],
    },
  },
  {
    id: 'github-fine-grained-pat',
    title: 'GitHub fine-grained personal access token',
    severity: 'critical',
    keywords: ['github_pat_'],
    pattern: String.raw`github_pat_\w{82}`,
    entropy: 3,
    examples: {
      match: ['GH_TOKEN=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'],
      noMatch: ['github_pat_' + 'x'.repeat(82), 'github_pat_tooshort'],
    },
  },
  {
    id: 'github-oauth',
    title: 'GitHub OAuth access token',
    severity: 'critical',
    keywords: ['gho_'],
    pattern: `${NOT_AFTER_WORD}gho_[0-9a-zA-Z]{36}`,
    entropy: 3,
    examples: {
      match: ['oauth_token: gho_cTe8r0khCEr7n1AyOHFRuT11NCue1cr3McRT'],
      noMatch: ['gho_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx', 'Sogho_ICANVASRENDERINGVIACONTEXT2D3D5D7D8D'],
    },
  },
  {
    id: 'github-app-token',
    title: 'GitHub App user-to-server or installation token',
    severity: 'critical',
    // ghs_<installation id>_<JWT> is the stateless installation-token format
    keywords: ['ghu_', 'ghs_'],
    pattern: String.raw`${NOT_AFTER_WORD}(?:ghu_[0-9a-zA-Z]{36}|ghs_[0-9a-zA-Z]{36}|ghs_\d+_[0-9a-zA-Z._-]{36,})`,
    entropy: 3,
    allow: { paths: [String.raw`(?:^|/)@octokit/auth-token/README\.md$`] },
    examples: {
      match: ['GITHUB_TOKEN=ghs_m0EqlTaWEITclorXwIS8HGNWkz2YS5ofA75U', 'token ghu_rKwtPYKbPizDmbX1rpXjYdOhCgOIPOZx9eRm'],
      noMatch: ['ghs_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx', 'Soghu_ICANVASRENDERINGVIACONTEXT2D3D5D7D8D'],
    },
  },
  {
    id: 'github-refresh-token',
    title: 'GitHub refresh token',
    severity: 'critical',
    keywords: ['ghr_'],
    pattern: `${NOT_AFTER_WORD}ghr_[0-9a-zA-Z]{36}`,
    entropy: 3,
    examples: {
      match: ['refresh_token=ghr_yiCDmO46ayJKP4GY08vDuPngU30ZP7Thnp5y'],
      noMatch: ['ghr_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx', 'Bighr_ICANVASRENDERINGVIACONTEXT2D3D5D7D8D'],
    },
  },
];
