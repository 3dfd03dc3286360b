/** Credentials on curl command lines (`-u user:password`, `-H "Authorization: …"`), in scripts and Dockerfile RUN lines. */
import type { SecretRule } from '../rule.js';

/** From `curl` to its option: the rest of the line, or up to five continuation lines. */
const CURL_TO_OPTION = String.raw`\bcurl\b(?:[^\n]*?|[^\n]*?(?:[\r\n]{1,2}[^\n]*?){1,5})[ \t\n\r]`;

/** `Authorization: Basic|Bearer|Token …` or `X-Api-Key: …`, case-insensitively (secret in groups 1-4). */
const AUTH_HEADER = String.raw`(?:[Aa][Uu][Tt][Hh][Oo][Rr][Ii][Zz][Aa][Tt][Ii][Oo][Nn]:[ \t]{0,5}(?:[Bb][Aa][Ss][Ii][Cc][ \t]([A-Za-z0-9+/]{8,}={0,3})|(?:[Bb][Ee][Aa][Rr][Ee][Rr]|(?:[Aa][Pp][Ii]-)?[Tt][Oo][Kk][Ee][Nn])[ \t]([\w=~@.+/-]{8,})|([\w=~@.+/-]{8,}))|(?:(?:[Xx]-(?:[A-Za-z]+-)?)?(?:[Aa][Pp][Ii]-?)?(?:[Kk][Ee][Yy]|[Tt][Oo][Kk][Ee][Nn])):[ \t]{0,5}([\w=~@.+/-]{8,}))`;

export const CURL_RULES: readonly SecretRule[] = [
  {
    id: 'curl-auth-user',
    title: 'Password on a curl command line (-u/--user)',
    severity: 'high',
    keywords: ['curl'],
    pattern:
      String.raw`\bcurl\b(?:[^\n]*|[^\n]*(?:[\r\n]{1,2}[^\n]*){1,5})[ \t\n\r](?:-u|--user)(?:=|[ \t]{0,5})("(:[^"]{3,}|[^:"]{3,}:|[^:"]{3,}:[^"]{3,})"|'([^:']{3,}:[^']{3,})'|((?:"[^"]{3,}"|'[^']{3,}'|[\w$@.-]+):(?:"[^"]{3,}"|'[^']{3,}'|[\w\${}@.-]+)))(?:\s|$)`,
    entropy: 2,
    linesAfter: 6,
    allow: {
      values: [
        /[^:]+:(?:change(?:it|me)|pass(?:word)?|pwd|test|token|\*+|x+)/, // placeholder passwords
        /['"]?<[^>]+>['"]?:['"]?<[^>]+>|<[^:]+:[^>]+>['"]?/, // <user>:<password>
        /[^:]+:\[[^\]]+\]/, // user:[password]
        /['"]?[^:]+['"]?:['"]?\$(?:\d|\w+|\{(?:\d|\w+)\})['"]?/, // user:$PASSWORD
        /\$\([^)]+\):\$\([^)]+\)/, // $(cmd):$(cmd)
        /['"]?\$?\{\{[^}]+\}\}['"]?:['"]?\$?\{\{[^}]+\}\}['"]?/, // {{ user }}:{{ password }}
      ],
    },
    examples: {
      match: ['curl -u deploy:Xq7vN2pL9sK4 https://nexus.example.com/repo/app.tgz', 'RUN curl -fsSL \\\n    --user "deploy:g95swZLem3C0j6xx9w" \\\n    https://artifacts.example.com/x'],
      noMatch: ['curl -u user:password https://example.com', 'curl -u "$USER:$PASSWORD" https://example.com', 'curl -u <user>:<password> https://api.example.com'],
    },
  },
  {
    id: 'curl-auth-header',
    title: 'Authorization header on a curl command line (-H/--header)',
    severity: 'high',
    keywords: ['curl'],
    pattern: String.raw`${CURL_TO_OPTION}(?:-H|--header)(?:=|[ \t]{0,5})(?:"${AUTH_HEADER}"|'${AUTH_HEADER}')(?:\B|\s|$)`,
    entropy: 2.75,
    linesAfter: 6,
    examples: {
      match: ['curl -H "Authorization: Bearer fBOwd7LNCmyDjaUGweuizGSILnFLXtzS" https://api.example.com/v1', "curl --header 'X-Api-Key: fBOwd7LNCmyDjaUGweuizGSILnFLXtzS' https://x"],
      noMatch: ['curl -H "Authorization: Bearer $TOKEN" https://api.example.com', 'curl -H "Content-Type: application/json" -d @body.json https://x'],
    },
  },
];
