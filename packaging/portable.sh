#!/usr/bin/env bash
# Builds an x86_64 Linux binary of policy-nav that needs glibc 2.17 or newer
# (CentOS 7 and its derivatives; UOS 20 and Kylin V10 ship 2.28), with the
# `dist` profile (fat LTO), and prints its path as the last line.
#
# How: cargo-zigbuild links against glibc 2.17's symbol versions with Zig's
# C toolchain (target x86_64-unknown-linux-gnu.2.17), so the host's newer
# glibc never leaks in. Both come from PyPI as prebuilt wheels (ziglang,
# cargo-zigbuild) and are installed into a virtualenv under target/, so this
# script needs only python3 and the Rust toolchain. Then it checks with
# objdump that no symbol asks for a newer glibc.
#
# Usage: packaging/portable.sh          (run from anywhere)
set -euo pipefail
cd "$(dirname "$0")/.."
target_dir="${CARGO_TARGET_DIR:-target}"
glibc=2.17
triple=x86_64-unknown-linux-gnu

if [ "$(uname -m)" != x86_64 ]; then
    echo "portable.sh builds for x86_64 and runs on an x86_64 Linux host; this is $(uname -m)" >&2
    exit 2
fi

# Pinned so a CI run builds what was tested; newer versions are fine to try.
venv="$target_dir/portable-tools"
if ! "$venv/bin/cargo-zigbuild" --version >/dev/null 2>&1; then
    python3 -m venv "$venv"
    "$venv/bin/pip" install --quiet --disable-pip-version-check \
        "cargo-zigbuild==0.24.1" "ziglang==0.17.1" >&2
fi
# cargo-zigbuild finds zig through the ziglang wheel's python-zig launcher
# when it is on PATH.
# (An absolute CARGO_TARGET_DIR is kept as it is.)
export PATH="$(cd "$venv" && pwd)/bin:$PATH"

cargo zigbuild --locked --profile dist --target "$triple.$glibc" >&2
bin="$target_dir/$triple/dist/policy-nav"

command -v objdump >/dev/null || {
    echo "objdump (binutils) is needed to check the glibc symbol versions" >&2
    exit 2
}
newest="$(objdump -T "$bin" | grep -o 'GLIBC_[0-9][0-9.]*' | sed 's/GLIBC_//' | sort -V | tail -n 1)"
if [ "$(printf '%s\n%s\n' "$newest" "$glibc" | sort -V | tail -n 1)" != "$glibc" ]; then
    echo "$bin needs GLIBC_$newest, newer than $glibc" >&2
    exit 1
fi
echo "$bin needs glibc $newest at most (checked with objdump -T)" >&2
realpath "$bin"
