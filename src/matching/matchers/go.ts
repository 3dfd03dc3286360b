import { languageMatcher } from './language.js';

/**
 * Go modules from binaries' build info and go.mod files, by module path. The toolchain a binary was
 * built with is the inventory's `stdlib` package (`go1.21.3` → `v1.21.3`), which is exactly how Go's
 * vulnerability database names the standard library; its SEMVER ranges are written without `v`, and
 * the SemVer scheme ignores a leading `v`. A main module built from a checkout has version `(devel)`:
 * it can only be an unknown, and only if some advisory names it.
 */
export const goMatcher = languageMatcher('go', 'golang', 'go');
