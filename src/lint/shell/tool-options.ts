/**
 * Which options of common Dockerfile tools take a value (from their manuals), so `parseOptions` never
 * mistakes an option's value for a package name: `apt-get -o Dpkg::Options::=--force-confold install x`,
 * `pip install -r requirements.txt`, `apk add --virtual .deps gcc`, `curl -o file url`.
 */
import type { OptionSpec } from './options.js';

export const APT_GET_OPTIONS: OptionSpec = {
  shortWithValue: 'octaP',
  longWithValue: ['option', 'config-file', 'target-release', 'default-release', 'host-architecture', 'build-profiles'],
};

export const APK_OPTIONS: OptionSpec = {
  shortWithValue: 'Xpt',
  longWithValue: [
    'repository', 'root', 'arch', 'keys-dir', 'repositories-file', 'cache-dir', 'virtual', 'progress-fd', 'wait',
    'timeout', 'cache-max-age',
  ],
};

/** yum, dnf, microdnf and tdnf share the options that matter here. */
export const YUM_OPTIONS: OptionSpec = {
  shortWithValue: 'cdexR',
  longWithValue: [
    'config', 'debuglevel', 'errorlevel', 'exclude', 'installroot', 'enablerepo', 'disablerepo', 'repo', 'repoid',
    'releasever', 'setopt', 'color', 'downloaddir', 'destdir', 'rpmverbosity', 'forcearch', 'disableplugin',
    'enableplugin', 'repofrompath', 'comment', 'advisory', 'bz', 'cve', 'sec-severity', 'secseverity',
  ],
};

export const ZYPPER_OPTIONS: OptionSpec = {
  shortWithValue: 'cRDCtr',
  longWithValue: [
    'config', 'root', 'reposd-dir', 'cache-dir', 'raw-cache-dir', 'solv-cache-dir', 'pkg-cache-dir', 'type', 'repo',
    'from', 'download', 'userdata',
  ],
};

export const PIP_OPTIONS: OptionSpec = {
  shortWithValue: 'rceitfC',
  longWithValue: [
    'requirement', 'constraint', 'editable', 'index-url', 'extra-index-url', 'find-links', 'target', 'prefix', 'root',
    'src', 'upgrade-strategy', 'platform', 'python-version', 'implementation', 'abi', 'progress-bar', 'cache-dir',
    'log', 'proxy', 'retries', 'timeout', 'exists-action', 'trusted-host', 'cert', 'client-cert', 'global-option',
    'install-option', 'config-settings', 'only-binary', 'no-binary', 'python', 'report', 'use-feature',
    'use-deprecated', 'keyring-provider', 'root-user-action', 'build', 'build-option',
  ],
};

export const NPM_OPTIONS: OptionSpec = {
  shortWithValue: 'Cw',
  longWithValue: [
    'registry', 'prefix', 'tag', 'cache', 'userconfig', 'globalconfig', 'loglevel', 'omit', 'include', 'workspace',
    'only', 'save-prefix', 'install-strategy', 'access', 'otp', 'scope', 'before', 'location', 'script-shell',
  ],
};

export const CURL_OPTIONS: OptionSpec = {
  shortWithValue: 'oXHduAeTFbcxwmCrKEDUYyztQP',
  longWithValue: [
    'output', 'request', 'header', 'data', 'data-raw', 'data-binary', 'data-urlencode', 'data-ascii', 'user',
    'user-agent', 'referer', 'upload-file', 'form', 'form-string', 'cookie', 'cookie-jar', 'proxy', 'write-out',
    'max-time', 'continue-at', 'range', 'config', 'cert', 'key', 'cacert', 'capath', 'dump-header', 'proxy-user',
    'retry', 'retry-delay', 'retry-max-time', 'connect-timeout', 'url', 'proto', 'proto-redir', 'output-dir',
    'limit-rate', 'resolve', 'interface', 'max-filesize', 'max-redirs', 'netrc-file', 'ciphers', 'tls-max',
    'pinnedpubkey', 'oauth2-bearer', 'unix-socket', 'create-file-mode', 'expect100-timeout', 'json',
  ],
};

export const WGET_OPTIONS: OptionSpec = {
  shortWithValue: 'OoaPtTUeiBlQwARDXI',
  singleDashLong: ['nc', 'nv', 'nd', 'nH', 'np'],
  longWithValue: [
    'output-document', 'output-file', 'append-output', 'directory-prefix', 'tries', 'timeout', 'user-agent', 'execute',
    'input-file', 'base', 'level', 'quota', 'wait', 'accept', 'reject', 'domains', 'exclude-domains', 'header', 'user',
    'password', 'http-user', 'http-password', 'post-data', 'post-file', 'body-data', 'body-file', 'method',
    'ca-certificate', 'ca-directory', 'certificate', 'private-key', 'load-cookies', 'save-cookies', 'referer',
    'limit-rate', 'dns-timeout', 'connect-timeout', 'read-timeout', 'bind-address', 'progress', 'secure-protocol',
  ],
};

/** shadow-utils `useradd` (DL3046 reads `-u`/`--uid` and `-l`/`--no-log-init`). */
export const USERADD_OPTIONS: OptionSpec = {
  shortWithValue: 'bcdefgGkKpRPsuZ',
  longWithValue: [
    'base-dir', 'comment', 'home-dir', 'expiredate', 'inactive', 'gid', 'groups', 'skel', 'key', 'password', 'root',
    'prefix', 'shell', 'uid', 'selinux-user', 'selinux-range',
  ],
};

/** GNU coreutils `ln` (DL4005 reads the link name). */
export const LN_OPTIONS: OptionSpec = { shortWithValue: 'St', longWithValue: ['suffix', 'target-directory'] };

export const PIPX_OPTIONS: OptionSpec = {
  longWithValue: ['python', 'pip-args', 'suffix', 'index-url', 'spec', 'preinstall', 'backend'],
};

export const YARN_OPTIONS: OptionSpec = {
  longWithValue: [
    'cwd', 'cache-folder', 'modules-folder', 'global-folder', 'link-folder', 'mutex', 'network-timeout',
    'network-concurrency', 'registry', 'use-yarnrc', 'preferred-cache-folder', 'otp', 'proxy', 'https-proxy', 'cafile',
  ],
};

/** `gem install` (options with an optional value, like `-p [URL]`, only take one written `--opt=value`). */
export const GEM_OPTIONS: OptionSpec = {
  shortWithValue: 'invPs',
  longWithValue: [
    'install-dir', 'bindir', 'build-root', 'trust-policy', 'version', 'platform', 'source', 'config-file',
    'target-rbconfig', 'bulk-threshold',
  ],
};

/** Go's flags are single-dash long options and stop at the first non-flag (`go run pkg -x` passes `-x` on). */
export const GO_OPTIONS: OptionSpec = {
  singleDashLong: [
    'C', 'o', 'p', 'pkgdir', 'tags', 'ldflags', 'gcflags', 'asmflags', 'gccgoflags', 'mod', 'modfile', 'toolexec',
    'compiler', 'buildmode', 'installsuffix', 'overlay', 'pgo', 'exec', 'covermode', 'coverpkg',
  ],
  longWithValue: [
    'C', 'o', 'p', 'pkgdir', 'tags', 'ldflags', 'gcflags', 'asmflags', 'gccgoflags', 'mod', 'modfile', 'toolexec',
    'compiler', 'buildmode', 'installsuffix', 'overlay', 'pgo', 'exec', 'covermode', 'coverpkg',
  ],
  stopAtPositional: true,
};

/** Specs by command name (as `Invocation.name` gives it). */
export const TOOL_OPTIONS: ReadonlyMap<string, OptionSpec> = new Map([
  ['apt-get', APT_GET_OPTIONS],
  ['apt', APT_GET_OPTIONS],
  ['apk', APK_OPTIONS],
  ['yum', YUM_OPTIONS],
  ['dnf', YUM_OPTIONS],
  ['microdnf', YUM_OPTIONS],
  ['tdnf', YUM_OPTIONS],
  ['zypper', ZYPPER_OPTIONS],
  ['pip', PIP_OPTIONS],
  ['pip3', PIP_OPTIONS],
  ['npm', NPM_OPTIONS],
  ['curl', CURL_OPTIONS],
  ['wget', WGET_OPTIONS],
]);
