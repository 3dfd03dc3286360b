/**
 * PKCS#8 v2 ("OneAsymmetricKey", RFC 5958) adds an optional `[1] publicKey` after the private key.
 * Rust's `pkcs8` crate writes it for Ed25519 (sigstore-rs keys), Go ignores it, and OpenSSL 3.0 —
 * hence Node 20 — refuses the whole key. This rewrites such a key as v1 (same private key, no
 * public key field) and hands back the public key it carried, so the caller can check they agree.
 */

interface Tlv {
  tag: number;
  /** Offset of the tag byte. */
  offset: number;
  /** Offset of the first content byte and one past the last. */
  start: number;
  end: number;
}

function readTlv(buf: Buffer, offset: number): Tlv | undefined {
  if (offset + 2 > buf.length) return undefined;
  const tag = buf[offset] as number;
  const first = buf[offset + 1] as number;
  let len = first;
  let start = offset + 2;
  if (first & 0x80) {
    const n = first & 0x7f;
    if (n === 0 || n > 3 || start + n > buf.length) return undefined;
    len = 0;
    for (let i = 0; i < n; i++) len = len * 256 + (buf[start + i] as number);
    start += n;
  }
  const end = start + len;
  return end <= buf.length ? { tag, offset, start, end } : undefined;
}

function encodeLength(n: number): Buffer {
  if (n < 0x80) return Buffer.from([n]);
  const bytes: number[] = [];
  for (let v = n; v > 0; v = Math.floor(v / 256)) bytes.unshift(v % 256);
  return Buffer.from([0x80 | bytes.length, ...bytes]);
}

const TAG = { integer: 0x02, octetString: 0x04, sequence: 0x30, attributes: 0xa0, publicKeyPrimitive: 0x81, publicKeyConstructed: 0xa1 } as const;

/** The top-level elements of a DER SEQUENCE that spans all of `der`, or undefined. */
function sequenceChildren(der: Buffer): Tlv[] | undefined {
  const outer = readTlv(der, 0);
  if (!outer || outer.tag !== TAG.sequence || outer.end !== der.length) return undefined;
  const children: Tlv[] = [];
  for (let at = outer.start; at < outer.end; ) {
    const child = readTlv(der, at);
    if (!child || child.end > outer.end) return undefined;
    children.push(child);
    at = child.end;
  }
  return children;
}

/**
 * If `der` is a PKCS#8 v2 key with a public key, return it as v1 plus that public key's bytes
 * (the BIT STRING contents without the unused-bits octet). Anything else comes back unchanged.
 */
export function downgradePkcs8V2(der: Buffer): { der: Buffer; embeddedPublicKey?: Buffer } {
  const kids = sequenceChildren(der);
  if (!kids || kids.length < 4 || kids.length > 5) return { der };
  const [version, algorithm, privateKey] = kids as [Tlv, Tlv, Tlv];
  const isV2 = version.tag === TAG.integer && version.end - version.start === 1 && der[version.start] === 1;
  if (!isV2 || algorithm.tag !== TAG.sequence || privateKey.tag !== TAG.octetString) return { der };
  const rest = kids.slice(3);
  const attributes = rest.find((k) => k.tag === TAG.attributes);
  const publicKey = rest.find((k) => k.tag === TAG.publicKeyPrimitive);
  if (!publicKey || rest.length !== (attributes ? 2 : 1) || rest[rest.length - 1] !== publicKey) return { der };
  const whole = (t: Tlv): Buffer => der.subarray(t.offset, t.end);
  const body = Buffer.concat([Buffer.from([TAG.integer, 1, 0]), whole(algorithm), whole(privateKey), ...(attributes ? [whole(attributes)] : [])]);
  const v1 = Buffer.concat([Buffer.from([TAG.sequence]), encodeLength(body.length), body]);
  const bits = der.subarray(publicKey.start, publicKey.end);
  if (bits.length < 1 || bits[0] !== 0) return { der };
  return { der: v1, embeddedPublicKey: Buffer.from(bits.subarray(1)) };
}
