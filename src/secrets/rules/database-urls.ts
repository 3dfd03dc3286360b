/** Passwords inside database and message-broker connection URLs (`postgres://user:password@host/db`). */
import type { SecretRule } from '../rule.js';

const SCHEMES = ['postgres', 'postgresql', 'mysql', 'mariadb', 'mongodb', 'mongodb+srv', 'redis', 'rediss', 'amqp', 'amqps', 'mssql', 'sqlserver', 'oracle', 'cockroachdb', 'clickhouse', 'couchdb', 'neo4j', 'cassandra'];

export const DATABASE_URL_RULES: readonly SecretRule[] = [
  {
    id: 'database-url-password',
    title: 'Password in a database connection URL',
    severity: 'high',
    keywords: ['postgres', 'mysql', 'mariadb', 'mongodb', 'redis', 'amqp', 'mssql', 'sqlserver', 'oracle', 'cockroachdb', 'clickhouse', 'couchdb', 'neo4j', 'cassandra'],
    // scheme (also after `jdbc:`), user, `:`, the password (group 1), `@`, a host
    pattern: String.raw`\b(?:jdbc:)?(?:${SCHEMES.map((s) => s.replace('+', String.raw`\+`)).join('|')})://[^\s:/?#@'"<>]{1,100}:([^\s/?#@'"<>]{1,200})@[\w.-]*[\w-]`,
    flags: 'i',
    allow: {
      // placeholders, references to the environment or a template, and documentation's stock passwords
      values: [
        /^(?:pass(?:word|wd)?|pwd|secret|changeme|change_me|example|redacted|dummy|fake|test|user|username|foo|bar|tiger)$/i,
        /^(?:\*+|x+|\.{3}|<[^>]*>|\[[^\]]*\]|\{[^}]*\}|%[^%]*%|:[a-z_]+)$/i,
        /\$\{?[\w.:-]+\}?|\$\(|\{\{|%\(|%s/,
      ],
    },
    examples: {
      match: ['DATABASE_URL=postgres://app:Zq8r2LmX4vP9@db.internal:5432/app', 'spring.datasource.url=jdbc:mysql://svc:N7s!kd29Qw@mysql:3306/shop', 'mongodb+srv://admin:U3k9pL2q@cluster0.ab1cd.mongodb.net/prod'],
      noMatch: ['postgres://user:password@localhost:5432/db', 'redis://:${REDIS_PASSWORD}@redis:6379/0', 'postgresql://postgres@localhost/test', 'mysql://<user>:<password>@host/db'],
    },
  },
];
