#!/usr/bin/env bash
# Builds the release binary and writes the files the .deb ships besides it
# (man page, shell completions) into target/assets/, since cargo-deb assets
# must be files. Run from anywhere; then `cargo deb --no-build --strip`.
set -euo pipefail
cd "$(dirname "$0")/.."
target="${CARGO_TARGET_DIR:-target}"
cargo build --release --locked
bin="$target/release/policy-nav"
assets="target/assets"
mkdir -p "$assets/completions"
"$bin" man | gzip -9n > "$assets/policy-nav.1.gz"
"$bin" completions bash > "$assets/completions/policy-nav"
"$bin" completions zsh > "$assets/completions/_policy-nav"
"$bin" completions fish > "$assets/completions/policy-nav.fish"
echo "assets in $assets:"
ls -l "$assets" "$assets/completions"
