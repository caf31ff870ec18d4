"""Builds the onetrip Python package for pip: setuptools lays out the pure-Python
files of bindings/python/onetrip, and CMake builds the compiled module
onetrip._onetrip (the project's own build, target onetrip_python), so that no
build tool beyond Debian's setuptools is needed. Metadata is in pyproject.toml.

Environment:
  ONETRIP_CMAKE_BUILD_DIR  an existing CMake build tree of this source (e.g. build, the dev
                           preset's) whose module is reused, brought up to date with
                           `cmake --build DIR --target onetrip_python`; it must be configured
                           for a Python with the same extension suffix. Without it a Release
                           tree is configured in build/pip/cmake (kept, so a second pip run
                           rebuilds only what changed; ccache is used when installed).
  CMAKE_ARGS               more arguments for that configure step.
  CMAKE_BUILD_PARALLEL_LEVEL  parallel jobs (default: the number of processors).
  ONETRIP_STRIP=0          keep the module's debug information (by default the packed copy is
                           stripped of it with `strip --strip-debug`, as scikit-build-core strips:
                           a RelWithDebInfo module is ten times the size).
"""
import os
import re
import shlex
import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

from setuptools import Extension, setup
from setuptools.command.build_ext import build_ext

ROOT = Path(__file__).resolve().parent
# setuptools' own work (build_lib, bdist, egg-info) goes under build/pip, beside the
# CMake presets' trees and out of the source directories.
BUILD_BASE = ROOT / "build" / "pip"


def header_version() -> str:
    text = (ROOT / "capi" / "onetrip.h").read_text(encoding="utf-8")
    parts = []
    for part in ("MAJOR", "MINOR", "PATCH"):
        found = re.search(rf"^#define ONETRIP_VERSION_{part} +(\d+)", text, re.MULTILINE)
        if not found:
            raise RuntimeError(f"capi/onetrip.h defines no ONETRIP_VERSION_{part}")
        parts.append(found.group(1))
    return ".".join(parts)


class CMakeBuild(build_ext):
    """Builds onetrip._onetrip with CMake and copies it where setuptools packs it."""

    def build_extension(self, ext: Extension) -> None:
        suffix = sysconfig.get_config_var("EXT_SUFFIX")
        jobs = os.environ.get("CMAKE_BUILD_PARALLEL_LEVEL") or str(os.cpu_count() or 1)
        reuse = os.environ.get("ONETRIP_CMAKE_BUILD_DIR")
        if reuse:
            tree = Path(reuse).resolve()
            if not (tree / "CMakeCache.txt").is_file():
                raise RuntimeError(f"ONETRIP_CMAKE_BUILD_DIR={reuse}: {tree} is not a configured CMake build tree")
        else:
            tree = BUILD_BASE / "cmake"
            configure = [
                "cmake", "-S", str(ROOT), "-B", str(tree),
                "-DCMAKE_BUILD_TYPE=Release",
                f"-DPython3_EXECUTABLE={sys.executable}",
                "-DONETRIP_BUILD_PYTHON=ON",
                "-DONETRIP_BUILD_TESTS=OFF",
                "-DONETRIP_BUILD_BENCH=OFF",
                "-DONETRIP_INSTALL=OFF",
            ] + shlex.split(os.environ.get("CMAKE_ARGS", ""))
            self.announce("configuring: " + shlex.join(configure), level=2)
            subprocess.run(configure, check=True)
        build = ["cmake", "--build", str(tree), "--target", "onetrip_python", "--parallel", jobs]
        self.announce("building: " + shlex.join(build), level=2)
        subprocess.run(build, check=True)

        built = tree / "python" / "onetrip" / f"_onetrip{suffix}"
        if not built.is_file():
            others = sorted(p.name for p in built.parent.glob("_onetrip*"))
            raise RuntimeError(
                f"{built} was not built: the CMake tree {tree} is for another Python "
                f"(it holds {', '.join(others) or 'no module'}; this Python's modules end in {suffix})")
        target = Path(self.get_ext_fullpath(ext.name))
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(built, target)
        strip = shutil.which("strip")
        if strip and os.environ.get("ONETRIP_STRIP", "1") != "0":
            subprocess.run([strip, "--strip-debug", str(target)], check=True)


os.makedirs(BUILD_BASE, exist_ok=True)
setup(
    version=header_version(),
    ext_modules=[Extension("onetrip._onetrip", sources=[])],
    cmdclass={"build_ext": CMakeBuild},
    options={"build": {"build_base": str(BUILD_BASE)}, "egg_info": {"egg_base": str(BUILD_BASE)}},
)
