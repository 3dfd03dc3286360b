/**
 * Names the typosquat check trusts: Docker Official Images (the `library/` repositories of Docker Hub,
 * current and deprecated-but-pullable), well-known verified publishers, and registries. Hand-kept
 * lists; add a name when a real image is reported as a typo of another.
 */

/** Docker Hub `library/*` repositories (Docker Official Images), including deprecated ones still pulled. */
export const OFFICIAL_IMAGES: readonly string[] = [
  // operating systems and base images
  'alpine', 'alt', 'almalinux', 'amazonlinux', 'archlinux', 'busybox', 'buildpack-deps', 'centos', 'cirros', 'clearlinux',
  'clefos', 'crux', 'debian', 'euleros', 'fedora', 'mageia', 'neurodebian', 'opensuse', 'oraclelinux', 'photon',
  'rockylinux', 'sl', 'sourcemage', 'ubuntu', 'ubuntu-debootstrap', 'ubuntu-upstart', 'hello-world',
  // languages and runtimes
  'amazoncorretto', 'bash', 'clojure', 'dart', 'eclipse-temurin', 'elixir', 'erlang', 'gcc', 'golang', 'groovy', 'haskell',
  'haxe', 'hylang', 'ibm-semeru-runtimes', 'ibmjava', 'iojs', 'java', 'jruby', 'julia', 'mono', 'node', 'openjdk', 'perl',
  'php', 'php-zendserver', 'pypy', 'python', 'r-base', 'rakudo-star', 'ruby', 'rust', 'sapmachine', 'swift', 'swipl',
  // build tools
  'composer', 'gradle', 'maven', 'docker', 'docker-dev', 'registry', 'notary', 'jenkins', 'celery', 'django', 'rails',
  // web servers, proxies, gateways
  'caddy', 'express-gateway', 'haproxy', 'hipache', 'hitch', 'httpd', 'kaazing-gateway', 'kong', 'krakend', 'nginx', 'traefik',
  'unit', 'varnish', 'api-firewall', 'spiped', 'lightstreamer',
  // application servers
  'glassfish', 'jetty', 'open-liberty', 'tomcat', 'tomee', 'websphere-liberty',
  // databases and data stores
  'aerospike', 'arangodb', 'cassandra', 'clickhouse', 'couchbase', 'couchdb', 'crate', 'elasticsearch', 'influxdb', 'mariadb',
  'memcached', 'mongo', 'mongo-express', 'mysql', 'neo4j', 'orientdb', 'percona', 'postgres', 'redis', 'rethinkdb', 'solr',
  'liquibase', 'adminer', 'phpmyadmin',
  // messaging, streaming, coordination
  'eclipse-mosquitto', 'emqx', 'nats', 'nats-streaming', 'rabbitmq', 'zookeeper', 'consul', 'vault', 'swarm', 'thrift',
  // data processing and observability
  'chronograf', 'flink', 'fluentd', 'kapacitor', 'kibana', 'logstash', 'spark', 'storm', 'telegraf', 'sonarqube', 'sentry',
  // applications
  'backdrop', 'bonita', 'convertigo', 'drupal', 'eggdrop', 'friendica', 'gazebo', 'geonetwork', 'ghost', 'irssi', 'jobber',
  'joomla', 'known', 'matomo', 'mediawiki', 'monica', 'nextcloud', 'nuxeo', 'odoo', 'owncloud', 'piwik', 'plone', 'postfixadmin',
  'rapidoid', 'redmine', 'rocket.chat', 'ros', 'satosa', 'silverpeas', 'teamspeak', 'wordpress', 'xwiki', 'yourls', 'znc',
];

/** Names that are not repositories at all (`FROM scratch`). */
export const RESERVED_NAMES: readonly string[] = ['scratch'];

/** What people write instead of an official name (separators removed): alias → official image. */
export const OFFICIAL_ALIASES: Readonly<Record<string, string>> = {
  nodejs: 'node',
  postgresql: 'postgres',
  postgre: 'postgres',
  mongodb: 'mongo',
  python3: 'python',
  python2: 'python',
  apache: 'httpd',
  apache2: 'httpd',
  elastic: 'elasticsearch',
  rabbit: 'rabbitmq',
  temurin: 'eclipse-temurin',
  corretto: 'amazoncorretto',
  mosquitto: 'eclipse-mosquitto',
  golang1: 'golang',
};

/** Words a namespace (or a name prefix) uses to pass itself off as Docker Official Images. */
export const LIBRARY_IMPERSONATION_WORDS: readonly string[] = [
  'library', 'official', 'officials', 'docker', 'dockerlibrary', 'dockerofficial', 'dockerhub', 'officialimages',
  'officialimage', 'libraries', 'dockerimages',
];

/** Docker Hub namespaces of verified publishers and well-known projects (trusted with any name). */
export const VERIFIED_PUBLISHERS: readonly string[] = [
  'bitnami', 'docker', 'ubuntu', 'canonical', 'nginxinc', 'grafana', 'hashicorp', 'circleci', 'cimg', 'amazon', 'rancher',
  'portainer', 'jenkins', 'gitlab', 'sonatype', 'datadog', 'newrelic', 'confluentinc', 'localstack', 'minio', 'prom',
  'linuxserver', 'chainguard', 'paketobuildpacks', 'heroku', 'cypress', 'selenium', 'atlassian', 'elastic', 'kong',
  'microsoft', 'google', 'redhat', 'openshift', 'jetbrains', 'mongodb', 'postgis', 'timescale', 'bellsoft',
  'azul', 'ibmcom', 'oraclelinux', 'percona', 'mysql', 'mariadb', 'redislabs', 'redis', 'influxdb', 'curlimages',
  'istio', 'envoyproxy', 'traefik', 'gradle', 'nvidia', 'pulumi', 'temporalio', 'apache',
];

/** Registries drydock knows by name; a host one edit away from one of them is suspicious. */
export const KNOWN_REGISTRIES: readonly string[] = [
  'docker.io', 'index.docker.io', 'registry-1.docker.io', 'registry.hub.docker.com', 'mirror.gcr.io', 'gcr.io', 'us.gcr.io',
  'eu.gcr.io', 'asia.gcr.io', 'k8s.gcr.io', 'registry.k8s.io', 'ghcr.io', 'quay.io', 'cgr.dev', 'mcr.microsoft.com',
  'public.ecr.aws', 'registry.access.redhat.com', 'registry.redhat.io', 'docker.elastic.co', 'registry.gitlab.com',
  'nvcr.io', 'icr.io', 'dhi.io', 'lscr.io', 'container-registry.oracle.com', 'registry.suse.com', 'registry.opensuse.org',
  'registry.fedoraproject.org', 'codeberg.org',
];

/** Trusted first path components on registries that host many publishers: registry → namespaces. */
export const TRUSTED_NAMESPACES: Readonly<Record<string, readonly string[]>> = {
  'gcr.io': ['distroless', 'google-containers', 'kaniko-project', 'cloud-builders', 'google.com'],
  'cgr.dev': ['chainguard'],
  'mcr.microsoft.com': ['dotnet', 'mssql', 'powershell', 'azure-cli', 'windows', 'openjdk', 'devcontainers', 'azure-functions', 'cbl-mariner', 'azurelinux', 'playwright', 'vscode'],
  'registry.access.redhat.com': ['ubi7', 'ubi8', 'ubi9', 'ubi10', 'rhel7', 'rhel8', 'rhel9'],
  'registry.redhat.io': ['ubi8', 'ubi9', 'ubi10', 'rhel8', 'rhel9', 'openshift4', 'rhel'],
  'public.ecr.aws': ['docker', 'lambda', 'amazonlinux', 'bitnami', 'nginx', 'aws-cli', 'eks-distro', 'ecs', 'aws-observability', 'chainguard'],
  'quay.io': ['prometheus', 'coreos', 'centos', 'fedora', 'podman', 'buildah', 'skopeo', 'keycloak', 'jetstack', 'argoproj', 'cilium', 'minio', 'operator-framework', 'calico', 'quay'],
};

/**
 * Registries that mirror Docker Hub: the path of the official images there, and whether every path
 * mirrors a Hub repository (`mirror.gcr.io/bitnami/redis`) or only that one.
 */
export const HUB_MIRRORS: Readonly<Record<string, { readonly library: string; readonly everything: boolean }>> = {
  'mirror.gcr.io': { library: 'library/', everything: true },
  'public.ecr.aws': { library: 'docker/library/', everything: false },
};
