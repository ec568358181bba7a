"""The web interface: server-rendered pages and a read-only JSON API over the same store the CLI uses."""
from storyline.web.app import create_app

__all__ = ["create_app"]
