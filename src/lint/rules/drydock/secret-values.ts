/**
 * Is a literal value a credential? Known token formats (AWS key ids, GitHub/GitLab/Slack/Stripe/npm/PyPI/
 * Docker Hub tokens, Google API keys, PEM private keys, JWTs) anywhere in the value; a random-looking
 * literal under a secret-sounding name (`DB_PASSWORD=Xk9#…`), in an embedded `password=…` setting or as
 * the password of a URL (`postgres://app:Xk9#…@db/app`). Variable references, empty values, paths and
 * obvious placeholders (`changeme`, `xxx`, `<token>`, `…EXAMPLE`) are not secrets.
 */

export interface SecretHit {
  /** What the secret looks like: `GitHub token`, `password`. */
  readonly kind: string;
  /** The secret text itself (never printed: see `preview`). */
  readonly secret: string;
}

const KNOWN_FORMATS: ReadonlyArray<{ readonly kind: string; readonly re: RegExp }> = [
  { kind: 'AWS access key id', re: /\b(?:AKIA|ASIA|ABIA|ACCA|AGPA|AIDA|AIPA|ANPA|ANVA|AROA|APKA)[A-Z0-9]{16}(?![A-Za-z0-9])/ },
  { kind: 'GitHub token', re: /\bgh[pousr]_[A-Za-z0-9]{36,251}(?![A-Za-z0-9])/ },
  { kind: 'GitHub token', re: /\bgithub_pat_[A-Za-z0-9_]{50,251}/ },
  { kind: 'GitLab token', re: /\bglpat-[A-Za-z0-9_-]{20,}/ },
  { kind: 'Slack token', re: /\bxox[abposr]-[A-Za-z0-9-]{10,}/ },
  { kind: 'Stripe live key', re: /\b[rs]k_live_[A-Za-z0-9]{20,}/ },
  { kind: 'Google API key', re: /\bAIza[A-Za-z0-9_-]{35}(?![A-Za-z0-9_-])/ },
  { kind: 'private key', re: /-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----/ },
  { kind: 'JSON Web Token', re: /\beyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}/ },
  { kind: 'npm token', re: /\bnpm_[A-Za-z0-9]{36}(?![A-Za-z0-9])/ },
  { kind: 'PyPI token', re: /\bpypi-AgEI[A-Za-z0-9_-]{50,}/ },
  { kind: 'Docker Hub token', re: /\bdckr_pat_[A-Za-z0-9_-]{20,}/ },
];

/** `password=…`, `api_key: …`, `-Dspring.datasource.password=…` inside a longer value. */
const EMBEDDED_SETTING = /(?:^|[^A-Za-z0-9])(?:password|passwd|passphrase|pwd|secret|token|api[_-]?key|access[_-]?key|private[_-]?key)\s*[=:]\s*([^\s&;,'"]+)/gi;
/** `scheme://user:password@host`. */
const URL_PASSWORD = /[A-Za-z][A-Za-z0-9+.-]*:\/\/[^\s:@/]+:([^\s@/]+)@/g;

const NAME_TOKENS = /[A-Z]+(?![a-z])|[A-Z]?[a-z]+|[0-9]+/g;
const SECRET_TOKENS: ReadonlySet<string> = new Set([
  'PASSWORD', 'PASSWD', 'PASSPHRASE', 'PASS', 'PWD', 'SECRET', 'SECRETS', 'TOKEN', 'APIKEY', 'ACCESSKEY', 'SECRETKEY',
  'PRIVATEKEY', 'CREDENTIAL', 'CREDENTIALS', 'CREDS', 'AUTH',
]);
/** `<X>_KEY` is secret for these X. */
const KEY_QUALIFIERS: ReadonlySet<string> = new Set(['API', 'ACCESS', 'PRIVATE', 'SECRET', 'ENCRYPTION', 'SIGNING', 'MASTER', 'AUTH', 'CLIENT', 'LICENSE']);
/** A name ending in one of these describes a secret (its file, length, URL …) without holding it. */
const NOT_A_VALUE: ReadonlySet<string> = new Set([
  'FILE', 'FILES', 'PATH', 'DIR', 'URL', 'URI', 'ENDPOINT', 'HOST', 'PORT', 'NAME', 'USER', 'USERNAME', 'ID', 'LENGTH',
  'LEN', 'SIZE', 'TTL', 'TIMEOUT', 'EXPIRY', 'EXPIRES', 'EXPIRATION', 'HEADER', 'TYPE', 'MODE', 'ENABLED', 'ENABLE',
  'DISABLED', 'DISABLE', 'REQUIRED', 'METHOD', 'ALGORITHM', 'ALG', 'VERSION', 'FORMAT', 'POLICY', 'PROVIDER', 'FIELD',
  'PARAM', 'PREFIX', 'REGEX', 'PATTERN', 'SCOPE', 'SCOPES', 'AUDIENCE', 'ISSUER', 'COMMAND', 'CMD', 'HELPER', 'STORE',
  'BACKEND', 'ENV', 'VAR', 'LOCATION', 'SOURCE', 'MANAGER', 'ARN', 'REF', 'RESET', 'COMPLEXITY', 'MIN', 'MAX',
]);

/** The upper-cased words of a name: `dbPassword` → DB PASSWORD, `AWS_SECRET_ACCESS_KEY` → AWS SECRET ACCESS KEY. */
export function nameTokens(name: string): string[] {
  return (name.match(NAME_TOKENS) ?? []).map((t) => t.toUpperCase());
}

/** True when a variable/label name says it holds a secret (`DB_PASSWORD`, `apiKey`, `NPM_TOKEN`), not when it names one (`TOKEN_URL`). */
export function isSecretName(name: string): boolean {
  const tokens = nameTokens(name);
  const last = tokens[tokens.length - 1];
  if (last === undefined || NOT_A_VALUE.has(last)) return false;
  return tokens.some((t, i) => SECRET_TOKENS.has(t) || (t === 'KEY' && i > 0 && KEY_QUALIFIERS.has(tokens[i - 1] as string)));
}

const PLACEHOLDER_WORDS = /changeme|change[_-]me|replace[_-]?me|example|placeholder|dummy|sample|redacted|your[_-]|<[^>]*>|\{\{|xxx|\*\*\*|\.\.\.|todo|fixme|insert[_-]/i;
const REPEATED = /(.)\1{5,}/;
const PLAIN_WORDS: ReadonlySet<string> = new Set(['none', 'null', 'nil', 'undefined', 'true', 'false', 'yes', 'no', 'default', 'disabled', 'enabled', 'empty', 'unset', 'secret', 'password', 'token']);

/** `changeme`, `xxxxxxxx`, `<your-token>`, `AKIAIOSFODNN7EXAMPLE`, `true`. */
export function isPlaceholder(value: string): boolean {
  return PLAIN_WORDS.has(value.toLowerCase()) || PLACEHOLDER_WORDS.test(value) || REPEATED.test(value);
}

const PATH_LIKE = /^(?:\/|\.{1,2}\/|~\/|[A-Za-z]:\\)/;
const URL_LIKE = /^[A-Za-z][A-Za-z0-9+.-]*:\/\//;
const NUMBER = /^[0-9.,_-]+$/;

/** Shannon entropy of the characters, in bits per character. */
export function entropy(s: string): number {
  const counts = new Map<string, number>();
  for (const c of s) counts.set(c, (counts.get(c) ?? 0) + 1);
  let h = 0;
  for (const n of counts.values()) {
    const p = n / s.length;
    h -= p * Math.log2(p);
  }
  return h;
}

function characterClasses(s: string): number {
  let lower = 0;
  let upper = 0;
  let digit = 0;
  let other = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 97 && c <= 122) lower = 1;
    else if (c >= 65 && c <= 90) upper = 1;
    else if (c >= 48 && c <= 57) digit = 1;
    else other = 1;
  }
  return lower + upper + digit + other;
}

/** A literal that looks like a password or key rather than a word, path, number or placeholder. */
export function looksRandom(value: string): boolean {
  if (value.length < 8 || value.includes('$') || isPlaceholder(value)) return false;
  if (PATH_LIKE.test(value) || URL_LIKE.test(value) || NUMBER.test(value)) return false;
  if (characterClasses(value) < 2) return false;
  return entropy(value) >= Math.min(3, Math.log2(value.length) * 0.75);
}

/** The first credential in `value`, known formats first; `secretName` says the value is stored under a secret-sounding name. */
export function findSecret(value: string, secretName: boolean): SecretHit | undefined {
  for (const { kind, re } of KNOWN_FORMATS) {
    const m = re.exec(value);
    if (m !== null && !isPlaceholder(m[0])) return { kind, secret: m[0] };
  }
  if (secretName && looksRandom(value.trim())) return { kind: 'secret', secret: value.trim() };
  return embedded(value, EMBEDDED_SETTING, 'password setting') ?? embedded(value, URL_PASSWORD, 'URL password');
}

function embedded(value: string, re: RegExp, kind: string): SecretHit | undefined {
  re.lastIndex = 0;
  for (let m = re.exec(value); m !== null; m = re.exec(value)) {
    const secret = m[1] ?? '';
    if (looksRandom(secret)) return { kind, secret };
  }
  return undefined;
}

/** `ghp_… (40 chars)`: enough to find the secret, never the secret itself. */
export function preview(secret: string): string {
  return `"${secret.slice(0, 4)}…" (${secret.length} chars)`;
}
