import type { Platform } from '../../core/inventory.js';

/** How often and how patiently a request is retried on network errors, 429 and 5xx answers. */
export interface RetryOptions {
  /** Total tries, the first included (1 = no retry). */
  attempts: number;
  /** Backoff before the first retry; doubled for each further one, with jitter. */
  baseDelayMs: number;
  /** Upper bound of one computed backoff. */
  maxDelayMs: number;
  /** Upper bound of a wait the registry asks for with `Retry-After`. */
  maxRetryAfterMs: number;
}

export const DEFAULT_RETRY: RetryOptions = { attempts: 4, baseDelayMs: 500, maxDelayMs: 8_000, maxRetryAfterMs: 60_000 };

/** How long one try of a request may take; a timeout is a NETWORK error (retried like one). */
export interface TimeoutOptions {
  /** From sending a request to its response headers. */
  headersMs: number;
  /** Idle time between two chunks of a response body (blobs stream for as long as data flows). */
  bodyMs: number;
  /** Overall deadline of one try of a small read (manifest, token, tag list page): headers and whole body. */
  smallReadMs: number;
}

export const DEFAULT_TIMEOUTS: TimeoutOptions = { headersMs: 30_000, bodyMs: 60_000, smallReadMs: 60_000 };

/** Everything a RegistryClient needs to reach and authenticate to one registry. */
export interface RegistryClientOptions {
  /** Explicit credentials; they win over any docker config. */
  username?: string;
  password?: string;
  /** A docker `config.json` to read `auths`, `credsStore` and `credHelpers` from. */
  dockerConfigPath?: string;
  /**
   * Environment for credential helpers (`docker-credential-<name>`), which are found on its PATH.
   * When absent the helper inherits the process environment.
   */
  env?: Record<string, string | undefined>;
  /**
   * Accept invalid/self-signed certificates and fall back to plain HTTP, like Docker's insecure registries.
   * Applies to the registry's host name only: token realms and blob storage on other hosts are verified.
   */
  insecure?: boolean;
  /** Extra trusted CA certificates (PEM) for HTTPS registries. */
  ca?: string | Buffer;
  retry?: Partial<RetryOptions>;
  timeouts?: Partial<TimeoutOptions>;
  /** Redirects followed per request (default 5). */
  maxRedirects?: number;
  userAgent?: string;
}

/** Options of `openRegistryImage`. */
export interface RegistryOptions extends RegistryClientOptions {
  /** The platform to pick from an index; defaults to linux/<host arch>. */
  platform?: Platform;
  /**
   * The platform was asked for explicitly (`--platform`): an image that is not for it is refused with
   * NOT_FOUND, also when the reference names a single-platform manifest rather than an index.
   */
  platformExplicit?: boolean;
  /** Size cap of the image config blob (default 16 MiB). */
  maxConfigBytes?: number;
  /** Size cap of a manifest or index document (default 4 MiB). */
  maxManifestBytes?: number;
}

export const DEFAULT_MAX_CONFIG_BYTES = 16 * 1024 * 1024;
export const DEFAULT_MAX_MANIFEST_BYTES = 4 * 1024 * 1024;
export const DEFAULT_MAX_REDIRECTS = 5;
