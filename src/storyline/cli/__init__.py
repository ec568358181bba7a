"""The command-line interface: thin commands over the core (Typer + Rich).

Each command lives in its own module and calls plain functions of the
package; only this layer prints.
"""
from __future__ import annotations

from storyline.cli.app import app


def main() -> None:
    app()


__all__ = ["app", "main"]
