/** Google Cloud: service-account key files and API keys. */
import type { SecretRule } from '../rule.js';
import { TOKEN_END } from './parts.js';

/**
 * API keys that are public on purpose (embedded in Google's own open-source apps and samples), as
 * collected by gitleaks; reporting them would only be noise.
 */
const PUBLIC_GOOGLE_KEYS = [
  'AIzaSyabcdefghijklmnopqrstuvwxyz1234567',
  'AIzaSyAnLA7NfeLquW1tJFpx_eQCxoX-oo6YyIs',
  'AIzaSyCkEhVjf3pduRDt6d1yKOMitrUEke8agEM',
  'AIzaSyDMAScliyLx7F0NPDEJi1QmyCgHIAODrlU',
  'AIzaSyD3asb-2pEZVqMkmL6M9N6nHZRR_znhrh0',
  'AIzayDNSXIbFmlXbIE6mCzDLQAqITYefhixbX4A',
  'AIzaSyAdOS2zB6NCsk1pCdZ4-P6GBdi_UUPwX7c',
  'AIzaSyASWm6HmTMdYWpgMnjRBjxcQ9CKctWmLd4',
  'AIzaSyANUvH9H9BsUccjsu2pCmEkOPjjaXeDQgY',
  'AIzaSyA5_iVawFQ8ABuTZNUdcwERLJv_a_p4wtM',
  'AIzaSyA4UrcGxgwQFTfaI3no3t7Lt1sjmdnP5sQ',
  'AIzaSyDSb51JiIcB6OJpwwMicseKRhhrOq1cS7g',
  'AIzaSyBF2RrAIm4a0mO64EShQfqfd2AFnzAvvuU',
  'AIzaSyBcE-OOIbhjyR83gm4r2MFCu4MJmprNXsw',
  'AIzaSyB8qGxt4ec15vitgn44duC5ucxaOi4FmqE',
  'AIzaSyA8vmApnrHNFE0bApF4hoZ11srVL_n0nvY',
];

export const GCP_RULES: readonly SecretRule[] = [
  {
    id: 'gcp-service-account',
    title: 'Google Cloud service-account key file',
    severity: 'critical',
    // The `"type": "service_account"` member marks a key file (its private_key is also reported by private-key).
    keywords: ['service_account'],
    pattern: String.raw`"type"\s*:\s*"(service_account)"`,
    examples: {
      match: ['{\n  "type": "service_account",\n  "project_id": "demo-project",\n  "private_key_id": "dop_v1_babe7d56468ef7a5788059729a617227e61d4bb22c4d7a6c92f01f1c2d54265f"\n}'],
      noMatch: ['{"type": "external_account", "audience": "//iam.googleapis.com/x"}', 'type = service_account'],
    },
  },
  {
    id: 'gcp-api-key',
    title: 'Google Cloud API key',
    severity: 'high',
    keywords: ['aiza'],
    pattern: String.raw`\b(AIza[\w-]{35})${TOKEN_END}`,
    entropy: 4,
    allow: { values: PUBLIC_GOOGLE_KEYS.map((k) => `^${k}$`) },
    examples: {
      match: ['GOOGLE_API_KEY=AIzarHO5WsAJ5ZrXTCnLVSBrfd9bMiBTpVEHl2p', "apiKey: 'AIzarHO5WsAJ5ZrXTCnLVSBrfd9bMiBTpVEHl2p',"],
      noMatch: ['apiKey: "AIzaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"', 'AIzaSyabcdefghijklmnopqrstuvwxyz1234567'],
    },
  },
];
