#!/usr/bin/env bash
# Installs everything libreserve needs to build, test and render, from Debian 12 packages only.
# Idempotent: safe to run again; it only installs what is missing.
set -euo pipefail

packages=(
  # toolchain
  build-essential cmake ninja-build ccache pkg-config git clang-format
  # geometry, CRS and vector I/O
  libgdal-dev gdal-bin python3-gdal libgeos-dev libproj-dev proj-bin proj-data libboost-dev
  # small libraries we build on
  nlohmann-json3-dev libcli11-dev libtomlplusplus-dev libfmt-dev zlib1g-dev libssl-dev
  # maps: Cairo + Pango with a real CJK font
  libcairo2-dev libpango1.0-dev libfontconfig-dev fonts-noto-cjk
  # tests and benchmarks
  libgtest-dev libgmock-dev libbenchmark-dev poppler-utils
  # integer programming for `reserve suggest`
  libglpk-dev
  # the CLI's allocator (tools/reserve/CMakeLists.txt)
  libjemalloc-dev
  # sanitizer build and libFuzzer harnesses (tools/test.sh stage 2, fuzz/): clang, its runtime
  # libraries (ASan, UBSan, libFuzzer) and llvm-symbolizer for readable reports
  clang-14 libclang-rt-14-dev llvm-14
  # Python module and its tests (Debian's /usr/bin/python3)
  python3 python3-dev pybind11-dev python3-pybind11 python3-numpy python3-pandas
  python3-shapely python3-geopandas python3-pyproj python3-pytest python3-nbclient
  python3-nbformat python3-ipykernel python3-openpyxl python3-jsonschema python3-matplotlib
  python3-pil  # the kill test decodes PNG outputs (tests/kill)
  # the PostGIS round trip (tests/pg): a throw-away server started by the test itself
  postgresql-15 postgresql-15-postgis-3
  # the benchmarks (bench/): GeoPandas' spatial index (overlay, sjoin), /usr/bin/time -v
  python3-rtree time
)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "install-deps: all ${#packages[@]} packages present"
  exit 0
fi

echo "install-deps: installing ${#missing[@]} packages: ${missing[*]}"
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
