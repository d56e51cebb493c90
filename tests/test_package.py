"""The package's face: `from briefcast import ...` gives the library, lazily, and the README's example uses it alone."""
from __future__ import annotations

import ast
import re
import subprocess
import sys
from pathlib import Path

import briefcast

README = Path(__file__).resolve().parents[1] / "README.md"


def test_every_exported_name_resolves_to_its_home():
    assert set(briefcast.__all__) == {"__version__", *briefcast._HOMES}
    for name in briefcast.__all__:
        value = getattr(briefcast, name)
        if name != "__version__":
            assert value.__module__.startswith("briefcast."), (name, value)
    assert set(briefcast.__all__) <= set(dir(briefcast))


def test_an_unknown_name_is_an_attribute_error():
    try:
        briefcast.nothing_here  # noqa: B018
    except AttributeError as e:
        assert "nothing_here" in str(e)
    else:
        raise AssertionError("briefcast.nothing_here resolved")


def python(code: str) -> str:
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.strip()


def test_the_calls_keep_their_names_when_the_subpackages_were_imported_first():
    out = python("import briefcast.narrate.options, briefcast.transcribe.options, briefcast.cli\n"
                 "import briefcast, inspect\n"
                 "from briefcast import narrate, transcribe\n"
                 "print(inspect.isfunction(narrate), inspect.isfunction(transcribe), briefcast.narrate is narrate)")
    assert out == "True True True"


def test_import_briefcast_loads_nothing_of_the_library():
    out = python("import sys, briefcast; print(sorted(m for m in sys.modules if m.startswith('briefcast.')))")
    assert out == "[]"


def test_the_readme_library_example_imports_from_briefcast_alone():
    """tests/test_docs.py runs the example; here: it needs nothing but the package's face."""
    blocks = re.findall(r"^```python\n(.*?)^```", README.read_text(encoding="utf-8"), re.MULTILINE | re.DOTALL)
    assert blocks, "the README has a library example"
    imports = [node for node in ast.walk(ast.parse(blocks[0])) if isinstance(node, ast.Import | ast.ImportFrom)]
    assert imports
    for node in imports:
        assert isinstance(node, ast.ImportFrom) and node.module == "briefcast", ast.unparse(node)
        assert all(alias.name in briefcast.__all__ for alias in node.names), ast.unparse(node)
