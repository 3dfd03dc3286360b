/**
 * Does a command start a long-running network service? Used by DD012. The program is found past
 * init wrappers (`tini --`, `dumb-init`, `gosu user`, `su-exec user`) and judged by name, with a few
 * that need their arguments (`java -jar`, `node server.js`, `python manage.py runserver`, `npm start`).
 */
const SERVERS: ReadonlySet<string> = new Set([
  'nginx', 'nginx-debug', 'openresty', 'httpd', 'apache2', 'apache2ctl', 'apachectl', 'apache2-foreground', 'caddy', 'traefik',
  'haproxy', 'envoy', 'lighttpd', 'squid', 'gunicorn', 'uvicorn', 'hypercorn', 'daphne', 'waitress-serve', 'uwsgi', 'puma',
  'unicorn', 'passenger', 'php-fpm', 'postgres', 'mysqld', 'mariadbd', 'mongod', 'redis-server', 'valkey-server', 'memcached',
  'rabbitmq-server', 'elasticsearch', 'catalina.sh', 'grafana-server', 'prometheus', 'consul', 'vault', 'etcd', 'minio', 'sshd',
  'vsftpd', 'named', 'kong', 'nats-server', 'influxd', 'keycloak', 'kc.sh',
]);
const WRAPPERS_WITH_USER: ReadonlySet<string> = new Set(['gosu', 'su-exec', 'chpst']);
const WRAPPERS: ReadonlySet<string> = new Set(['tini', 'dumb-init', 'exec', 'catatonit', 'tini-static']);
const SCRIPT_NAMES = /(?:^|[/_.-])(?:server|app|main|index|www|serve)(?:[._-]|$)/i;
const PHP_FPM = /^php-fpm[0-9.]*$/;

function basename(p: string): string {
  return p.slice(p.lastIndexOf('/') + 1);
}

/** `argv` past init wrappers and their options. */
function pastWrappers(argv: readonly string[]): readonly string[] {
  let i = 0;
  while (i < argv.length) {
    const name = basename(argv[i] ?? '');
    if (WRAPPERS.has(name)) {
      i++;
      while (i < argv.length && (argv[i] ?? '').startsWith('-')) i++;
    } else if (WRAPPERS_WITH_USER.has(name)) i += 2;
    else break;
  }
  return argv.slice(i);
}

/** The server an argv starts (`nginx`, `java -jar`, `node server.js`), or undefined. */
export function serverOf(argvIn: readonly string[]): string | undefined {
  const argv = pastWrappers(argvIn);
  const name = basename(argv[0] ?? '');
  const args = argv.slice(1);
  if (SERVERS.has(name) || PHP_FPM.test(name)) return name;
  if (name === 'java' && args.includes('-jar')) return 'java -jar';
  if (['node', 'bun', 'deno', 'nodemon', 'pm2-runtime'].includes(name)) {
    const script = args.find((a) => !a.startsWith('-') && a !== 'run');
    return script !== undefined && SCRIPT_NAMES.test(script) ? `${name} ${script}` : undefined;
  }
  if (['npm', 'yarn', 'pnpm'].includes(name) && (args[0] === 'start' || (args[0] === 'run' && args[1] === 'start'))) return `${name} start`;
  if (name === 'next' && args[0] === 'start') return 'next start';
  if (name.startsWith('python')) return pythonServer(args);
  if ((name === 'rails' || name === 'bundle') && (args.includes('server') || args.includes('s'))) return 'rails server';
  if (name === 'php' && args.includes('-S')) return 'php -S';
  return undefined;
}

function pythonServer(args: readonly string[]): string | undefined {
  const m = args.indexOf('-m');
  const mod = m < 0 ? undefined : args[m + 1];
  if (mod !== undefined && ['http.server', 'uvicorn', 'gunicorn', 'flask', 'django', 'hypercorn', 'streamlit', 'aiohttp.web'].includes(mod)) return `python -m ${mod}`;
  if (args.some((a) => basename(a) === 'manage.py') && args.includes('runserver')) return 'manage.py runserver';
  return undefined;
}

/** Docker Hub images whose default command is a server (when the Dockerfile sets no CMD/ENTRYPOINT). */
const SERVER_IMAGES: ReadonlySet<string> = new Set([
  'nginx', 'httpd', 'caddy', 'traefik', 'haproxy', 'tomcat', 'jetty', 'postgres', 'mysql', 'mariadb', 'mongo', 'redis',
  'valkey/valkey', 'memcached', 'rabbitmq', 'elasticsearch', 'wordpress', 'ghost', 'drupal', 'joomla', 'nextcloud', 'registry',
  'consul', 'vault', 'nats', 'influxdb', 'cassandra', 'couchdb', 'neo4j', 'solr', 'sonarqube', 'nginxinc/nginx-unprivileged',
  'bitnami/nginx', 'grafana/grafana', 'prom/prometheus', 'odoo', 'matomo', 'mediawiki', 'kong', 'varnish',
]);
const HUB: ReadonlySet<string> = new Set(['docker.io', 'index.docker.io', 'registry-1.docker.io']);

/** A base image that runs a server by default: `nginx:1.27`, `php:8.3-fpm`, `php:8.3-apache`. */
export function serverImage(registry: string | undefined, repository: string, tag: string | undefined): string | undefined {
  if (registry !== undefined && !HUB.has(registry.toLowerCase())) return undefined;
  const repo = repository.toLowerCase().startsWith('library/') ? repository.toLowerCase().slice(8) : repository.toLowerCase();
  if (SERVER_IMAGES.has(repo)) return repo;
  if (repo === 'php' && tag !== undefined && (tag.includes('fpm') || tag.includes('apache'))) return `php:${tag}`;
  return undefined;
}
