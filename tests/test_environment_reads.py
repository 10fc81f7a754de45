"""Only marketplace/settings.py reads the environment, in domain/, marketplace/ and web/.

Everything else gets its settings handed down (`Settings` -> `bootstrap`, `create_app`),
so a test configures the app by building a `Settings`, never by patching os.environ.
The check reads each module's syntax tree, so an alias (`import os as o`, `from os import
environ as env`) is seen too.
"""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LAYERS = ("domain", "marketplace", "web")
THE_SETTINGS_MODULE = "marketplace/settings.py"
# What reads (or writes) the process environment in the os module.
ENVIRONMENT = {"environ", "environb", "getenv", "getenvb", "putenv", "unsetenv"}


def environment_reads(source: str, path: str = "<source>") -> list[str]:
    """`line: what` for each place a module touches the environment through os."""
    tree = ast.parse(source, filename=path)
    modules: set[str] = set()  # names the os module is bound to here
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            modules |= {alias.asname or alias.name for alias in node.names
                        if alias.name == "os"}
        elif isinstance(node, ast.ImportFrom) and node.module == "os":
            found += [f"{node.lineno}: from os import {alias.name}" for alias in node.names
                      if alias.name in ENVIRONMENT or alias.name == "*"]
    for node in ast.walk(tree):
        if (isinstance(node, ast.Attribute) and node.attr in ENVIRONMENT
                and isinstance(node.value, ast.Name) and node.value.id in modules):
            found.append(f"{node.lineno}: {node.value.id}.{node.attr}")
    return sorted(found)


def test_the_check_sees_every_way_to_read_the_environment() -> None:
    assert environment_reads("import os\nkey = os.environ.get('K')\n") == ["2: os.environ"]
    assert environment_reads("import os as o\nkey = o.getenv('K')\n") == ["2: o.getenv"]
    assert environment_reads("from os import environ as env\n") == ["1: from os import environ"]
    assert environment_reads("from os import *\n") == ["1: from os import *"]
    assert environment_reads("def f():\n    import os\n    os.putenv('K', 'v')\n") == [
        "3: os.putenv"]


def test_the_check_leaves_other_uses_of_os_alone() -> None:
    source = "import os\nfrom os import path\nos.path.join('a', 'b')\nsettings.environ\n"
    assert environment_reads(source) == []


def test_only_the_settings_module_reads_the_environment() -> None:
    breaches = {}
    for layer in LAYERS:
        for path in sorted((ROOT / layer).rglob("*.py")):
            name = path.relative_to(ROOT).as_posix()
            if name == THE_SETTINGS_MODULE:
                continue
            reads = environment_reads(path.read_text(), name)
            if reads:
                breaches[name] = reads
    assert breaches == {}, f"read the environment in {THE_SETTINGS_MODULE} only: {breaches}"


def test_the_settings_module_is_where_the_environment_is_read() -> None:
    # Were it renamed, the test above would exempt nothing and pass for the wrong reason.
    source = (ROOT / THE_SETTINGS_MODULE).read_text()
    assert environment_reads(source, THE_SETTINGS_MODULE) != []
