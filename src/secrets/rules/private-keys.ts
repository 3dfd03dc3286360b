/** PEM private keys: RSA, EC, DSA, OpenSSH, PKCS#8 (plain and encrypted), PGP private key blocks. */
import type { SecretRule } from '../rule.js';

const BODY = String.raw`MIIEowIBAAKCAQEAu/Nua0/1y08gkbnBfKd6VDHia8Na0ATgMQqZ4YEbi/t73g84
IEPQPkLbPF3XDe++JA1QzqTZbvKftqLPCPbAPPxkaqQi0Ico/1fzD10znRy66aos`;

export const PRIVATE_KEY_RULES: readonly SecretRule[] = [
  {
    id: 'private-key',
    title: 'Private key',
    severity: 'high',
    // The secret is the key body (so a hit shows its first base64 chars). Line breaks may be real or
    // escaped (`\n` inside JSON, as in GCP service-account files).
    keywords: ['-----begin'],
    pattern: String.raw`-----BEGIN(?:[ A-Z0-9_]|-(?!-)){0,100}PRIVATE KEY(?: BLOCK)?-----(?:\s|\\[nr])*([^-\s][\s\S]{30,}?)(?:\s|\\[nr])*-----END[ A-Z0-9_-]{0,100}KEY(?: BLOCK)?-----`,
    flags: 'i',
    multiline: true,
    examples: {
      match: [
        `-----BEGIN RSA PRIVATE KEY-----\n${BODY}\n-----END RSA PRIVATE KEY-----\n`,
        `{"private_key": "-----BEGIN PRIVATE KEY-----\\n${BODY.replace('\n', '\\n')}\\n-----END PRIVATE KEY-----\\n"}`,
        `-----BEGIN OPENSSH PRIVATE KEY-----\n${BODY}\n-----END OPENSSH PRIVATE KEY-----`,
      ],
      noMatch: [
        '-----BEGIN PRIVATE KEY-----\nanything\n-----END PRIVATE KEY-----',
        '-----BEGIN OPENSSH PRIVATE KEY----------END OPENSSH PRIVATE KEY-----',
        `-----BEGIN CERTIFICATE-----\n${BODY}\n-----END CERTIFICATE-----`,
        `-----BEGIN PUBLIC KEY-----\n${BODY}\n-----END PUBLIC KEY-----`,
      ],
    },
  },
];
