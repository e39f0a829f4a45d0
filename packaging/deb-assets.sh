#!/usr/bin/env bash
# Builds the portable binary (packaging/portable.sh: glibc 2.17 and newer)
# and writes it and the files the .deb ships besides it (man page, shell
# completions) into target/assets/, since cargo-deb assets must be files.
# Run from anywhere; then `cargo deb --no-build --strip`.
set -euo pipefail
cd "$(dirname "$0")/.."
bin="$(bash packaging/portable.sh | tail -n 1)"
assets="target/assets"
mkdir -p "$assets/completions"
cp "$bin" "$assets/policy-nav"
"$bin" man | gzip -9n > "$assets/policy-nav.1.gz"
"$bin" completions bash > "$assets/completions/policy-nav"
"$bin" completions zsh > "$assets/completions/_policy-nav"
"$bin" completions fish > "$assets/completions/policy-nav.fish"
echo "assets in $assets:"
ls -l "$assets" "$assets/completions"
