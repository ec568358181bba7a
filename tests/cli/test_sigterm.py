"""SIGTERM (a service manager's stop, `kill`) stops `ingest`, `watch` and `refresh` as Ctrl-C does: what is stored is
kept and the user is told how to go on, instead of the process dying with the work in progress and no word (an
exploratory tester's: 0 articles kept after 30 s of an ingest, rc 143, no message)."""
from __future__ import annotations

import subprocess
import sys
import textwrap

# each command runs in a child whose costly step is replaced by one that sends the child SIGTERM: without the
# handling the child dies of the signal (-15), nothing is printed
CHILD = textwrap.dedent("""
    import os, signal, sys, time
    import storyline.cli.{module} as command
    import storyline.enrich as enrich
    import storyline.pipeline as pipeline

    def stopped(*args, **kwargs):
        os.kill(os.getpid(), signal.SIGTERM)
        time.sleep(30)  # the signal arrives while the work goes on
    {owner}.{step} = stopped
    {extra}
    from storyline.cli import main
    sys.argv = ["storyline", *sys.argv[1:]]
    main()
""")


def run_stopped(module: str, step: str, *args: str, extra: str = "", owner: str = "command"
                ) -> subprocess.CompletedProcess:
    """``owner`` holds ``step``: the command module, or ``pipeline`` for a step the command imports when it runs."""
    code = CHILD.format(module=module, step=step, extra=extra, owner=owner)
    return subprocess.run([sys.executable, "-c", code, module, *args], capture_output=True, text=True, timeout=600)


def test_sigterm_stops_an_ingest_as_ctrl_c_does(tmp_path):
    records = tmp_path / "a.jsonl"
    records.write_text('{"id": "a", "title": "Bridge", "text": "The bridge reopened on Monday."}\n')
    done = run_stopped("ingest", "run_ingest", str(records), "--db", str(tmp_path / "s.db"), "--quiet")
    assert done.returncode == 143, done.stderr
    assert "interrupted: 0 articles stored before the stop (kept)" in " ".join(done.stderr.split())
    assert "Traceback" not in done.stderr


def test_sigterm_stops_a_watch_cleanly(tmp_path):
    feed = tmp_path / "feed.rss"
    feed.write_text('<?xml version="1.0"?><rss version="2.0"><channel><title>Valley News</title></channel></rss>')
    done = run_stopped("watch", "watch_once", str(feed), "--db", str(tmp_path / "s.db"), "--quiet", owner="pipeline",
                       extra="enrich.Enricher.from_settings = staticmethod(lambda settings: None)")
    assert done.returncode == 0, done.stderr
    assert done.stderr.strip().endswith("stopped.") and "Traceback" not in done.stderr


def test_sigterm_stops_a_refresh_as_ctrl_c_does(tmp_path):
    from storyline.store import open_store
    open_store(str(tmp_path / "s.db")).close()
    done = run_stopped("refresh", "run_refresh", "--db", str(tmp_path / "s.db"), "--quiet")
    assert done.returncode == 143, done.stderr
    assert "interrupted: what was done is kept" in done.stderr and "Traceback" not in done.stderr


# the console script's own code (pip writes `from storyline.__main__ import main; sys.exit(main())`), with Ctrl-C
# sent to the child as its first heavy module starts loading: deterministic, where a timed signal flakes on a
# loaded machine
EARLY_CTRL_C = textwrap.dedent("""
    import os, signal, sys
    # Ctrl-C as a terminal delivers it: a shell that starts a job in the background (`make test &`, `nohup`) has
    # the child ignore SIGINT, and the signal sent below would be lost
    signal.signal(signal.SIGINT, signal.default_int_handler)

    class CtrlC:
        def find_spec(self, name, path=None, target=None):
            if name == "storyline.store":
                os.kill(os.getpid(), signal.SIGINT)
            return None
    sys.meta_path.insert(0, CtrlC())
    sys.argv = ["storyline", *sys.argv[1:]]
    from storyline.__main__ import main
    sys.exit(main())
""")


def test_ctrl_c_while_the_cli_starts_is_one_line_and_exit_130(tmp_path):
    """A tester's Ctrl-C in the first seconds (during the imports) printed a 43-line traceback and died of the signal."""
    db = tmp_path / "s.db"
    done = subprocess.run([sys.executable, "-c", EARLY_CTRL_C, "stories", "--db", str(db)],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 130, done.stderr
    assert done.stderr.splitlines() == ["interrupted: stopped while starting, before any work (nothing was stored)"]
    assert not db.exists()
