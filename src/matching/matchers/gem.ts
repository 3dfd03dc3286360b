import { languageMatcher } from './language.js';

/** RubyGems (installed gemspecs, Gemfile.lock). */
export const gemMatcher = languageMatcher('gem', 'gem', 'gem');
