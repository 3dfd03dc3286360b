import { languageMatcher } from './language.js';

/** Maven artifacts (jars, nested jars, Gradle/sbt locks), named `groupId:artifactId` as the java analyzer names them and GHSA does; versions by Maven's ComparableVersion. */
export const mavenMatcher = languageMatcher('maven', 'maven', 'maven');
