"""The command-line interface: thin commands over the core (Typer + Rich).

Each command lives in its own module and calls plain functions of the
package; only this layer prints.
"""
from __future__ import annotations

import sys

from storyline.cli.app import app, console
from storyline.cli.stdout import GuardedStdout, StdoutUnwritable, silence_stdout


def main(prog_name: str | None = None) -> None:
    sys.stdout = GuardedStdout(sys.stdout)
    try:
        try:
            app(prog_name=prog_name)
        finally:
            sys.stdout.flush()  # what a command printed without flushing fails here, not in the exit's own flush
    except StdoutUnwritable as exc:
        silence_stdout()
        console.print(f"[red]error:[/] standard output: cannot write there ({exc.strerror or exc})", highlight=False)
        raise SystemExit(2) from None


__all__ = ["app", "main"]
