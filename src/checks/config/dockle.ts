/**
 * Dockle checkpoints drydock does not implement as configuration checks, and why. Every other
 * checkpoint is a check in CONFIG_CHECKS with Dockle's code as its id (test/checks/config/dockle-compat
 * checks this against Dockle's own checkpoint list).
 */
export const DOCKLE_NOT_APPLICABLE: Readonly<Record<string, string>> = {
  'CIS-DI-0002': 'Dockle does not implement it; drydock identifies the base image and checks its name for typosquats (src/checks/base-image, src/checks/typosquat.ts)',
  'CIS-DI-0003': 'Dockle does not implement it; drydock reports the package surface and smaller base images (src/checks/base-image)',
  'CIS-DI-0004': 'Dockle does not implement it; it is what drydock\'s vulnerability scan does',
  'CIS-DI-0005': 'not applicable until drydock verifies signatures: Dockle only reads DOCKER_CONTENT_TRUST from the scanner\'s environment, which says nothing about the image',
  'CIS-DI-0011': 'Dockle does not implement it; package signatures are the package manager\'s job at install time, not visible in the image',
};

/** Dockle checkpoints whose file-name half drydock leaves to the content-based secret scanner. */
export const DOCKLE_PARTIAL: Readonly<Record<string, string>> = {
  'CIS-DI-0010': 'ENV/LABEL/history variables here; credential files are found by their content by the secret scanner (file names alone were Dockle\'s false positives)',
};
