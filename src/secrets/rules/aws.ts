/** Amazon Web Services: access key ids, secret access keys, Bedrock API keys. */
import type { SecretRule } from '../rule.js';
import { TOKEN_END } from './parts.js';

export const AWS_RULES: readonly SecretRule[] = [
  {
    id: 'aws-access-token',
    title: 'AWS access key ID',
    severity: 'critical',
    // AKIA long-term, ASIA temporary (STS), ABIA/ACCA service bearer keys, A3T legacy; the rest base32.
    // Digits 0, 1, 8 and 9 do not occur in real key ids but Trivy's examples use them, so they are allowed.
    keywords: ['a3t', 'akia', 'asia', 'abia', 'acca'],
    pattern: String.raw`\b((?:A3T[A-Z0-9]|AKIA|ASIA|ABIA|ACCA)[A-Z0-9]{16})\b`,
    entropy: 3,
    allow: { values: ['EXAMPLE$'] },
    examples: {
      match: ['AWS_ACCESS_KEY_ID=AKIA454ML6LG4TJFCZ4K', 'aws_access_key_id = ASIAAEDCMPB5U4MOS7AF', '"AccessKeyId": "AKIA454ML6LG4TJFCZ4K"'],
      noMatch: ['AWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLE', 'AKIAAAAAAAAAAAAAAAAA', 'XAKIAAKIA454ML6LG4TJFCZ4K'],
    },
  },
  {
    id: 'aws-secret-access-key',
    title: 'AWS secret access key',
    severity: 'critical',
    // Trivy's rule (gitleaks has none): 40 base64 chars after an aws…key name.
    keywords: ['aws'],
    pattern: String.raw`["']?aws_?(?:sec(?:ret)?)?_?(?:access)?_?key["']?\s*(?::|=>|=)?\s*["']?([A-Za-z0-9/+=]{40})["']?[.,]?(?:\s|$)`,
    flags: 'i',
    allow: { values: ['EXAMPLE', String.raw`^(.)\1+$`] },
    examples: {
      match: ['aws_secret_access_key = 6J0kGODKdinZnLXicaBAg8WY1jzIRlNQb0prFmbh', "'AWS_SECRET_KEY': '6J0kGODKdinZnLXicaBAg8WY1jzIRlNQb0prFmbh',", 'AWS_SECRET_ACCESS_KEY="6J0kGODKdinZnLXicaBAg8WY1jzIRlNQb0prFmbh"'],
      noMatch: ['aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY', 'aws_secret_access_key = ${AWS_SECRET_ACCESS_KEY}', 'aws_key = tooshort'],
    },
  },
  {
    id: 'aws-amazon-bedrock-api-key-long-lived',
    title: 'Amazon Bedrock long-term API key',
    severity: 'high',
    keywords: ['absk'],
    pattern: String.raw`\b(ABSK[A-Za-z0-9+/]{109,269}={0,2})${TOKEN_END}`,
    entropy: 3,
    examples: {
      match: ['AWS_BEARER_TOKEN_BEDROCK=ABSK7+wy5yq1XoY1BaIMcAxYmfsB4HbQLXjjlAFbVV6q9rXxtNDFyuzX9k1gnneGEYG1+LwiqD9jJBAciI05FhfwKVqlUr5Qrec8TNecj9iNOrjj5VfqRTk8j1d/bWWbjkloG1QX'],
      noMatch: ['ABSK' + 'A'.repeat(120), 'ABSKshort'],
    },
  },
  {
    id: 'aws-amazon-bedrock-api-key-short-lived',
    title: 'Amazon Bedrock short-term API key',
    severity: 'high',
    // base64 of "bedrock.amazonaws.com" follows the prefix in every such key
    keywords: ['bedrock-api-key-'],
    pattern: 'bedrock-api-key-YmVkcm9jay5hbWF6b25hd3MuY29t',
    entropy: 3,
    examples: {
      match: ['export AWS_BEARER_TOKEN_BEDROCK=bedrock-api-key-YmVkcm9jay5hbWF6b25hd3MuY29t7VSLDCD1IfHWGbtMfEbo9ShFXNQ6Fq5axtjRNmHk'],
      noMatch: ['bedrock-api-key-', 'bedrock-api-key-Zm9vYmFy'],
    },
  },
];
