import { languageMatcher } from './language.js';

/** Composer packages (vendor/composer/installed.json, composer.lock), names lowercase. */
export const composerMatcher = languageMatcher('composer', 'composer', 'composer');
