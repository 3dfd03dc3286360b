/**
 * What we may present to a registry. Any of the fields may be missing; `identityToken` is an OAuth2
 * refresh token (from `docker login` against token servers that issue them), `registryToken` a bearer
 * token to send as is. These values are secrets: they never go into messages or errors.
 */
export interface RegistryCredentials {
  username?: string;
  password?: string;
  identityToken?: string;
  registryToken?: string;
}

export function hasCredentials(c: RegistryCredentials | undefined): c is RegistryCredentials {
  return (
    c !== undefined &&
    ((c.username !== undefined && c.password !== undefined) || c.identityToken !== undefined || c.registryToken !== undefined)
  );
}

/** `Basic base64(user:pass)` when we have a username and password. */
export function basicAuthorization(c: RegistryCredentials | undefined): string | undefined {
  if (c?.username === undefined || c.password === undefined) return undefined;
  return `Basic ${Buffer.from(`${c.username}:${c.password}`, 'utf8').toString('base64')}`;
}
