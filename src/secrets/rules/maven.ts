/** Plain-text passwords in Maven settings (~/.m2/settings.xml, settings-security.xml). */
import type { SecretRule } from '../rule.js';

/** The commented-out examples of the default settings.xml are not settings. */
const XML_COMMENT = '<!--[\\s\\S]*?-->';

/** Not a plain-text secret: `{…}` is Maven-encrypted, `${…}` an expression. */
const VALUE = String.raw`([^<\s{$][^<{]*[^<\s])`;

export const MAVEN_RULES: readonly SecretRule[] = [
  {
    id: 'maven-settings-password',
    title: 'Password in Maven settings.xml',
    severity: 'high',
    keywords: ['password'],
    pattern: String.raw`<\s*password\s*>\s*${VALUE}\s*<\s*/\s*password\s*>`,
    flags: 'i',
    path: String.raw`(?:^|[/\\])settings\.xml$`,
    excludeBlocks: [XML_COMMENT],
    examples: { path: 'root/.m2/settings.xml', match: ['<server><id>nexus</id><password>Nx8-deploy-2024</password></server>'], noMatch: ['<password>{COQLCE6DU6GtcS5P=}</password>', '<password>${env.MAVEN_REPO_PASS}</password>'] },
  },
  {
    id: 'maven-settings-passphrase',
    title: 'Key passphrase in Maven settings.xml',
    severity: 'high',
    keywords: ['passphrase'],
    pattern: String.raw`<\s*passphrase\s*>\s*${VALUE}\s*<\s*/\s*passphrase\s*>`,
    flags: 'i',
    path: String.raw`(?:^|[/\\])settings\.xml$`,
    excludeBlocks: [XML_COMMENT],
    examples: { path: 'root/.m2/settings.xml', match: ['<passphrase>  gpgPassphrase  </passphrase>'], noMatch: ['<passphrase>${gpg.passphrase}</passphrase>', '<passphrase>  </passphrase>'] },
  },
  {
    id: 'maven-settings-security-master',
    title: 'Plain-text master password in Maven settings-security.xml',
    severity: 'high',
    keywords: ['master'],
    pattern: String.raw`<\s*master\s*>\s*([^<\s{][^<]*[^<\s])\s*<\s*/\s*master\s*>`,
    flags: 'i',
    path: String.raw`(?:^|[/\\])settings-security\.xml$`,
    excludeBlocks: [XML_COMMENT],
    examples: { path: 'root/.m2/settings-security.xml', match: ['<settingsSecurity>\n<master>plainMaster</master>\n</settingsSecurity>'], noMatch: ['<master>{jSMOWnoPFgsHVpMvz5VrIt5kRbzGpI8u+9EF1iFQyJQ=}</master>'] },
  },
];
