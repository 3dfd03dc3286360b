/**
 * File names that hold key material or credentials (DD002). `key` names are private keys and key
 * stores whatever stage they come from; `credentials` names are credential and config files that only
 * count when copied from the build context (a build stage's `.npmrc` is its own business).
 * Certificates and public keys (`ca.pem`, `fullchain.pem`, `id_rsa.pub`, `repo.gpg.key`) are not secret.
 */

export type MaterialKind = 'key' | 'credentials';

export interface Material {
  readonly kind: MaterialKind;
  /** What it is, for the message: `private key`, `SSH private key`, `.env file`. */
  readonly what: string;
}

const EXACT: ReadonlyMap<string, Material> = new Map<string, Material>([
  ['id_rsa', { kind: 'key', what: 'SSH private key' }],
  ['id_dsa', { kind: 'key', what: 'SSH private key' }],
  ['id_ecdsa', { kind: 'key', what: 'SSH private key' }],
  ['id_ed25519', { kind: 'key', what: 'SSH private key' }],
  ['id_ecdsa_sk', { kind: 'key', what: 'SSH private key' }],
  ['id_ed25519_sk', { kind: 'key', what: 'SSH private key' }],
  ['.ssh', { kind: 'key', what: 'SSH key directory' }],
  ['.env', { kind: 'credentials', what: '.env file' }],
  ['credentials.json', { kind: 'credentials', what: 'credentials file' }],
  ['.npmrc', { kind: 'credentials', what: 'npm config (may hold an auth token)' }],
  ['.pypirc', { kind: 'credentials', what: 'PyPI config (may hold a token)' }],
  ['.netrc', { kind: 'credentials', what: '.netrc (login passwords)' }],
  ['.git-credentials', { kind: 'credentials', what: 'git credential store' }],
  ['kubeconfig', { kind: 'credentials', what: 'kubeconfig' }],
]);

/** Paths whose last two components matter: `.aws/credentials`, `.docker/config.json`, `.kube/config`. */
const TAILS: ReadonlyMap<string, Material> = new Map<string, Material>([
  ['.aws/credentials', { kind: 'credentials', what: 'AWS credentials file' }],
  ['.docker/config.json', { kind: 'credentials', what: 'Docker registry credentials' }],
  ['.kube/config', { kind: 'credentials', what: 'kubeconfig' }],
]);

const PEM: Material = { kind: 'key', what: 'PEM file (private key?)' };
const KEY: Material = { kind: 'key', what: 'private key' };
/** Extensions also used for certificates and public keys: the name decides. Key stores hold private keys (unless a trust store). */
const MAY_BE_PUBLIC: ReadonlySet<Material> = new Set([PEM, KEY]);
const TRUST_STORE = /trust|cacerts/i;

const EXTENSIONS: ReadonlyMap<string, Material> = new Map<string, Material>([
  ['pem', PEM],
  ['key', KEY],
  ['p12', { kind: 'key', what: 'PKCS#12 key store' }],
  ['pfx', { kind: 'key', what: 'PKCS#12 key store' }],
  ['jks', { kind: 'key', what: 'Java key store' }],
  ['keystore', { kind: 'key', what: 'key store' }],
  ['kdbx', { kind: 'key', what: 'KeePass database' }],
  ['ppk', { kind: 'key', what: 'PuTTY private key' }],
]);

const GLOB = /[*?[]/;
const QUERY = /[?#]/;

/** `.env.example` and friends are templates meant to be committed. */
const ENV_TEMPLATES: ReadonlySet<string> = new Set(['example', 'sample', 'template', 'dist', 'defaults', 'default', 'tpl', 'schema']);
/** Name parts that mark a certificate or public key (`ca.pem`, `cert.pem`, `fullchain.pem`, `signing.pub.key`). */
const PUBLIC_PARTS = /(?:^|[-_.])(?:ca|cacert|cacerts|cert|certs|certificate|chain|fullchain|bundle|root|public|pub|gpg|pgp|asc|trust|truststore)(?:[-_.]|$)/i;
/** Name parts that say private even beside a public-looking part (`cert-key.pem`, `private-ca.key`). */
const PRIVATE_PARTS = /(?:^|[-_.])(?:key|priv|private|privkey|secret)(?:[-_.]|$)/i;

/** The key material or credential file a copy source names, if any (globs: their literal name part). */
export function materialOf(source: string): Material | undefined {
  const path = stripUrl(source).replace(/\/+$/, '');
  const slash = path.lastIndexOf('/');
  const base = path.slice(slash + 1);
  if (base === '' || base === '.' || base === '*') return undefined;
  const exact = EXACT.get(base);
  if (exact !== undefined) return exact;
  const parent = path.slice(path.lastIndexOf('/', slash - 1) + 1);
  const tail = TAILS.get(parent);
  if (tail !== undefined) return tail;
  if (base.startsWith('.env.')) return envVariant(base);
  const dot = base.lastIndexOf('.');
  const material = dot <= 0 ? undefined : EXTENSIONS.get(base.slice(dot + 1).toLowerCase());
  if (material === undefined) return undefined;
  const stem = base.slice(0, dot);
  if (!MAY_BE_PUBLIC.has(material)) return TRUST_STORE.test(stem) ? undefined : material;
  if (PRIVATE_PARTS.test(stem)) return material;
  // `certs/*.pem`: a glob's directory says what it holds
  const dir = GLOB.test(stem) ? path.slice(path.lastIndexOf('/', slash - 1) + 1, Math.max(slash, 0)) : '';
  return PUBLIC_PARTS.test(stem) || PUBLIC_PARTS.test(dir) ? undefined : material;
}

function envVariant(base: string): Material | undefined {
  const suffix = base.slice(5).toLowerCase();
  if (ENV_TEMPLATES.has(suffix) || ENV_TEMPLATES.has(suffix.slice(suffix.lastIndexOf('.') + 1))) return undefined;
  return { kind: 'credentials', what: '.env file' };
}

/** `https://host/path/id_rsa?x=1` → `/path/id_rsa`; other sources unchanged. */
function stripUrl(source: string): string {
  const scheme = source.indexOf('://');
  if (scheme < 0) return source;
  const pathStart = source.indexOf('/', scheme + 3);
  if (pathStart < 0) return '';
  const end = source.search(QUERY);
  return source.slice(pathStart, end < 0 ? undefined : end);
}
