/** Kubernetes Secret manifests with literal data. */
import type { SecretRule } from '../rule.js';

/** A `name: value` data entry: base64 (10+ chars), a template, or an empty string (group). */
const ENTRY = String.raw`\s+([\w.-]+:(?:[ \t]*(?:\||>[-+]?)\s+)?[ \t]*(?:["']?[a-z0-9+/]{10,}={0,3}["']?|\{\{[ \t\w"|$:=,.-]+\}\}|""|''))`;
const KIND = String.raw`\bkind:[ \t]*["']?\bsecret\b["']?`;

export const KUBERNETES_RULES: readonly SecretRule[] = [
  {
    id: 'kubernetes-secret-yaml',
    title: 'Kubernetes Secret with inline data',
    severity: 'high',
    keywords: ['secret'],
    pattern: String.raw`(?:${KIND}[\s\S]{0,200}?\bdata:[\s\S]{0,100}?${ENTRY}|\bdata:[\s\S]{0,100}?${ENTRY}[\s\S]{0,200}?${KIND})`,
    flags: 'i',
    path: String.raw`\.ya?ml$`,
    multiline: true,
    allow: {
      // templates and empty values are not secrets; a `---` between kind and data means two documents
      values: [/[\w.-]+:(?:[ \t]*(?:\||>[-+]?)\s+)?[ \t]*(?:\{\{[ \t\w"|$:=,.-]+\}\}|""|'')/],
      matches: [/(kind:[\s\S]+\n---\n[\s\S]+\bdata:|data:[\s\S]+\n---\n[\s\S]+\bkind:)/],
    },
    examples: { path: 'deploy/secret.yaml',
      match: ['apiVersion: v1\nkind: Secret\nmetadata:\n  name: db\ntype: Opaque\ndata:\n  password: UzNjcjN0LXBAc3N3MHJk\n'],
      noMatch: [
        'apiVersion: v1\nkind: Secret\nmetadata:\n  name: db\ndata:\n  password: {{ .Values.password }}\n',
        'apiVersion: external-secrets.io/v1beta1\nkind: ExternalSecret\nspec:\n  data:\n  - secretKey: password\n',
      ],
    },
  },
];
