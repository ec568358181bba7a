"""The ``storyline`` command's entry point, and ``python -m storyline`` (for a venv whose scripts are not on PATH).

It imports nothing heavy itself, so that a Ctrl-C while the CLI's modules load (typer, rich, the store, numpy:
seconds on a loaded machine) is caught here: one line and exit code 130, as a Ctrl-C later gives, not a Python
traceback of the imports and a death by the signal.
"""
from __future__ import annotations

import signal
import sys

INTERRUPTED = 128 + signal.SIGINT  # as a shell reports a command stopped by Ctrl-C


def main(prog_name: str | None = None) -> None:
    try:
        from storyline.cli import main as run_cli
    except KeyboardInterrupt:
        sys.stderr.write("interrupted: stopped while starting, before any work (nothing was stored)\n")
        raise SystemExit(INTERRUPTED) from None
    run_cli(prog_name=prog_name or "storyline")


if __name__ == "__main__":
    main()
