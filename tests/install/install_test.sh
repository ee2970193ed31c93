#!/bin/bash
# The post-install test (PROJ's practice): install the build into a temporary prefix, move it (an
# installed tree must not depend on where it was built or installed), then
#   1. build tests/install/consumer with find_package(libreserve CONFIG) and run it;
#   2. build the same program with `pkg-config --cflags --libs libreserve` and run it;
#   3. run the installed `reserve check` with a shipped profile by name, with the source and
#      build trees hidden (a private mount namespace puts an empty tmpfs over them) when the
#      kernel allows it, and without RESERVE_DATA_DIR / RESERVE_PROFILE_DIR.
# Usage: install_test.sh <build dir> <source dir> <c++ compiler> <cmake>
set -euo pipefail
build=$1 source=$2 cxx=$3 cmake=$4
work=$(mktemp -d /tmp/reserve-install-test.XXXXXX)
trap 'rm -rf "$work"' EXIT
unset RESERVE_DATA_DIR RESERVE_PROFILE_DIR

"$cmake" --install "$build" --prefix "$work/staged" > "$work/install.log"
mv "$work/staged" "$work/prefix"
prefix=$work/prefix

for f in lib/libreserve.so include/reserve/reserve.hpp include/reserve/version.hpp \
         include/reserve/render.hpp lib/cmake/libreserve/libreserveConfig.cmake \
         lib/pkgconfig/libreserve.pc share/reserve/profiles/three-no.toml \
         share/reserve/standards/water_limits.csv share/reserve/styles/default.toml bin/reserve; do
  [[ -e $prefix/$f ]] || { echo "FAIL: the install lacks $f"; exit 1; }
done

for h in "$prefix"/include/reserve/*.hpp; do
  name=$(basename "$h")
  [[ $name == reserve.hpp || $name == export.hpp ]] && continue
  grep -q "\"reserve/$name\"" "$prefix/include/reserve/reserve.hpp" ||
    { echo "FAIL: <reserve/reserve.hpp> does not include reserve/$name"; exit 1; }
done

echo "== 1. find_package(libreserve CONFIG)"
"$cmake" -S "$source/tests/install/consumer" -B "$work/consumer-build" -G Ninja \
  -DCMAKE_CXX_COMPILER="$cxx" -DCMAKE_PREFIX_PATH="$prefix" > "$work/consumer-configure.log"
"$cmake" --build "$work/consumer-build" > "$work/consumer-build.log"
out=$("$work/consumer-build/reserve_consumer")
echo "$out"
[[ $out == *"from $prefix/share/reserve/profiles/three-no.toml"* ]] ||
  { echo "FAIL: the profile was not found under the install prefix"; exit 1; }

echo "== 2. pkg-config libreserve"
export PKG_CONFIG_PATH=$prefix/lib/pkgconfig
# shellcheck disable=SC2046
"$cxx" -std=c++20 "$source/tests/install/consumer/main.cpp" -o "$work/consumer-pc" \
  $(pkg-config --cflags --libs libreserve)
LD_LIBRARY_PATH=$prefix/lib "$work/consumer-pc"

echo "== 3. installed reserve check, source and build trees hidden"
cp "$source"/data/baseline.gpkg "$source"/data/proposal.gpkg "$work/"
site=$(cd "$prefix" && ls -d lib/python3*/*-packages)
run_check='cd "$0" && "$0/prefix/bin/reserve" check --before baseline.gpkg --after proposal.gpkg --profile three-no --json > check.json; echo "exit $?"; '
# The installed Python package (cmake --install's python component) finds its own data too.
run_check+='PYTHONPATH="$0/prefix/'$site'" /usr/bin/python3 -c "import libreserve; print(\"python:\", sorted(libreserve.profiles()))"'
if unshare -rm true 2>/dev/null; then
  hide="mount -t tmpfs none '$source'; [ -d '$build' ] && mount -t tmpfs none '$build'; "
  hide+="[ -e '$source/CMakeLists.txt' ] && { echo 'source tree still visible'; exit 9; }; "
  status=$(unshare -rm sh -c "$hide $run_check" "$work")
else
  echo "(no user namespaces here: the trees stay visible, the prefix was moved instead)"
  status=$(sh -c "$run_check" "$work")
fi
echo "$status"
[[ $status == *"python: ['guangdong-2023', 'national-2013', 'three-no']"* ]] ||
  { echo "FAIL: the installed Python package does not find the shipped profiles"; exit 1; }
# 0: every rule passes, 1: a rule fails; 2/3/4 would mean the profile or its data were missing.
[[ $status == *"exit 0"* || $status == *"exit 1"* ]] || { head -c 2000 "$work/check.json"; exit 1; }
grep -q '"three-no"' "$work/check.json" || { echo "FAIL: the report does not name three-no"; exit 1; }
echo "install test passed"
