import { isArg, isEnvOrLabel } from '../dockerfile/guards.js';
import type { LintRule, Violation } from '../rule.js';
import { withKeyword } from './instructions/by-keyword.js';

/** Hadolint's list of well-known secret variable names. */
const KNOWN_SENSITIVE: ReadonlySet<string> = new Set([
  'ACCESS_TOKEN', 'APPLICATION_KEY', 'APP_SECRET', 'AUTH_TOKEN', 'AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY',
  'BITTREX_API_KEY', 'BITTREX_API_SECRET', 'CF_PASSWORD', 'CF_USERNAME', 'CIRCLE_TOKEN', 'CI_DEPLOY_PASSWORD',
  'CI_DEPLOY_USER', 'DOCKERHUB_PASSWORD', 'DOCKER_EMAIL', 'DOCKER_PASSWORD', 'DOCKER_USERNAME',
  'FACEBOOK_ACCESS_TOKEN', 'FACEBOOK_APP_ID', 'FACEBOOK_APP_SECRET', 'FIREBASE_API_TOKEN', 'FIREBASE_TOKEN',
  'FOSSA_API_KEY', 'GH_ENTERPRISE_TOKEN', 'GH_TOKEN', 'GITHUB_ENTERPRISE_TOKEN', 'GITHUB_TOKEN', 'HEROKU_API_KEY',
  'HEROKU_API_USER', 'NPM_AUTH_TOKEN', 'NPM_TOKEN', 'OKTA_AUTHN_GROUPID', 'OKTA_CLIENT_ORGURL', 'OKTA_CLIENT_TOKEN',
  'OKTA_OAUTH2_CLIENTID', 'OKTA_OAUTH2_CLIENTSECRET', 'OPENAI_API_KEY', 'OS_PASSWORD', 'OS_USERNAME',
  'POSTGRES_PASSWORD', 'SLACK_TOKEN', 'STRIPE_API_KEY', 'STRIPE_DEVICE_NAME', 'TRAVIS_OS_NAME',
  'TRAVIS_SECURE_ENV_VARS', 'TRAVIS_SUDO', 'VAULT_CLIENT_KEY', 'VAULT_TOKEN',
]);

/** Hadolint's list of name parts that suggest a secret (matched case-insensitively). */
const SUSPICIOUS_PARTS = ['api_key', 'client_key', 'password', 'private', 'secret', 'token', 'username'];

/** Whether a variable name looks like it holds a secret (Hadolint's lists). */
export function isSensitiveName(name: string): boolean {
  if (KNOWN_SENSITIVE.has(name.toUpperCase())) return true;
  const lower = name.toLowerCase();
  return SUSPICIOUS_PARTS.some((part) => lower.includes(part));
}

/**
 * DL3064: an ARG or ENV whose name suggests a secret: both end up in the image (history or config).
 * Global ARGs and ONBUILD ones included; one finding per name, at the name.
 */
export const DL3064: LintRule = {
  code: 'DL3064',
  level: 'warning',
  message: 'Potentially sensitive data should not be used in the `ARG` or `ENV` commands',
  description: 'ARG values stay in the image history and ENV values in its config; use build secrets instead.',
  check(ctx) {
    const out: Violation[] = [];
    for (const instr of [...withKeyword(ctx.doc, 'ARG'), ...withKeyword(ctx.doc, 'ENV')]) {
      if (!isArg(instr) && !isEnvOrLabel(instr)) continue;
      for (const p of instr.pairs) if (isSensitiveName(p.key.value)) out.push({ code: 'DL3064', span: p.key.span });
    }
    return out;
  },
};
