/**
 * Generic credentials: a value that looks random (entropy > 3.5, at least one digit or symbol) assigned
 * to a name containing access, auth, api, credential(s), key, password/passwd, secret or token.
 * Most of the work is saying what is NOT a secret: names whose values are identifiers, sizes, URLs,
 * public keys or fingerprints (the GPG_KEY / *_GPG_KEYS variables of official images that Dockle's
 * CIS-DI-0010 flagged), placeholders, template references and words.
 */
import type { SecretRule } from '../rule.js';
import { anyCase, ASSIGN } from './parts.js';

/** The names: case-insensitive, except `api`, which must be `api`, `Api` or `API` (not the `aPi` of "ultraPicture"). */
const NAMES = ['access', 'auth', 'credential', 'creds', 'key', 'secret', 'token'].map(anyCase).join('|') + `|[Aa]pi|API|${anyCase('passw')}(?:${anyCase('or')})?${anyCase('d')}`;

/** Names (in the identifier before the value) whose values are not secrets. */
const NOT_SECRET_NAMES = [
  String.raw`access(?:ib|or|[_.-]?(?:id|log|level|mode|type|control|rights?|list|time|count|point|token[_.-]?ur[il]))`,
  String.raw`random[_.-]?access|rapid|capital`,
  String.raw`api[_.-]?(?:id|name|version|base|url|uri|host|path|group|port|endpoint|prefix|doc|spec)|[a-z0-9-]*?api[a-z0-9-]*?:jar:`,
  String.raw`author|auth[_.-]?(?:type|method|mode|url|uri|endpoint|provider|source|domain|realm|scheme|plugin|backend|header[_.-]?name)|authentication-results|x-ms-exchange-organization-auth`,
  String.raw`credentials?[_.-]?(?:id|name|type|provider|file|path|url|process|helper)|withcredentials`,
  String.raw`(?:bucket|foreign|hot|idx|natural|primary|partition|sort|row|unique|cache|object|map|schema|sequence|idempotency|dedup\w*|pub(?:lic)?)[_.-]?key`,
  String.raw`key[_.-]?vault\w*|key[_.-]?(?:alias|board|code|down|up|left|right|frame|id|length|len|mesh|name|pair|press(?:ed)?|ring|selector|signature|size|stone|storetype|type|usage|word|file|path|spec|server)`,
  String.raw`key(?:store|tab|ring|cloak|board|word|frame|space|path)|issuer[_.-]?key[_.-]?hash|turkey|[dm]onkey|keying`,
  String.raw`(?:gpg|pgp|signing|release)[_.-]?keys?|fingerprint|thumbprint|sha\d*|md5|checksum|digest`,
  String.raw`secret[_.-]?(?:name|length|size|ref|key[_.-]?ref|id|arn|path|file|store|manager|provider|version|type)|usersecretsid`,
  String.raw`(?:csrf|xsrf)[_.-]?token|token[_.-]?(?:type|url|uri|endpoint|file|path|name|length|expir\w*|ttl|lifetime|id|header|count)|(?:public|next|page|continuation|sync|cancel\w*)[_.-]?token|tokeni[sz]`,
  String.raw`passw(?:or)?d[_.-]?(?:file|path|policy|length|min|max|hash\w*|field|label|prompt|reset|change|expir\w*|regex|pattern|strength|rules?|validator|encoder|less)`,
  String.raw`io\.jsonwebtoken`,
];

/** Substrings of values that are placeholders or words, not secrets (lower-case, 4+ chars). */
const STOPWORDS = [
  'example', 'sample', 'dummy', 'placeholder', 'changeme', 'change_me', 'change-me', 'changeit', 'redacted', 'replace',
  'insert', 'your_', 'your-', 'yourkey', 'yourtoken', 'mykey', 'mytoken', 'secretkey', 'password', 'passw0rd', 'xxxx', 'todo',
  'fixme', 'fake', 'mock', 'notreal', 'not_real', 'not-real', 'invalid', 'default', 'undefined', 'null', 'none', 'true',
  'false', 'test', 'demo', 'lorem', 'ipsum', 'abcdef', 'qwerty', '0000', '1234', 'localhost', 'http', 'www.', '.com',
  '.org', '.net', '.html', '.json', '.yaml', '.xml', '.txt', '.py', '.js', 'file', 'path', 'config', 'setting', 'string',
  'value', 'param', 'environment', 'variable', 'secret_', 'secret-', 'token_', 'token-', 'access_', 'access-', 'auth_',
  'auth-', 'key_', 'key-', 'api_', 'api-', 'license', 'version', 'release', 'snapshot', 'module', 'package', 'library',
  'service', 'server', 'client', 'user', 'admin', 'public', 'private', 'internal', 'external', 'encrypt', 'decrypt',
  'hash', 'sha256', 'sha512', 'base64', 'bearer', 'basic', 'oauth', 'openid', 'jwt_', 'session', 'cookie', 'header',
  'request', 'response', 'method', 'function', 'class', 'object', 'import', 'export', 'return', 'select', 'update',
  'delete', 'insert', 'create', 'handler', 'callback', 'listener', 'provider', 'factory', 'manager', 'controller',
];

const K = '7Fq2Lx9Vb4Nw8Rt1Zc6Hm3Jp5Sd0Gk';

export const GENERIC_RULES: readonly SecretRule[] = [
  {
    id: 'generic-api-key',
    title: 'Generic secret (password, token or key assignment)',
    severity: 'medium',
    keywords: ['access', 'api', 'auth', 'key', 'credential', 'creds', 'passwd', 'password', 'secret', 'token'],
    pattern: String.raw`(?:${NAMES})${ASSIGN}([\w.=-]{10,150}|[a-zA-Z0-9][a-zA-Z0-9+/]{11,}={0,3})(?:[\x60'"\s;]|\\[nrNR]|$)`,
    identifierPrefix: true,
    anchored: true,
    entropy: 3.5,
    allow: {
      // shapes of code and prose, not of random strings
      values: [
        /^[a-zA-Z_.=-]+$/, // letters and separators only: an identifier or a word
        /^[A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)+$/, // a dotted reference: module.attr, obj.prop.name
        // words joined by _ or - (snake_case, kebab-case, UPPER_SNAKE; numbered parts) but not hex (UUIDs)
        /^(?![\da-fA-F_-]+$)(?:[A-Z]?[a-z][a-z\d]*|[A-Z][A-Z\d]*)(?:[_-](?:[A-Z]?[a-z][a-z\d]*|[A-Z][A-Z\d]*|\d+))+$/,
        /^[a-z]+(?:[A-Z][a-z]+)+\d*$/, // camelCase, numbered
        /^[A-Za-z]+(?:[/+]+[A-Za-z]*)*$/, // letters joined by + or /: key combos, cipher specs, `x++`
        /^[A-Za-z][A-Za-z-]*-v?\d+(?:\.\d+)+$/, // name-version: licence and package ids
      ],
      matches: [new RegExp(NOT_SECRET_NAMES.join('|'), 'i')],
      // BuildKit secret mounts are the right way to pass secrets; ES module imports name things
      // a GPG key id or fingerprint is public ("Release GPG key: 3ABC…")
      lines: [String.raw`--mount=type=secret,`, String.raw`^\s*import\s+\{[\s\w,]+\}\s+from\s+['"]`, /\b(?:gpg|pgp|signing)[ _-]?(?:keys?|fingerprint)\b/i],
      stopwords: STOPWORDS,
    },
    examples: {
      match: [`API_KEY=${K}`, `"client_secret": "${K}"`, `password: '${K}'`, `<accessToken>\n  ${K}\n</accessToken>`, `db.auth.token := "${K}"`],
      noMatch: [
        'ENV GPG_KEY=A035C8C19219BA821ECEA86B64E628F8D684696D',
        'WORDPRESS_CLI_GPG_KEY=63AF7AA15067C05616FDDD88A3A2E8F226F0BC06',
        `public_key = "${K}"`,
        'password = getPasswordFromVault',
        'api_version = 2023-10-01-preview',
        'api_key = ${API_KEY}',
        'RUN --mount=type=secret,id=api_token,env=API_TOKEN ./deploy.sh',
        'secret_name = prod-database-credentials',
        `token = "${K}"  # placeholder example`.replace(K, 'exampleToken1234567890'),
      ],
    },
  },
];
