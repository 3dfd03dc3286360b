import { languageMatcher } from './language.js';

/** NuGet packages (.deps.json, packages.lock.json), ids compared case-insensitively. */
export const nugetMatcher = languageMatcher('nuget', 'nuget', 'nuget');
