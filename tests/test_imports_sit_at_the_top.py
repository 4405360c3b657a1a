"""The project's own modules import each other at the top of the file, never inside a function
(where an import would hide a cycle), and no module imports itself back through others.

Allowed: Django's `AppConfig.ready()`, where modules that use models are imported once the apps
are ready, and the settings modules, which choose what to import from the environment.
"""

import ast
import graphlib
from pathlib import Path

import grimp
import pytest

PROJECT = Path(__file__).resolve().parent.parent
PACKAGES = {"home": "home", "programmes": "programmes", "enrolment": "enrolment", "demo": "demo"}
PACKAGES["site"] = "mops_site"
PROJECT_IMPORTS = {*PACKAGES.values(), "tests"}


def project_modules():
    for folder in PACKAGES:
        for path in sorted((PROJECT / folder).rglob("*.py")):
            if "migrations" not in path.parts and "settings" not in path.parts:
                yield path


def imported_names(node):
    if isinstance(node, ast.ImportFrom):
        return [node.module or ""] if node.level == 0 else ["." * node.level]
    return [alias.name for alias in node.names]


def is_project_import(name):
    return name.startswith(".") or name.split(".")[0] in PROJECT_IMPORTS


def imports_inside_functions(tree):
    found = []
    for function in ast.walk(tree):
        if not isinstance(function, ast.FunctionDef | ast.AsyncFunctionDef):
            continue
        if function.name == "ready":
            continue
        for node in ast.walk(function):
            if isinstance(node, ast.Import | ast.ImportFrom):
                found += [
                    f"line {node.lineno}: {name}"
                    for name in imported_names(node)
                    if is_project_import(name)
                ]
    return found


def test_no_module_of_the_project_imports_the_project_inside_a_function():
    offenders = {}
    for path in project_modules():
        found = imports_inside_functions(ast.parse(path.read_text(), filename=str(path)))
        if found:
            offenders[str(path.relative_to(PROJECT))] = found
    assert offenders == {}


def test_the_check_finds_an_import_hidden_in_a_function():
    source = "def view():\n    from programmes.models import Edition\n    return Edition\n"
    assert imports_inside_functions(ast.parse(source)) == ["line 2: programmes.models"]


def test_no_module_imports_itself_back_through_others():
    graph = grimp.build_graph(*PACKAGES.values(), cache_dir=None)
    imports = {module: graph.find_modules_directly_imported_by(module) for module in graph.modules}
    try:
        graphlib.TopologicalSorter(imports).prepare()
    except graphlib.CycleError as error:
        pytest.fail(f"import cycle: {' -> '.join(error.args[1])}")
