"""Package hygiene: the stubs cover the compiled module, public functions have docstrings."""
import ast
import inspect
import os

import libreserve as lr
from libreserve import _core

STUB = os.path.join(os.path.dirname(lr.__file__), "_core.pyi")


def _stub_names():
    tree = ast.parse(open(STUB, encoding="utf-8").read())
    names = {}
    for node in tree.body:
        if isinstance(node, (ast.FunctionDef, ast.ClassDef)):
            members = {n.name for n in getattr(node, "body", [])
                       if isinstance(n, ast.FunctionDef)}
            members |= {n.target.id for n in getattr(node, "body", [])
                        if isinstance(n, ast.AnnAssign)}
            names[node.name] = members
        elif isinstance(node, ast.AnnAssign):
            names[node.target.id] = set()
    return names


def test_every_compiled_name_has_a_stub():
    stubs = _stub_names()
    public = {n for n in dir(_core) if not n.startswith("_")} | {"__version__"}
    assert public - set(stubs) == set()
    # Every public attribute of every compiled class is in its stub.
    for name, members in stubs.items():
        obj = getattr(_core, name)
        if inspect.isclass(obj) and not issubclass(obj, BaseException):
            own = {m for m in vars(obj) if not m.startswith("__")} - {"_pybind11_conduit_v1_"}
            enum_members = set(getattr(obj, "__members__", {}))
            missing = own - members - enum_members - {"_repr_html_"} - {"name", "value"}
            assert missing == set(), (name, missing)


def test_public_functions_have_docstrings_and_keyword_defaults():
    for name in lr.__all__:
        obj = getattr(lr, name)
        if inspect.isfunction(obj):
            assert obj.__doc__ and len(obj.__doc__) > 30, name
    sig = inspect.signature(lr.load_zoning)
    for kw in ("layer", "zone_field", "zone_map", "encoding", "crs", "working_crs", "name"):
        assert sig.parameters[kw].kind is inspect.Parameter.KEYWORD_ONLY
        assert sig.parameters[kw].default is None
    assert inspect.signature(lr.area_m2).parameters["method"].default == "geodesic"
    assert inspect.signature(lr.check).parameters["profile"].default == "three-no"


def test_package_ships_typing_marker():
    assert os.path.exists(os.path.join(os.path.dirname(lr.__file__), "py.typed"))


def test_docstring_examples_run():
    import doctest
    import importlib

    # The package re-exports functions named like their modules (check, compare): import the
    # modules by name.
    names = ["area", "io", "zoning", "compare", "check", "conflicts", "maps"]
    modules = [lr] + [importlib.import_module(f"libreserve.{n}") for n in names]
    attempted = 0
    for module in modules:
        result = doctest.testmod(module, optionflags=doctest.ELLIPSIS)
        assert result.failed == 0, module.__name__
        attempted += result.attempted
    assert attempted >= 3  # the examples that do not need the sample files
