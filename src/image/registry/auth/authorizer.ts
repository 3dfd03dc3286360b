import { AppError } from '../../../core/errors.js';
import { headerValues, type HttpResponse } from '../http.js';
import type { RegistryClientOptions } from '../options.js';
import { parseChallenges, pickChallenge, type Challenge } from './challenge.js';
import { basicAuthorization, hasCredentials, type RegistryCredentials } from './credentials.js';
import { credentialsFromDockerConfig, loadDockerConfig } from './docker-config.js';
import { fetchToken, type IssuedToken, type Sender } from './token.js';

/** Find the credentials for a registry: explicit options first, then the docker config. */
export async function resolveCredentials(registry: string, opts: RegistryClientOptions): Promise<RegistryCredentials | undefined> {
  if (opts.username !== undefined && opts.password !== undefined) {
    return { username: opts.username, password: opts.password };
  }
  if (opts.dockerConfigPath === undefined) return undefined;
  const config = await loadDockerConfig(opts.dockerConfigPath);
  if (config === undefined) return undefined;
  return credentialsFromDockerConfig(config, opts.dockerConfigPath, registry, opts.env);
}

/**
 * Answers a registry's authentication challenge: Basic with our credentials, or Bearer with a token
 * from the challenge's realm, cached per realm+service+scope until it expires.
 */
export class Authorizer {
  private challenge: Challenge | undefined;
  /** The protocol the registry answered its challenge over: a plain-HTTP realm is no downgrade for `http:`. */
  private challengeProtocol: string | undefined;
  private credentials: Promise<RegistryCredentials | undefined> | undefined;
  private readonly tokens = new Map<string, Promise<IssuedToken>>();

  constructor(
    private readonly registry: string,
    private readonly opts: RegistryClientOptions,
    private readonly send: Sender,
    /** Hosts `--insecure` applies to (the registry's): the only ones a plain-HTTP realm may be on for an HTTPS registry. */
    private readonly insecureHost: (url: URL) => boolean = () => false,
    private readonly now: () => number = Date.now,
  ) {}

  /**
   * Remember the challenge of a 401 from the registry itself (the /v2/ probe or any request; never from
   * a host it redirected us to). False if none we can answer.
   */
  learn(res: HttpResponse): boolean {
    const picked = pickChallenge(parseChallenges(headerValues(res, 'www-authenticate')));
    if (picked === undefined) return false;
    this.challenge = picked;
    this.challengeProtocol = res.url.protocol;
    return true;
  }

  private creds(): Promise<RegistryCredentials | undefined> {
    this.credentials ??= resolveCredentials(this.registry, this.opts);
    return this.credentials;
  }

  /** The Authorization header for a request needing `scopes`, or undefined when none is called for. */
  async authorization(scopes: string[], subject: string): Promise<string | undefined> {
    const ch = this.challenge;
    if (ch === undefined) return undefined;
    const creds = await this.creds();
    if (ch.scheme === 'basic') return basicAuthorization(creds);
    if (creds?.registryToken !== undefined) return `Bearer ${creds.registryToken}`;
    const realm = ch.params['realm'];
    if (realm === undefined) throw new AppError('REGISTRY', `${subject}: the registry's Bearer challenge names no realm`);
    const wanted = [...new Set([...scopes, ...(ch.params['scope'] ?? '').split(' ').filter((s) => s !== '')])];
    const key = `${realm}\u0000${ch.params['service'] ?? ''}\u0000${wanted.join(' ')}`;
    const cached = this.tokens.get(key);
    if (cached !== undefined) {
      const t = await cached.catch(() => undefined);
      if (t !== undefined && t.expiresAt > this.now()) return `Bearer ${t.token}`;
    }
    const registryHttp = this.challengeProtocol === 'http:';
    const plainHttpAllowed = (url: URL): boolean => registryHttp || this.insecureHost(url);
    const pending = fetchToken(this.send, { realm, service: ch.params['service'], scopes: wanted, credentials: creds, plainHttpAllowed }, subject, this.now());
    this.tokens.set(key, pending);
    pending.catch(() => this.tokens.delete(key));
    return `Bearer ${(await pending).token}`;
  }

  /** Forget cached tokens (after the registry refused one). */
  forgetTokens(): void {
    this.tokens.clear();
  }

  /** The AUTH error for a request the registry still refuses after we answered its challenge. */
  async denied(subject: string): Promise<AppError> {
    const creds = await this.creds().catch(() => undefined);
    if (!hasCredentials(creds)) {
      return new AppError('AUTH', `${subject}: authentication required and no credentials are configured for ${this.registry}`);
    }
    return new AppError('AUTH', `${subject}: access denied: the registry ${this.registry} refused the credentials`);
  }
}
