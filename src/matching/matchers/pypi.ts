import { languageMatcher } from './language.js';

/** PyPI packages (installed dist-info/egg-info, lock files). Names compared PEP 503-normalised (`Foo_Bar` = `foo-bar`), versions by PEP 440. */
export const pypiMatcher = languageMatcher('pypi', 'pypi', 'pypi');
