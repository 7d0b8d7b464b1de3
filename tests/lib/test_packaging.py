"""What ships and what a base install brings: the library, the app and the profile package, and no dev stack.

The tests marked ``packaging`` build the wheel from a copy of the project and install it in a fresh venv (slow: ``make
test`` runs them, ``make check`` does not); the others check the same promises on the source tree, in seconds.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tomllib
import zipfile
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

import pytest
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from paths import EXAMPLE_DIR, INVALID_DIR, ROOT

# What the wheel may hold at its top level, besides its .dist-info folder.
PACKAGES = ("srh_fhir", "smart_app")
# What a copy of the project for a build leaves out: not source, or made by the build (the .mo catalogues are
# compiled in the copy, as `make translations` does, since git ignores them).
NOT_SOURCE = shutil.ignore_patterns(
    ".git", ".venv", "node_modules", "build", "target", "*.egg-info", "__pycache__", ".*_cache", ".hypothesis", "*.mo"
)
DEV_STACK = {"devstack", "sandbox", "sandbox_ehr", "hapi", "tests", "tools", "bench"}
# The extras' top-level modules: none of them may be needed by the library.
EXTRAS_MODULES = ("flask", "flask_wtf", "flask_babel", "werkzeug", "wtforms", "cachelib", "redis", "fhir")


def run(command: list[str], cwd: Path, timeout: float = 600) -> subprocess.CompletedProcess[str]:
    """Runs a command away from the source tree, with no PYTHON* variables, so that nothing imports from it."""
    env = {name: value for name, value in os.environ.items() if not name.startswith("PYTHON")}
    return subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout, check=False)


def succeeded(result: subprocess.CompletedProcess[str]) -> bool:
    print(result.stdout, result.stderr, sep="\n")  # shown when the test fails
    return result.returncode == 0


def python_without_extras(code: str) -> subprocess.CompletedProcess[str]:
    """Python code run on the source tree with the extras' modules made unimportable."""
    block = f"import sys\nfor name in {EXTRAS_MODULES!r}:\n    sys.modules[name] = None\n"
    return subprocess.run(
        [sys.executable, "-c", block + code], cwd=ROOT, capture_output=True, text=True, timeout=120, check=False
    )


# --- on the source tree (fast) ------------------------------------------------------------------------------------


def test_pyproject_lists_every_package_of_the_source() -> None:
    setuptools = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]
    inits = [init for name in PACKAGES for init in (ROOT / name).rglob("__init__.py")]
    found = {".".join(init.parent.relative_to(ROOT).parts) for init in inits}
    assert set(setuptools["packages"]) == found | {"srh_fhir.profiles"}
    assert setuptools["package-dir"] == {"srh_fhir.profiles": "profiles"}


def test_every_module_of_the_library_imports_without_the_extras() -> None:
    code = (
        "import importlib, pkgutil, srh_fhir\n"
        "for module in pkgutil.walk_packages(srh_fhir.__path__, 'srh_fhir.'):\n"
        "    importlib.import_module(module.name)\n"
    )
    assert succeeded(python_without_extras(code))


def test_the_app_without_its_extra_says_which_extra_to_install() -> None:
    result = python_without_extras("import smart_app")
    assert result.returncode == 1
    assert "ModuleNotFoundError: the SRH SMART app needs flask: pip install 'srh-fhir[app]'" in result.stderr


# --- the wheel (slow) ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Build:
    source: Path  # the copy of the project the wheel was built from
    wheel: Path

    def names(self) -> set[str]:
        """The files of the wheel, without its .dist-info folder."""
        with zipfile.ZipFile(self.wheel) as archive:
            return {n for n in archive.namelist() if not n.split("/")[0].endswith(".dist-info")}


def compile_translations(folder: Path) -> None:
    for po in folder.glob("*/LC_MESSAGES/messages.po"):
        with po.open("rb") as source, po.with_suffix(".mo").open("wb") as target:
            write_mo(target, read_po(source))


@pytest.fixture(scope="module")
def build(tmp_path_factory: pytest.TempPathFactory) -> Build:
    source = tmp_path_factory.mktemp("source") / "srh-fhir"
    shutil.copytree(ROOT, source, ignore=NOT_SOURCE)
    compile_translations(source / "smart_app" / "translations")
    dist = tmp_path_factory.mktemp("dist")
    command = [sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "--wheel-dir", str(dist), str(source)]
    assert succeeded(run(command, cwd=dist))
    (wheel,) = dist.glob("*.whl")
    return Build(source, wheel)


def files(root: Path, *patterns: str) -> set[str]:
    return {p.relative_to(root).as_posix() for pattern in patterns for p in root.glob(pattern) if p.is_file()}


@pytest.mark.packaging
def test_the_wheel_holds_the_library_the_app_and_the_profile_package(build: Build) -> None:
    library = files(build.source, "srh_fhir/**/*.py", "srh_fhir/py.typed", "srh_fhir/validation/data/*")
    app = files(build.source, "smart_app/**/*.py", "smart_app/templates/**/*", "smart_app/static/**/*")
    catalogues = {f"smart_app/translations/{language}/LC_MESSAGES/messages.mo" for language in ("nl", "en")}
    package = files(build.source, "profiles/*.py", "profiles/README.md", "profiles/package/**/*", "profiles/schemas/*")
    profiles = {f"srh_fhir/{name}" for name in package}  # shipped as srh_fhir.profiles
    assert build.names() == library | app | catalogues | profiles


@pytest.mark.packaging
def test_the_wheel_holds_no_dev_stack_tests_or_java(build: Build) -> None:
    names = build.names()
    assert {n.split("/")[0] for n in names} == set(PACKAGES)
    assert [n for n in names if DEV_STACK & set(PurePosixPath(n).parts)] == []
    assert [n for n in names if n.endswith((".java", ".jar", "pom.xml"))] == []


def fresh_venv(tmp_path_factory: pytest.TempPathFactory, requirement: str) -> Path:
    """A new venv (no system site-packages) with ``requirement`` installed; the dependencies come from the package
    index or pip's cache."""
    venv = tmp_path_factory.mktemp("venv") / "venv"
    assert succeeded(run([sys.executable, "-m", "venv", str(venv)], cwd=venv.parent))
    assert succeeded(run([str(venv / "bin" / "python"), "-m", "pip", "install", "--quiet", requirement], venv))
    return venv


@pytest.fixture(scope="module")
def base_venv(build: Build, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return fresh_venv(tmp_path_factory, str(build.wheel))


@pytest.fixture(scope="module")
def app_venv(build: Build, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return fresh_venv(tmp_path_factory, f"{build.wheel}[app]")


def in_venv(venv: Path, program: str, *args: str) -> subprocess.CompletedProcess[str]:
    return run([str(venv / "bin" / program), *args], cwd=venv, timeout=120)


@pytest.mark.packaging
def test_the_base_install_imports_the_library_and_not_flask(base_venv: Path) -> None:
    library = in_venv(base_venv, "python", "-c", "import srh_fhir, srh_fhir.models; print(srh_fhir.__file__)")
    assert succeeded(library)
    assert Path(library.stdout.strip()).is_relative_to(base_venv)  # the installed wheel, not the source tree
    flask = in_venv(base_venv, "python", "-c", "import flask")
    assert flask.returncode == 1
    assert "ModuleNotFoundError: No module named 'flask'" in flask.stderr


@pytest.mark.packaging
def test_the_base_install_validates_from_the_command_line(base_venv: Path) -> None:
    valid = in_venv(base_venv, "srh-fhir", "validate", str(EXAMPLE_DIR / "RelatedPerson-ingrid-church-els.json"))
    assert succeeded(valid)
    assert "1 resources: 1 valid" in valid.stdout
    invalid = in_venv(base_venv, "srh-fhir", "validate", str(INVALID_DIR / "srh-goal" / "goal-without-own-words.json"))
    assert invalid.returncode == 1
    assert "srh-goal-1" in invalid.stdout  # a rule of the shipped profile package


@pytest.mark.packaging
def test_the_base_install_names_the_extra_the_app_and_the_models_need(base_venv: Path) -> None:
    app = in_venv(base_venv, "python", "-c", "import smart_app")
    assert app.returncode == 1
    assert "pip install 'srh-fhir[app]'" in app.stderr
    code = (
        "import json; from srh_fhir import from_fhir; from srh_fhir.models import to_model\n"
        "from srh_fhir.profiles import EXAMPLE_DIR\n"
        "to_model(from_fhir(json.loads((EXAMPLE_DIR / 'RelatedPerson-ingrid-church-els.json').read_text())))\n"
    )
    models = in_venv(base_venv, "python", "-c", code)
    assert models.returncode == 1
    assert "pip install 'srh-fhir[models]'" in models.stderr


@pytest.mark.packaging
def test_the_app_extra_brings_everything_the_app_imports(app_venv: Path) -> None:
    code = (
        "import importlib, pkgutil, smart_app\n"
        "for module in pkgutil.walk_packages(smart_app.__path__, 'smart_app.'):\n"
        "    importlib.import_module(module.name)\n"
        "print(smart_app.__file__)\n"
    )
    app = in_venv(app_venv, "python", "-c", code)
    assert succeeded(app)
    assert Path(app.stdout.strip()).is_relative_to(app_venv)
