"""macros/ is layered, and the requirements say what runs.

data (files -> validated catalog) and cache are at the bottom; charts and publish build on data;
build puts them together for one build; site makes pages from a build; mkdocs_hooks (the MkDocs plugin, the only module
that imports MkDocs) and the mkdocs-macros entry point sit on top. A lower layer never imports a
higher one, charts and publish never import each other, there are no import cycles, and no
module keeps state or reads the environment at import time.
"""

from __future__ import annotations

import ast
import importlib.metadata
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MACROS = ROOT / "macros"
LAYER = {"cache": 0, "data": 0, "charts": 1, "publish": 1, "drafts": 1, "build": 2, "site": 3, "mkdocs_hooks": 4, "__init__": 4}


def modules() -> dict[str, ast.Module]:
    return {
        ".".join(p.relative_to(ROOT).with_suffix("").parts).removesuffix(".__init__"): ast.parse(p.read_text(encoding="utf-8")) for p in MACROS.rglob("*.py")
    }


def imports(tree: ast.Module) -> set[str]:
    """Every module an import statement names, at any depth (function-level imports count too)."""
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found |= {a.name for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
            found |= {f"{node.module}.{a.name}" for a in node.names}
    return found


def layer(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "__init__"


def test_no_layer_imports_a_higher_one() -> None:
    mods = modules()
    wrong = []
    for name, tree in mods.items():
        for target in imports(tree) & mods.keys():
            if target == "macros" or layer(target) == layer(name):
                continue
            if LAYER[layer(target)] >= LAYER[layer(name)]:
                wrong.append(f"{name} imports {target}")
    assert not wrong, wrong


def test_only_the_plugin_knows_mkdocs() -> None:
    users = sorted(name for name, tree in modules().items() if any(i == "mkdocs" or i.startswith("mkdocs.") for i in imports(tree)))
    assert users == ["macros.mkdocs_hooks"]


def test_no_import_cycles() -> None:
    mods = modules()
    graph = {name: {t for t in imports(tree) & mods.keys() if t != "macros" and t != name} for name, tree in mods.items()}
    state: dict[str, int] = {}

    def visit(node: str, path: list[str]) -> None:
        state[node] = 1
        for nxt in graph[node]:
            assert state.get(nxt) != 1, " -> ".join([*path, node, nxt])
            if nxt not in state:
                visit(nxt, [*path, node])
        state[node] = 2

    for name in graph:
        if name not in state:
            visit(name, [])


MUTABLE_CALLS = {"dict", "list", "set", "bytearray", "defaultdict", "OrderedDict", "Counter", "deque"}


def mutable(value: ast.expr | None) -> bool:
    """A module-level value that is made to grow: a list or set (display, comprehension or call), an
    empty dict, or a dict made by a comprehension or a call (a dict display with keys is a constant table)."""
    if isinstance(value, ast.List | ast.Set | ast.ListComp | ast.SetComp | ast.DictComp):
        return True
    if isinstance(value, ast.Dict):
        return not value.keys
    if isinstance(value, ast.Call):
        func = value.func
        return (func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else "") in MUTABLE_CALLS
    return False


def test_the_mutable_value_check_knows_each_kind() -> None:
    for text in ("[]", "[1]", "{1}", "{}", "dict()", "set()", "list(x)", "collections.defaultdict(list)", "[a for a in b]", "{a: 1 for a in b}"):
        assert mutable(ast.parse(text, mode="eval").body), text
    for text in ("()", "(1,)", "{'a': 1}", "frozenset({1})", "re.compile('x')", "tuple(x)", "'x'"):
        assert not mutable(ast.parse(text, mode="eval").body), text


def test_no_module_state_and_no_environment_read_at_import() -> None:
    found = []
    for name, tree in modules().items():
        for node in ast.walk(tree):
            if isinstance(node, ast.Global):
                found.append(f"{name}: global {', '.join(node.names)}")
        for node in tree.body:  # module level
            if isinstance(node, ast.Assign | ast.AnnAssign) and mutable(node.value):
                found.append(f"{name}:{node.lineno} keeps a mutable list, set or dict")
            if not isinstance(node, ast.FunctionDef | ast.ClassDef) and ("environ" in ast.unparse(node) or "getenv" in ast.unparse(node)):
                found.append(f"{name}:{node.lineno} reads the environment at import")
    assert not found, found


# installed for libraries the build uses, which import them when present
USED_BY_LIBRARIES = {"lxml": "openpyxl writes large workbooks faster with it"}


def test_runtime_requirements_are_what_the_build_imports() -> None:
    """requirements.in lists the distributions macros/ imports and mkdocs.yml names (theme,
    plugins, Markdown extensions), and setuptools, which installs the plugin; nothing else."""
    owners = importlib.metadata.packages_distributions()
    tops = {i.split(".")[0] for tree in modules().values() for i in imports(tree)} - {"macros", *sys.stdlib_module_names}
    imported = {owners[top][0].lower() for top in tops}
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    named = {"mkdocs", "mkdocs-material", "mkdocs-macros-plugin", "pymdown-extensions"}
    assert re.search(r"^\s*name: material", config, re.M) and "- macros:" in config and "pymdownx." in config
    required = {
        line.split("==")[0].lower() for line in (ROOT / "requirements.in").read_text(encoding="utf-8").splitlines() if line and not line.startswith("#")
    }
    assert required == imported | named | set(USED_BY_LIBRARIES) | {"setuptools"}, (required - imported - named, imported - required)
    dev = {
        line.split("==")[0].lower()
        for line in (ROOT / "requirements-dev.in").read_text(encoding="utf-8").splitlines()
        if line and not line.startswith(("#", "-"))
    }
    assert not dev & required, "a package is pinned once"
    for lock in ("requirements.txt", "requirements-dev.txt"):
        pins = re.findall(r"^([a-z0-9._-]+)==\S+ \\\n((?:\s+--hash=sha256:[0-9a-f]{64}(?: \\)?\n)+)", (ROOT / lock).read_text(encoding="utf-8"), re.M)
        assert len(pins) == len(re.findall(r"^[a-z0-9._-]+==", (ROOT / lock).read_text(encoding="utf-8"), re.M)), f"every pin in {lock} has hashes"


def test_the_plugin_is_installed_by_its_entry_point() -> None:
    (entry,) = [e for e in importlib.metadata.entry_points(group="mkdocs.plugins") if e.name == "shanghe"]
    assert entry.value == "macros.mkdocs_hooks:SitePlugin"
    assert re.search(r"^plugins:\n(?:(?:  .*)?\n)*  - shanghe:", (ROOT / "mkdocs.yml").read_text(encoding="utf-8"), re.M), "mkdocs.yml uses it"


def test_no_module_keeps_a_yaml_constructor() -> None:
    """A PyYAML loader or constructor keeps every node it constructs: one held by a module grows with
    every load (69 nodes after one, 138 after two), so each value gets its own."""
    import importlib

    import yaml

    kept = []
    for name in modules():
        module = importlib.import_module(name)
        kept += [f"{name}.{attr}" for attr, value in vars(module).items() if isinstance(value, yaml.constructor.BaseConstructor)]
    assert not kept, kept
