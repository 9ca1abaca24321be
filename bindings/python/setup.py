# SPDX-License-Identifier: MIT
"""Builds the nercore package: the extension nercore._core with CMake (the whole project, two
directories up), the pure-Python files of nercore/, and the gazetteers as package data
(nercore/data/gazetteers/fr, which Pipeline.bundled() finds).

Environment: CMAKE_BUILD_PARALLEL_LEVEL (jobs), NERCORE_CMAKE_ARGS (extra configure arguments),
NERCORE_BUILD_TYPE (Release).
"""

import os
import pathlib
import re
import shlex
import shutil
import subprocess
import sys

from setuptools import Extension, setup
from setuptools.command.build_ext import build_ext
from setuptools.command.build_py import build_py

HERE = pathlib.Path(__file__).resolve().parent
ROOT = HERE.parent.parent


def project_version() -> str:
    text = (ROOT / "CMakeLists.txt").read_text(encoding="utf-8")
    match = re.search(r"project\(nercore\s+VERSION\s+([0-9.]+)", text)
    return match.group(1) if match else "0.0.0"


class CMakeExtension(Extension):
    def __init__(self, name: str) -> None:
        super().__init__(name, sources=[])


class CMakeBuild(build_ext):
    """Configures the project with only the Python module, builds it, copies it into place."""

    def build_extension(self, ext: Extension) -> None:
        target = pathlib.Path(self.get_ext_fullpath(ext.name)).resolve()
        build_dir = pathlib.Path(self.build_temp).resolve() / "cmake"
        configure = [
            "cmake", "-S", str(ROOT), "-B", str(build_dir),
            f"-DCMAKE_BUILD_TYPE={os.environ.get('NERCORE_BUILD_TYPE', 'Release')}",
            "-DNERCORE_BUILD_PYTHON=ON", "-DNERCORE_BUILD_TESTS=OFF",
            "-DNERCORE_BUILD_EXAMPLES=OFF", "-DNERCORE_BUILD_C_API=OFF", "-DNERCORE_INSTALL=OFF",
            f"-DPython3_EXECUTABLE={sys.executable}",
            # A wheel must not depend on the source tree: the gazetteers are package data.
            "-DNERCORE_PYTHON_COMPILED_GAZETTEERS=",
        ]
        if shutil.which("ninja"):
            configure += ["-G", "Ninja"]
        configure += shlex.split(os.environ.get("NERCORE_CMAKE_ARGS", ""))
        subprocess.run(configure, check=True)
        build = ["cmake", "--build", str(build_dir), "--target", "nercore_python"]
        if "CMAKE_BUILD_PARALLEL_LEVEL" not in os.environ:
            build += ["-j", str(os.cpu_count() or 2)]
        subprocess.run(build, check=True)
        built = list((build_dir / "bindings" / "python" / "nercore").glob("_core*.so"))
        if len(built) != 1:
            raise RuntimeError(f"expected one built extension, found {built}")
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(built[0], target)


class BuildPyWithGazetteers(build_py):
    """Adds the project's gazetteers to the package as nercore/data/gazetteers."""

    def run(self) -> None:
        super().run()
        data = pathlib.Path(self.build_lib) / "nercore" / "data" / "gazetteers"
        if data.exists():
            shutil.rmtree(data)
        shutil.copytree(ROOT / "gazetteers", data)


setup(
    version=project_version(),
    packages=["nercore"],
    package_data={"nercore": ["py.typed", "*.pyi"]},
    ext_modules=[CMakeExtension("nercore._core")],
    cmdclass={"build_ext": CMakeBuild, "build_py": BuildPyWithGazetteers},
    zip_safe=False,
)
