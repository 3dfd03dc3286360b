/** Media types of the OCI image spec and Docker's v2 schema 2. */
export const MEDIA = {
  ociIndex: 'application/vnd.oci.image.index.v1+json',
  ociManifest: 'application/vnd.oci.image.manifest.v1+json',
  ociConfig: 'application/vnd.oci.image.config.v1+json',
  ociLayer: 'application/vnd.oci.image.layer.v1.tar',
  ociLayerGzip: 'application/vnd.oci.image.layer.v1.tar+gzip',
  ociLayerZstd: 'application/vnd.oci.image.layer.v1.tar+zstd',
  ociLayerNondistGzip: 'application/vnd.oci.image.layer.nondistributable.v1.tar+gzip',
  dockerManifestList: 'application/vnd.docker.distribution.manifest.list.v2+json',
  dockerManifest: 'application/vnd.docker.distribution.manifest.v2+json',
  dockerManifestV1: 'application/vnd.docker.distribution.manifest.v1+json',
  dockerManifestV1Signed: 'application/vnd.docker.distribution.manifest.v1+prettyjws',
  dockerConfig: 'application/vnd.docker.container.image.v1+json',
  dockerLayerGzip: 'application/vnd.docker.image.rootfs.diff.tar.gzip',
  dockerLayerForeign: 'application/vnd.docker.image.rootfs.foreign.diff.tar.gzip',
} as const;

/** What a registry is asked to return for a manifest GET, most specific first. */
export const MANIFEST_ACCEPT = [MEDIA.ociIndex, MEDIA.ociManifest, MEDIA.dockerManifestList, MEDIA.dockerManifest];

export function isIndexMediaType(mt: string | undefined): boolean {
  return mt === MEDIA.ociIndex || mt === MEDIA.dockerManifestList;
}

export function isImageManifestMediaType(mt: string | undefined): boolean {
  return mt === MEDIA.ociManifest || mt === MEDIA.dockerManifest;
}

/** Layer media types drydock can unpack: plain tar, gzip and zstd, OCI and Docker flavours. */
export function isLayerMediaType(mt: string): boolean {
  return (
    /^application\/vnd\.oci\.image\.layer\.(nondistributable\.)?v1\.tar(\+gzip|\+zstd)?$/.test(mt) ||
    /^application\/vnd\.docker\.image\.rootfs\.(foreign\.)?diff\.tar(\.gzip)?$/.test(mt)
  );
}
