#!/usr/bin/env bash
# The Python install routes, as a user outside the source tree meets them:
#   pip wheel . and pip install . (pyproject.toml + setup.py, Debian's setuptools only,
#   no network) into a fresh virtual environment made with --system-site-packages, and
#   cmake --install --component python; each installed package imported and called
#   from a directory outside the source tree.
# Usage: pip_install.sh PYTHON SOURCE_DIR BUILD_DIR WORK_DIR. The module already built
# in BUILD_DIR is reused (ONETRIP_CMAKE_BUILD_DIR), so the test costs seconds, not a build.
set -euo pipefail
python=$1
source_dir=$(cd "$2" && pwd)
build=$(cd "$3" && pwd)
work=$4
rm -rf "$work"
mkdir -p "$work"
work=$(cd "$work" && pwd)
unset PYTHONPATH PYTHONHOME PIP_USER
export ONETRIP_CMAKE_BUILD_DIR=$build CMAKE_BUILD_PARALLEL_LEVEL=2 PIP_DISABLE_PIP_VERSION_CHECK=1
version=$(sed -nE 's/^#define ONETRIP_VERSION_(MAJOR|MINOR|PATCH) +([0-9]+).*/\2/p' "$source_dir/capi/onetrip.h" | paste -sd.)

# The checks, run by an interpreter from $work: the package imported is the installed
# one (not the source tree's), it is the header's version, and it computes.
check='
import datetime, os, sys
import onetrip
where = os.path.realpath(onetrip.__file__)
expected = os.path.realpath(sys.argv[1])
assert where.startswith(expected + os.sep), f"onetrip imported from {where}, not under {expected}"
assert onetrip.__version__ == sys.argv[2], (onetrip.__version__, sys.argv[2])
assert onetrip._onetrip.__file__.startswith(os.path.dirname(onetrip.__file__))
china = onetrip.Calendar.china()
assert china.add_workdays(datetime.date(2017, 9, 29), 20) == datetime.date(2017, 11, 2)
yuyao = onetrip.Catalog.load(sys.argv[3])
assert yuyao.trips("road-excavation").trips == 3
for name in ("py.typed", "_onetrip.pyi", "dask.py"):
    assert os.path.isfile(os.path.join(os.path.dirname(onetrip.__file__), name)), name
print(f"onetrip {onetrip.__version__} from {where}: ok")
'
catalog=$source_dir/examples/yuyao-2017/catalog.json

# Debian's pip (python3-pip) runs in the environment through its system site-packages: the
# same pip as the one ensurepip would copy in, without the 10 s that copy takes.
"$python" -m venv --system-site-packages --without-pip "$work/venv"
venv_python=$work/venv/bin/python

# pip wheel: a platform wheel holding the compiled module, its declarations and the package.
"$venv_python" -m pip wheel -q --no-build-isolation --no-index --no-deps -w "$work/wheels" "$source_dir"
"$venv_python" - "$work/wheels" "$version" <<'PY'
import glob, os, sys, sysconfig, zipfile
wheels = glob.glob(os.path.join(sys.argv[1], "*.whl"))
assert len(wheels) == 1, wheels
name = os.path.basename(wheels[0])
tag = f"cp{sys.version_info[0]}{sys.version_info[1]}"
assert name.startswith(f"onetrip-{sys.argv[2]}-{tag}-{tag}-linux_"), f"not a platform wheel of this Python: {name}"
files = set(zipfile.ZipFile(wheels[0]).namelist())
needed = {"onetrip/_onetrip" + sysconfig.get_config_var("EXT_SUFFIX"), "onetrip/_onetrip.pyi", "onetrip/py.typed",
          "onetrip/__init__.py", "onetrip/dask.py"}
assert needed <= files, f"{name} lacks {sorted(needed - files)}"
print(f"{name}: {len(files)} files")
PY

# pip install . into the virtual environment; numpy and pandas come from Debian's site-packages.
"$venv_python" -m pip install -q --no-build-isolation --no-index "$source_dir"
(cd "$work" && "$venv_python" -c "$check" "$work/venv" "$version" "$catalog")
shown=$(cd "$work" && "$venv_python" -m pip show onetrip)
grep -qx "Version: $version" <<<"$shown" || { echo "pip show onetrip: $shown" >&2; exit 1; }

# cmake --install --component python: into the interpreter's site-packages (here under DESTDIR).
DESTDIR=$work/destdir cmake --install "$build" --component python >/dev/null
init=$(find "$work/destdir" -path '*/onetrip/__init__.py' | head -n 1)
[[ -n $init ]] || { echo "cmake --install --component python installed no package under $work/destdir" >&2; exit 1; }
site=$(dirname "$(dirname "$init")")
(cd "$work" && PYTHONPATH=$site "$python" -c "$check" "$site" "$version" "$catalog")
echo "pip wheel, pip install and cmake --install of the Python package: ok"
