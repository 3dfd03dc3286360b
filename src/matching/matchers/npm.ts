import { languageMatcher } from './language.js';

/** npm packages (installed node_modules, package-lock/yarn/pnpm/bun locks). Names as published, scoped names included (`@scope/name`). */
export const npmMatcher = languageMatcher('npm', 'npm', 'npm');
