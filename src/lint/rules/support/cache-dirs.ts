/** Where the package managers keep downloaded packages and metadata. */
export const RPM_CACHE_DIRS: readonly string[] = ['/var/cache/yum', '/var/cache/dnf', '/var/cache/libdnf5'];
export const ZYPPER_CACHE_DIRS: readonly string[] = ['/var/cache/zypp'];
