//! Where the material shared between projects lives: the public Ukrainian
//! test files in `../shared/testdata/ua` (read in place, never copied) and
//! the npm packages of the independent Ukrainian implementations, which
//! `scripts/test` installs into `$SIGNET_NPM_DIR` (by default
//! `$HOME/.cache/signet-npm`).

use std::path::{Path, PathBuf};

/// The path of `name` in `../shared/testdata/ua`.
pub fn ua_path(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared/testdata/ua")
        .join(name)
}

/// The bytes of `name` in `../shared/testdata/ua`.
pub fn ua(name: &str) -> Vec<u8> {
    let path = ua_path(name);
    std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The `node_modules` directory holding `packages` (for `NODE_PATH`);
/// panics with the install command when one is missing.
pub fn npm_modules(packages: &[&str]) -> PathBuf {
    let dir = std::env::var_os("SIGNET_NPM_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            PathBuf::from(std::env::var("HOME").expect("HOME is set")).join(".cache/signet-npm")
        })
        .join("node_modules");
    for package in packages {
        assert!(
            dir.join(package).is_dir(),
            "the npm package {package} is missing from {}; install it with \
             `npm install --prefix $HOME/.cache/signet-npm jkurwa@1.17.0 gost89@0.1.11` \
             (scripts/test does)",
            dir.display()
        );
    }
    dir
}
