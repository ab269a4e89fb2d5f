#!/usr/bin/env bash
# Builds the Rust skillrt v0.1 CLI (`skill`) offline, for the conformance report: crates come from
# Debian's librust-*-dev packages instead of crates.io. Usage:
#
#   conformance/adapters/build-rust-skillrt-v0.1.sh <skillrt source folder>   # as root, on Debian 12
#
# The source is github.com/jakejjoyner/skillrt (the report used commit b325218). Debian 12 has most
# crates; serde_yaml 0.9 (the version skillrt v0.1 locks, which decides how it reads YAML), indexmap 2,
# directories 5 and pulldown-cmark 0.10 exist only in Debian 13, so those are fetched with apt from
# Debian 13 through a private apt configuration (the system's sources are not changed) and unpacked,
# not installed. The crate versions differ from skillrt's Cargo.lock except serde_yaml (see the report).
set -euo pipefail
src=$(cd "${1:?usage: $0 <skillrt source folder>}" && pwd)
work=${SKILLRT_RUST_WORK:-/tmp/rust-skillrt-build}
cargo=${CARGO:-$(command -v cargo || echo /root/.cargo/bin/cargo)}

apt-get update -qq
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq librust-anyhow-dev librust-clap-dev librust-serde-dev \
  librust-serde-json-dev librust-thiserror-dev librust-semver-dev librust-url-dev librust-walkdir-dev >/dev/null

# Debian 13's crates, downloaded (not installed) through a private apt state.
apt13="$work/apt"
mkdir -p "$apt13/lists/partial" "$apt13/cache/archives/partial" "$apt13/etc/sources.list.d" "$apt13/etc/preferences.d" "$apt13/debs" "$apt13/unpacked"
echo "deb [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] http://deb.debian.org/debian trixie main" > "$apt13/etc/sources.list"
opts=(-o "Dir::Etc::sourcelist=$apt13/etc/sources.list" -o "Dir::Etc::sourceparts=$apt13/etc/sources.list.d"
      -o "Dir::State::Lists=$apt13/lists" -o "Dir::Cache=$apt13/cache" -o "Dir::State::status=/dev/null"
      -o "Dir::Etc::preferencesparts=$apt13/etc/preferences.d")
apt-get "${opts[@]}" update -qq
(cd "$apt13/debs" && apt-get "${opts[@]}" download \
  librust-serde-yaml-dev librust-unsafe-libyaml-dev librust-indexmap-dev librust-directories-dev librust-pulldown-cmark-dev \
  librust-dirs-sys-dev librust-bitflags-dev librust-getopts-dev librust-pulldown-cmark-escape-dev librust-serde-dev \
  librust-option-ext-dev librust-equivalent-dev librust-hashbrown-dev librust-serde-derive-dev librust-proc-macro2-dev \
  librust-quote-dev librust-syn-dev >/dev/null)
for deb in "$apt13"/debs/*.deb; do dpkg-deb -x "$deb" "$apt13/unpacked"; done

# One directory source with both: Debian 12's installed crates and Debian 13's unpacked ones.
vendor="$work/vendor"
rm -rf "$vendor" && mkdir -p "$vendor"
for crate in /usr/share/cargo/registry/* "$apt13"/unpacked/usr/share/cargo/registry/*; do ln -sfn "$crate" "$vendor/"; done

# A copy of the source: its dev-dependencies (tests only) are not packaged, and its lock file names crates.io's versions.
build="$work/src"
rm -rf "$build" && cp -r "$src" "$build"
python3 - "$build/Cargo.toml" <<'EOF'
import re, sys
path = sys.argv[1]
text = open(path).read()
open(path, "w").write(re.sub(r"\[dev-dependencies\]\n(?:.+\n)+?\n", "", text))
EOF
rm -f "$build/Cargo.lock"
mkdir -p "$build/.cargo"
cat > "$build/.cargo/config.toml" <<EOF
[source.crates-io]
replace-with = "debian"
[source.debian]
directory = "$vendor"
[net]
offline = true
EOF
(cd "$build" && "$cargo" build --release)
echo "$build/target/release/skill"
