import { PRODUCTS } from './products.js';
import type { BinaryRule, Decision, Observations, ScannedSource } from './types.js';

/**
 * Redis keeps REDIS_VERSION as a bare NUL-terminated string ("7.0.15") with nothing fixed next to
 * it, among other bare versions (the "since" versions of its command table: "2.6.0", "6.0.0", ...).
 * What singles it out: the build id string is REDIS_VERSION, REDIS_BUILD_ID, REDIS_GIT_DIRTY and
 * REDIS_GIT_SHA1 run together ("7.0.15" "1790282056" "0" "00000000" in Debian's build; the build
 * host's name and a timestamp upstream). The version is the longest bare version that starts the
 * build id string, which must end in the 8 hex digits of the git sha.
 */

// NUL before it, or "/" / "-" when the linker merged it into the tail of a path ("/redis-7.2.4")
const BARE: ScannedSource = { kind: 'scanned', pattern: /(?<=[\0/-])(\d{1,2}\.\d{1,3}\.\d{1,3})(?=\0)/g, maxLength: 11 };
// The build id string need not follow a NUL (in Debian's build it follows an 8-byte constant).
const BUILD_ID: ScannedSource = { kind: 'scanned', pattern: /(?<![\d.])(\d{1,2}\.\d{1,3}\.\d{1,3}[\x21-\x7e]{9,96})\0/g, maxLength: 110 };
const SHA_TAIL = /\d{1,6}[0-9a-f]{8}$/;

function decide(found: Observations): Decision | undefined {
  const bare = found[0] ?? [];
  const ids = found[1] ?? [];
  let best: string | undefined;
  for (const { value } of bare) {
    const confirmed = ids.some(({ value: id }) => id.startsWith(value) && SHA_TAIL.test(id.slice(value.length)));
    if (confirmed && (best === undefined || value.length > best.length)) best = value;
  }
  if (best === undefined) return undefined;
  return { version: best, evidence: `${best} (REDIS_VERSION, confirmed by the build id string)` };
}

export const redisRule: BinaryRule = {
  kind: 'binary',
  id: 'redis',
  product: PRODUCTS.redis,
  sources: () => [BARE, BUILD_ID],
  decide,
  examples: [
    {
      text: 'upstart\0err\x007.0.15\0c11-builtin\0shutdown_in_milliseconds:%I\r\n\0 ... \0\0\0\xc0\xff\xff\xdfA7.0.151790282056000000000\0%llx\0',
      version: '7.0.15',
      from: 'Debian redis-tools 5:7.0.15-1~deb12u10: usr/bin/redis-check-rdb (redis-server links to it)',
    },
  ],
};
