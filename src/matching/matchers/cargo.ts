import { languageMatcher } from './language.js';

/** Rust crates from crates.io (Cargo.lock, cargo-auditable binaries). Path/git crates (purl `pkg:generic`) are not matched. */
export const cargoMatcher = languageMatcher('cargo', 'cargo', 'cargo');
