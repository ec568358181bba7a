"""``python -m storyline``: the same CLI as the ``storyline`` command (for a venv whose scripts are not on PATH)."""
from storyline.cli.app import app

if __name__ == "__main__":
    app(prog_name="storyline")
