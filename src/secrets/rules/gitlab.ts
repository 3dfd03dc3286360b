/** GitLab tokens (the documented prefixes: glpat-, glrt-, gldt-, ...). */
import type { SecretRule } from '../rule.js';

interface Prefixed {
  readonly id: string;
  readonly title: string;
  readonly prefix: string;
  readonly body: string;
  readonly example: string;
}

/** The simple prefixed formats: `<prefix><body>` with an entropy floor of 3. */
const PREFIXED: readonly Prefixed[] = [
  { id: 'gitlab-cicd-job-token', title: 'GitLab CI/CD job token', prefix: 'glcbt-', body: '[0-9a-zA-Z]{1,5}_[0-9a-zA-Z_-]{20}', example: 'glcbt-n3O_BBrDSxOOyBymrEqlHXm3' },
  { id: 'gitlab-deploy-token', title: 'GitLab deploy token', prefix: 'gldt-', body: '[0-9a-zA-Z_-]{20}', example: 'gldt-1qzZcmzTUoRyj9nde9sy' },
  { id: 'gitlab-feature-flag-client-token', title: 'GitLab feature flag client token', prefix: 'glffct-', body: '[0-9a-zA-Z_-]{20}', example: 'glffct-xoAwuKmhr7jmPY72T3AV' },
  { id: 'gitlab-feed-token', title: 'GitLab feed token', prefix: 'glft-', body: '[0-9a-zA-Z_-]{20}', example: 'glft-bfzx06UVZyvmbPkZyRHJ' },
  { id: 'gitlab-incoming-mail-token', title: 'GitLab incoming mail token', prefix: 'glimt-', body: '[0-9a-zA-Z_-]{25}', example: 'glimt-ouZrQV3xZAxjRM8mbTgDIMRBZ' },
  { id: 'gitlab-kubernetes-agent-token', title: 'GitLab Kubernetes agent token', prefix: 'glagent-', body: '[0-9a-zA-Z_-]{50}', example: 'glagent-xjX-BpYconEG4ZgzWbmHGJR1m4jfXuX8v-h2-1KZNUK9IKLdbF' },
  { id: 'gitlab-oauth-app-secret', title: 'GitLab OAuth application secret', prefix: 'gloas-', body: '[0-9a-zA-Z_-]{64}', example: 'gloas-fu0XgOYgOjC29GFfm7sFog16pAgTtpU4r16H1UrLqE9oNTJIyJEyFzfhbIH2denC' },
  { id: 'gitlab-pat', title: 'GitLab personal access token', prefix: 'glpat-', body: String.raw`[\w-]{20}`, example: 'glpat-MsI-z0oaWdfZp_lvi60Z' },
  { id: 'gitlab-ptt', title: 'GitLab pipeline trigger token', prefix: 'glptt-', body: '[0-9a-f]{40}', example: 'glptt-82257bffb6aaf423e6ed8c4b4a95db3ea22dfe90' },
  { id: 'gitlab-runner-authentication-token', title: 'GitLab runner authentication token', prefix: 'glrt-', body: '[0-9a-zA-Z_-]{20}', example: 'glrt-OCZFkUUdUYXyVXtwwl6K' },
  { id: 'gitlab-scim-token', title: 'GitLab SCIM token', prefix: 'glsoat-', body: '[0-9a-zA-Z_-]{20}', example: 'glsoat-l7dUbo11sFuWvPAX2LJh' },
];

export const GITLAB_RULES: readonly SecretRule[] = [
  ...PREFIXED.map(
    (p): SecretRule => ({
      id: p.id,
      title: p.title,
      severity: 'critical',
      keywords: [p.prefix],
      pattern: p.prefix.replace(/[.-]/g, (c) => `\\${c}`) + p.body,
      entropy: 3,
      examples: { match: [`TOKEN=${p.example}`], noMatch: [`TOKEN=${p.prefix}${'x'.repeat(70)}`, `${p.prefix}short`] },
    }),
  ),
  {
    id: 'gitlab-pat-routable',
    title: 'GitLab personal access token (routable)',
    severity: 'critical',
    keywords: ['glpat-'],
    pattern: String.raw`\bglpat-[0-9a-zA-Z_-]{27,300}\.[0-9a-z]{2}[0-9a-z]{7}\b`,
    entropy: 4,
    examples: { match: ['GITLAB_TOKEN=glpat-IF8-qR38Ony1dHqceytDbKPTF-n-pG.m71by07k8'], noMatch: ['glpat-' + 'x'.repeat(27) + '.01xxxxxxx'] },
  },
  {
    id: 'gitlab-runner-authentication-token-routable',
    title: 'GitLab runner authentication token (routable)',
    severity: 'critical',
    keywords: ['glrt-'],
    pattern: String.raw`\bglrt-t\d_[0-9a-zA-Z_-]{27,300}\.[0-9a-z]{2}[0-9a-z]{7}\b`,
    entropy: 4,
    examples: { match: ['token = "glrt-t1_cChuLc2iNkQkJnOkdsm2FC_R6YSRQr.558ec0way"'], noMatch: ['glrt-t1_' + 'x'.repeat(27) + '.01xxxxxxx'] },
  },
  {
    id: 'gitlab-rrt',
    title: 'GitLab runner registration token',
    severity: 'high',
    keywords: ['gr1348941'],
    pattern: String.raw`GR1348941[\w-]{20}`,
    entropy: 3,
    examples: { match: ['registration-token: GR1348941jNBkM-PKsCTPUpP4J4N6'], noMatch: ['GR1348941' + 'x'.repeat(20)] },
  },
  {
    id: 'gitlab-session-cookie',
    title: 'GitLab session cookie',
    severity: 'high',
    keywords: ['_gitlab_session='],
    pattern: '_gitlab_session=[0-9a-z]{32}',
    entropy: 3,
    examples: { match: ['Cookie: _gitlab_session=4thtjld3b4cugmlwnp46o2lrzlt994q5'], noMatch: ['_gitlab_session=' + '0'.repeat(32)] },
  },
];
