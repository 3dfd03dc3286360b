/**
 * DD005: an image pulled from a registry addressed by raw IP address, or by host name with an explicit
 * port (other than 443), on a host that is not the machine itself. Such registries are usually plain
 * HTTP or self-signed ones that daemons are told to trust as "insecure registries": nothing proves
 * which server answered. Loopback registries (`localhost:5000`, `127.0.0.1:5000`, `[::1]:5000`) are
 * local development and not reported. Allow-listing registries is DL3026's job (trustedRegistries).
 */
import type { LintRule, RuleContext, Violation } from '../rule.js';
import { pulledImages } from './drydock/image-refs.js';

const CODE = 'DD005';

const IPV4 = /^\d{1,3}(?:\.\d{1,3}){3}$/;
const LOOPBACK_V4 = /^127\./;

/** `[fd00::1]:5000` → host `fd00::1`, port `5000`. */
function splitHost(registry: string): { host: string; port: string | undefined } {
  if (registry.startsWith('[')) {
    const close = registry.indexOf(']');
    const rest = registry.slice(close + 1);
    return { host: registry.slice(1, close < 0 ? undefined : close), port: rest.startsWith(':') ? rest.slice(1) : undefined };
  }
  const colon = registry.lastIndexOf(':');
  return colon < 0 ? { host: registry, port: undefined } : { host: registry.slice(0, colon), port: registry.slice(colon + 1) };
}

/** Why the registry is suspicious, or undefined. */
export function registryProblem(registry: string): string | undefined {
  const { host, port } = splitHost(registry.toLowerCase());
  const v4 = IPV4.test(host);
  const v6 = host.includes(':');
  if (host === 'localhost' || host.endsWith('.localhost') || (v4 && LOOPBACK_V4.test(host)) || host === '::1') return undefined;
  if (v4 || v6) return 'a raw IP address';
  if (port !== undefined && port !== '443') return `an explicit port (${port})`;
  return undefined;
}

export const DD005: LintRule = {
  code: CODE,
  level: 'warning',
  message: 'Image pulled from a registry addressed by IP address or port',
  description: 'Image from a registry given by raw IP address or host:port (not loopback): usually an insecure (plain HTTP / self-signed) registry.',
  check(ctx: RuleContext): Violation[] {
    const out: Violation[] = [];
    for (const pulled of pulledImages(ctx.doc)) {
      const registry = pulled.ref.registry;
      if (registry === undefined || registry.includes('$')) continue;
      const problem = registryProblem(registry);
      if (problem === undefined) continue;
      out.push({
        code: CODE,
        span: pulled.span,
        message: `${pulled.via} ${pulled.ref.expanded}: the registry ${registry} is addressed by ${problem}, typical of an insecure (plain HTTP or self-signed) registry; pull through a TLS registry by host name`,
      });
    }
    return out;
  },
};
