"""README's Python example runs as written, and prints what it promises (a story of both reports)."""
from __future__ import annotations

import contextlib
import io
import re
from pathlib import Path

README = (Path(__file__).parents[1] / "README.md").read_text()
MARKER = "<!-- library example: tests/test_library_example.py runs this block -->"
EXAMPLE_DB = "/tmp/storyline-example.db"


def library_example() -> str:
    after = README[README.index(MARKER) + len(MARKER):]
    return re.match(r"\s*```python\n(.*?)```", after, re.S).group(1)


def test_the_readme_library_example_runs_and_groups_both_reports(tmp_path, monkeypatch):
    for name in [n for n in __import__("os").environ if n.startswith("STORYLINE_")]:
        monkeypatch.delenv(name)  # the example's Settings.from_env(): the defaults
    code = library_example()
    assert code.count(EXAMPLE_DB) == 1
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed):
        exec(compile(code.replace(EXAMPLE_DB, str(tmp_path / "example.db")), "README.md", "exec"), {})
    lines = printed.getvalue().splitlines()
    assert re.fullmatch(r".*(Quay Street|firefighters).* 2", lines[0], re.I), lines  # one story of both reports
    assert "  Harbour Voice ('Sam Reid',) 2026-11-23T14:05:00+00:00" in lines  # one author, not four letters
    assert "  Valehaven Courier ('Jane Doe',) None" in lines  # the byline's author and outlet
    assert any("[" in line and "harbour-voice-1" in line for line in lines[3:])  # a summary line cites it
