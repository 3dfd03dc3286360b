/**
 * Known-safe paths: files the secret scanner skips in every image. Each entry says why. The bar is
 * "content that ships with an OS or language package and holds sample or public key material by
 * design" — the false positives that made Dockle's CIS-DI-0010 break pipelines. An application's own
 * files (its README, its tests, its examples) are NOT skipped: a real token there is still in the image.
 *
 * Paths are layer paths without a leading `/` (`usr/share/doc/...`). A config can switch entries off
 * by id (`disable-allow-rules`, as in Trivy).
 */
export interface SafePath {
  readonly id: string;
  readonly why: string;
  readonly pattern: RegExp;
}

/** Trees a package manager installs third-party code into (the app's own code is never under these). */
const PACKAGE_TREE = String.raw`(?:^|/)(?:node_modules|site-packages|dist-packages|bower_components|vendor/bundle|bundle/gems|gems/[^/]+/gems|pkg/mod)/`;

export const SAFE_PATHS: readonly SafePath[] = [
  {
    id: 'ca-certificates',
    why: 'CA bundles and trust stores hold public certificates only (and are large); user CA certificates too. /etc/ssl/private is NOT here.',
    pattern:
      /^(?:etc\/ssl\/certs|etc\/pki\/(?:ca-trust|tls\/certs|java)|etc\/ca-certificates|usr\/share\/(?:ca-certificates|pki)|usr\/local\/share\/ca-certificates)\/|(?:^|\/)(?:certifi\/cacert|ca-bundle|ca-certificates)\.(?:pem|crt)$/,
  },
  {
    id: 'package-docs',
    why: 'Documentation installed by packages (READMEs, man and info pages, examples under /usr/share/doc) shows sample credentials such as `curl -u user:password`.',
    pattern: /^usr\/(?:local\/)?share\/(?:doc|doc-base|man|info|help|gtk-doc|devhelp|licenses|common-licenses|locale|i18n)\//,
  },
  {
    id: 'python-stdlib-tests',
    why: "CPython's own test suite (python:* images ship lib/python3.x/test) contains real private keys and tokens used as fixtures (keycert.pem, badkey.pem...).",
    pattern: /(?:^|\/)lib\/python[23](?:\.\d+)?\/(?:test|unittest\/test|lib2to3\/tests|idlelib\/idle_test|tkinter\/test|ctypes\/test|distutils\/tests)\//,
  },
  {
    id: 'go-toolchain',
    why: "The Go distribution's sources and test data (golang:* images ship /usr/local/go/src, whose crypto packages carry test keys).",
    pattern: /^usr\/(?:local\/go|lib\/go(?:-[\d.]+)?)\/(?:src|test|misc|doc|api|lib|pkg)\//,
  },
  {
    id: 'package-tests',
    why: 'Tests, fixtures, examples and docs of third-party packages (node_modules, site-/dist-packages, gems, the Go module cache) carry sample tokens and keys by design.',
    pattern: new RegExp(`${PACKAGE_TREE}(?:[^/]+/)*?(?:tests?|__tests__|spec|specs|testdata|test_data|fixtures|__fixtures__|examples?|_examples?|docs?)/|${PACKAGE_TREE}.*_test\\.go$`),
  },
  {
    id: 'package-markdown',
    why: "Markdown and reStructuredText inside installed packages are their READMEs and changelogs (gitleaks itself allowlists @octokit/auth-token/README.md). An application's own *.md is still scanned.",
    pattern: new RegExp(`(?:${PACKAGE_TREE}|^usr/(?:local/)?(?:lib|share)/).*\\.(?:md|markdown|rst)$`, 'i'),
  },
  {
    id: 'package-metadata',
    why: "Package managers' own databases and Python's *.dist-info / *.egg-info: file hashes, signatures, licence texts and the package README (PKG-INFO).",
    pattern: /^(?:var\/lib\/dpkg|lib\/apk\/db|var\/lib\/rpm|usr\/lib\/sysimage\/rpm|var\/lib\/apt\/lists|var\/cache\/(?:apt|apk|yum|dnf))\/|\.(?:dist|egg)-info\//,
  },
];

/** A layer or filesystem path as the allow-lists see it: `/`-separated, no leading `/` or `./`. */
export function normalizePath(path: string): string {
  let p = path.replace(/\\/g, '/');
  while (p.startsWith('./')) p = p.slice(2);
  return p.replace(/^\/+/, '');
}

/** The id of the safe-path entry that covers `path` (normalized), if any. */
export function safePathId(path: string, entries: readonly SafePath[] = SAFE_PATHS): string | undefined {
  for (const e of entries) if (e.pattern.test(path)) return e.id;
  return undefined;
}
