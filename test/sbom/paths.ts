import { fileURLToPath } from 'node:url';

/** /work/shared next to the repository (read-only reference data). */
export const SHARED = fileURLToPath(new URL('../../../shared/', import.meta.url));
export const TRIVY_TESTDATA = `${SHARED}conformance/trivy-integration/integration/testdata/`;
export const GOLDEN_DIR = fileURLToPath(new URL('./golden/', import.meta.url));
