/**
 * The built-in secret rules: one file per family, listed here explicitly (no registration by import).
 * Ids are gitleaks' where gitleaks has the rule, Trivy's where only Trivy has it, else drydock's own.
 */
import type { AllowList, SecretRule } from '../rule.js';
import { AGE_RULES } from './age.js';
import { ALIBABA_RULES } from './alibaba.js';
import { ANTHROPIC_RULES } from './anthropic.js';
import { ATLASSIAN_RULES } from './atlassian.js';
import { AWS_RULES } from './aws.js';
import { AZURE_RULES } from './azure.js';
import { CURL_RULES } from './curl.js';
import { DATABASE_URL_RULES } from './database-urls.js';
import { DATABRICKS_RULES } from './databricks.js';
import { DATADOG_RULES } from './datadog.js';
import { DIGITALOCEAN_RULES } from './digitalocean.js';
import { DISCORD_RULES } from './discord.js';
import { DOCKER_RULES } from './dockerhub.js';
import { DOPPLER_RULES } from './doppler.js';
import { FACEBOOK_RULES } from './facebook.js';
import { GCP_RULES } from './gcp.js';
import { GENERIC_RULES } from './generic.js';
import { GITHUB_RULES } from './github.js';
import { GITLAB_RULES } from './gitlab.js';
import { GRAFANA_RULES } from './grafana.js';
import { HASHICORP_RULES } from './hashicorp.js';
import { HEROKU_RULES } from './heroku.js';
import { HUGGINGFACE_RULES } from './huggingface.js';
import { JWT_RULES } from './jwt.js';
import { KUBERNETES_RULES } from './kubernetes.js';
import { LINEAR_RULES } from './linear.js';
import { MAILGUN_RULES } from './mailgun.js';
import { MAVEN_RULES } from './maven.js';
import { NEWRELIC_RULES } from './newrelic.js';
import { NPM_RULES } from './npm.js';
import { OPENAI_RULES } from './openai.js';
import { PACKAGIST_RULES } from './packagist.js';
import { PLANETSCALE_RULES } from './planetscale.js';
import { PRIVATE_KEY_RULES } from './private-keys.js';
import { PULUMI_RULES } from './pulumi.js';
import { PYPI_RULES } from './pypi.js';
import { RUBYGEMS_RULES } from './rubygems.js';
import { SENDGRID_RULES } from './sendgrid.js';
import { SENTRY_RULES } from './sentry.js';
import { SHOPIFY_RULES } from './shopify.js';
import { SLACK_RULES } from './slack.js';
import { SQUARE_RULES } from './square.js';
import { STRIPE_RULES } from './stripe.js';
import { SYMFONY_RULES } from './symfony.js';
import { TELEGRAM_RULES } from './telegram.js';
import { TWILIO_RULES } from './twilio.js';

export const SECRET_RULES: readonly SecretRule[] = [
  ...AWS_RULES,
  ...GCP_RULES,
  ...AZURE_RULES,
  ...ALIBABA_RULES,
  ...GITHUB_RULES,
  ...GITLAB_RULES,
  ...PRIVATE_KEY_RULES,
  ...SLACK_RULES,
  ...STRIPE_RULES,
  ...NPM_RULES,
  ...PYPI_RULES,
  ...DOCKER_RULES,
  ...OPENAI_RULES,
  ...ANTHROPIC_RULES,
  ...HUGGINGFACE_RULES,
  ...TWILIO_RULES,
  ...SENDGRID_RULES,
  ...MAILGUN_RULES,
  ...JWT_RULES,
  ...DATABASE_URL_RULES,
  ...HASHICORP_RULES,
  ...KUBERNETES_RULES,
  ...CURL_RULES,
  ...MAVEN_RULES,
  ...PACKAGIST_RULES,
  ...SYMFONY_RULES,
  ...SHOPIFY_RULES,
  ...DIGITALOCEAN_RULES,
  ...HEROKU_RULES,
  ...DATABRICKS_RULES,
  ...ATLASSIAN_RULES,
  ...SQUARE_RULES,
  ...DOPPLER_RULES,
  ...GRAFANA_RULES,
  ...NEWRELIC_RULES,
  ...DATADOG_RULES,
  ...FACEBOOK_RULES,
  ...SENTRY_RULES,
  ...TELEGRAM_RULES,
  ...DISCORD_RULES,
  ...RUBYGEMS_RULES,
  ...AGE_RULES,
  ...PLANETSCALE_RULES,
  ...PULUMI_RULES,
  ...LINEAR_RULES,
  ...GENERIC_RULES,
];

/**
 * Values no built-in rule reports: booleans and nulls, one char repeated, references to variables or
 * templates (`$X`, `${X}`, `{{ x }}`, `%X%`, `@X@`, `<x>`), and absolute paths of system directories.
 */
export const BUILTIN_ALLOWLISTS: readonly AllowList[] = [
  {
    description: 'placeholders and references, not values',
    regexes: [
      /^(?:true|false|null|none|nil|undefined)$/i,
      /^(.)\1*$/s,
      /^\$(?:\d+|\{\d+\})$/,
      /^\$\{?[A-Za-z_][\w.]*\}?$/,
      /^\$?\{\{[^{}]*\}\}$/,
      /^%[\w.]+%$/,
      /^@[\w.]+@$/,
      /^<[^<>]+>$/,
      /^\/(?:bin|etc|home|opt|root|srv|tmp|usr|var|proc|run|dev|app)\/[\w ./-]*$/,
    ],
  },
  {
    description: 'example values from specifications and vendor documentation, quoted in code and docs everywhere',
    regexes: [
      /^(?:AKIAIOSFODNN7EXAMPLE|wJalrXUtnFEMI\/K7MDENG\/bPxRfiCYEXAMPLEKEY)$/, // AWS documentation
      /^(?:2YotnFZFEjr1zCsicMWpAA|tGzv3JOkF0XG5Qx2TlKWIA|SplxlOBeZQQYbYS6WxSbIA)$/, // RFC 6749 (OAuth 2.0) examples
      /^(?:0685bd9184jfhq22|ad180jjd733klru7|wIjqoS|kd94hf93k423kf44|hh5s93j4hdidpola|hdk48Djdsa|nnch734d00sl2jdk|pfkkdhi9sl3r4s00)$/, // RFC 5849 (OAuth 1.0)
      /^dGhlIHNhbXBsZSBub25jZQ==$/, // RFC 6455 (WebSocket) sample nonce
    ],
  },
];
