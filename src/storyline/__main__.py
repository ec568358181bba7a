"""``python -m storyline``: the same CLI as the ``storyline`` command (for a venv whose scripts are not on PATH)."""
from storyline.cli import main

if __name__ == "__main__":
    main(prog_name="storyline")
