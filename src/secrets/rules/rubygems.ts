/** RubyGems API keys. */
import type { SecretRule } from '../rule.js';
import { TOKEN_END } from './parts.js';

export const RUBYGEMS_RULES: readonly SecretRule[] = [
  {
    id: 'rubygems-api-token',
    title: 'RubyGems API key',
    severity: 'high',
    keywords: ['rubygems_'],
    pattern: String.raw`\b(rubygems_[a-f0-9]{48})${TOKEN_END}`,
    entropy: 2,
    examples: { match: [':rubygems_api_key: rubygems_e9390cef5278606255ff49e68398699bdf5b4fa5ce230a7d'], noMatch: ['rubygems_' + '0'.repeat(48)] },
  },
];
