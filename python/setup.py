"""Builds libreserve._core with the project's CMake, for `pip install --no-build-isolation ./python`.

The extension is the same CMake target the tests use (`_core`, linked statically against the C++
library) and the package carries the shipped data (profiles, standards, map styles) under
libreserve/share/reserve, as `cmake --install` lays it out; nothing is downloaded. Set RESERVE_CMAKE_ARGS to pass extra CMake arguments and
RESERVE_BUILD_JOBS for the parallel build (default 2).
"""
import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

from setuptools import Extension, setup
from setuptools.command.build_ext import build_ext

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent


def project_version() -> str:
    text = (ROOT / "CMakeLists.txt").read_text(encoding="utf-8")
    match = re.search(r"project\(\s*libreserve\s+VERSION\s+([0-9.]+)", text)
    if not match:
        raise RuntimeError("cannot find the project version in CMakeLists.txt")
    return match.group(1)


class CMakeExtension(Extension):
    def __init__(self, name: str):
        super().__init__(name, sources=[])


class CMakeBuild(build_ext):
    def build_extension(self, ext: Extension) -> None:
        if shutil.which("cmake") is None:
            raise RuntimeError("cmake is required (bash tools/install-deps.sh installs it)")
        build_dir = Path(self.build_temp).resolve() / "cmake"
        build_dir.mkdir(parents=True, exist_ok=True)
        configure = [
            "cmake", "-S", str(ROOT), "-B", str(build_dir),
            "-DCMAKE_BUILD_TYPE=Release", "-DRESERVE_BUILD_TESTS=OFF",
            "-DRESERVE_BUILD_PYTHON=ON", f"-DPython_EXECUTABLE={sys.executable}",
        ] + shlex.split(os.environ.get("RESERVE_CMAKE_ARGS", ""))
        subprocess.run(configure, check=True)
        jobs = os.environ.get("RESERVE_BUILD_JOBS", "2")
        subprocess.run(["cmake", "--build", str(build_dir), "--target", "_core", "-j", jobs],
                       check=True)
        built = sorted((build_dir / "python" / "libreserve").glob("_core*.so"))
        if not built:
            raise RuntimeError(f"the CMake build produced no _core module in {build_dir}")
        target = Path(self.get_ext_fullpath(ext.name))
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(built[0], target)
        # The shipped data travels inside the package, where the library looks beside _core
        # (libreserve/share/reserve/{profiles,standards,styles}); `cmake --install` does the same.
        share = target.parent / "share" / "reserve"
        if share.exists():
            shutil.rmtree(share)
        shutil.copytree(ROOT / "libreserve" / "share", share,
                        ignore=shutil.ignore_patterns("*.md", ".*"))


setup(
    version=project_version(),
    ext_modules=[CMakeExtension("libreserve._core")],
    cmdclass={"build_ext": CMakeBuild},
)
