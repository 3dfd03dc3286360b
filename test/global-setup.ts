import { ensureFixtures, LANG_FIXTURE_NAMES, OS_FIXTURE_NAMES } from './helpers/fixtures.js';

/**
 * Build every real-image fixture the tests use before any test file starts (cached: a no-op when
 * the stamps exist). Test files still call ensureFixtures for the ones they need, which then returns
 * at once instead of waiting, inside a test's timeout, for a build another file started.
 */
export default async function setup(): Promise<void> {
  await ensureFixtures([...OS_FIXTURE_NAMES, ...LANG_FIXTURE_NAMES]);
}
