/** age encryption secret keys. */
import type { SecretRule } from '../rule.js';

export const AGE_RULES: readonly SecretRule[] = [
  {
    id: 'age-secret-key',
    title: 'age secret key',
    severity: 'high',
    // Bech32: 58 chars of its alphabet after the human-readable part
    keywords: ['age-secret-key-1'],
    pattern: 'AGE-SECRET-KEY-1[QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L]{58}',
    examples: { match: ['# created: 2024-01-01\nAGE-SECRET-KEY-1LH39RM772EKN2PFTT2WJ9UQVUYA2KHUJ87QM5V34Z0LKJL2UWDUWMK3A7T'], noMatch: ['AGE-SECRET-KEY-1BOGUS'] },
  },
];
