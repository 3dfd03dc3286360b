/** Docker: Docker Hub access tokens, registry auth in Docker/Podman config files and Kubernetes pull secrets. */
import type { SecretRule } from '../rule.js';

export const DOCKER_RULES: readonly SecretRule[] = [
  {
    id: 'dockerhub-pat',
    title: 'Docker Hub personal or organisation access token',
    severity: 'critical',
    keywords: ['dckr_pat_', 'dckr_oat_'],
    pattern: String.raw`\bdckr_(?:pat|oat)_[A-Za-z0-9_-]{27}(?![A-Za-z0-9_-])`,
    entropy: 3,
    examples: { match: ['echo dckr_pat_YGGVPxQAq1qIuqzWLDxb8rII1GY | docker login -u demo --password-stdin'], noMatch: ['dckr_pat_' + 'x'.repeat(27), 'dckr_pat_short'] },
  },
  {
    id: 'docker-config-auth',
    title: 'Registry credential in a Docker or Podman config file',
    severity: 'critical',
    // ~/.docker/config.json, the legacy ~/.dockercfg and containers' auth.json keep base64(user:password)
    keywords: ['"auth"', '"identitytoken"'],
    pattern: String.raw`"(?:auth|identitytoken)"\s*:\s*"([A-Za-z0-9+/_.-]{12,}={0,2})"`,
    path: String.raw`(?:^|/)(?:\.docker/config\.json|\.dockercfg|containers/auth\.json|config\.json)$`,
    entropy: 3,
    examples: { path: 'root/.docker/config.json', match: ['{"auths": {"https://index.docker.io/v1/": {"auth": "ZGVwbG95Om5YN3BMMnFSOXZLNG1aOHc="}}}'], noMatch: ['{"auths": {"ghcr.io": {}}, "credsStore": "desktop"}'] },
  },
  {
    id: 'dockerconfig-secret',
    title: 'Docker registry credential in a Kubernetes secret',
    severity: 'high',
    // Trivy's rule: the base64 value of `.dockerconfigjson` / `.dockercfg` (a JSON object: "ey" / "ew")
    keywords: ['dockerc'],
    pattern: String.raw`\.(?:dockerconfigjson|dockercfg):\s*\|*\s*((?:ey|ew)+[A-Za-z0-9/+=]+)`,
    flags: 'i',
    examples: { match: ['data:\n  .dockerconfigjson: eyJhdXRocyI6eyJyZWdpc3RyeS5leGFtcGxlLmNvbSI6e319fQ=='], noMatch: ['type: kubernetes.io/dockerconfigjson'] },
  },
];
