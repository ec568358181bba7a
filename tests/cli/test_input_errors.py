"""A user's mistake about an input is one line, "error: <input>: <reason>", and exit 2: never a traceback."""
import json
import os

import pytest
from typer.testing import CliRunner

from storyline.cli import app

from ..conftest import merged_story_db

runner = CliRunner()


def assert_error(result, names: str, reason: str) -> None:
    assert result.exit_code == 2 and isinstance(result.exception, SystemExit), result.output
    assert "Traceback" not in result.output
    assert f"error: {names}" in result.output and reason in " ".join(result.output.split()), result.output


@pytest.mark.parametrize("where, reason", [("folder", "Is a directory"), ("missing/x.json", "No such file")])
def test_export_to_a_path_it_cannot_write(tmp_path, where, reason):
    db = merged_story_db(tmp_path)
    (tmp_path / "folder").mkdir()
    out = tmp_path / where
    assert_error(runner.invoke(app, ["export", "--db", db, "--out", str(out)]), f"{out}: cannot write there", reason)


def jsonl(tmp_path, name: str, *lines: str):
    path = tmp_path / name
    path.write_text("".join(f"{line}\n" for line in lines))
    return path


CLUSTERING = json.dumps({"id": "a1", "cluster": "c1", "title": "T", "text": "Some text."})


@pytest.mark.parametrize("command, lines, reason", [
    (["eval", "summaries"], [], "no records to score"),
    (["eval", "summaries"], ["not json"], "1: not JSON"),
    (["eval", "summaries"], [CLUSTERING], "1: a record needs an `articles` list"),
    (["eval", "facts"], ["plain text, not JSON"], "1: not JSON"),
    (["eval", "facts"], [CLUSTERING], "1: an item needs `split`, `kind`, `gold`"),
    (["eval", "facts"], [], "no items"),
    (["train", "clustering"], [json.dumps({"id": "a1", "text": "no cluster"})], "1: a gold record needs an `id` and a `cluster`"),
])
def test_gold_files_that_are_not_what_the_command_reads(tmp_path, command, lines, reason):
    path = jsonl(tmp_path, "data.jsonl", *lines)
    assert_error(runner.invoke(app, [*command, str(path)]), str(path), reason)


def test_eval_quotes_on_a_folder_without_polnear_data(tmp_path):
    assert_error(runner.invoke(app, ["eval", "quotes", str(tmp_path)]), str(tmp_path),
                 "expected text/ and attributions/ folders")


def test_a_corrupt_gzip_and_non_text_articles_are_error_lines_not_tracebacks(tmp_path):
    import gzip as gz

    good = json.dumps({"articles": [{"title": "t", "text": "Some words here."}], "summary": "Words."}) + "\n"
    packed = bytearray(gz.compress(good.encode() * 50))
    packed[12] ^= 0xFF  # a corrupt deflate stream: zlib.error, not an OSError
    corrupt = tmp_path / "zerr.jsonl.gz"
    corrupt.write_bytes(bytes(packed))
    numbers = tmp_path / "numbers.jsonl"
    numbers.write_text(json.dumps({"articles": [{"text": 5}], "summary": "x"}) + "\n")
    for path, reason in ((corrupt, "cannot be read"), (numbers, "must be text")):
        result = runner.invoke(app, ["eval", "summaries", str(path)])
        assert result.exit_code == 2 and f"{path}" in result.output and reason in result.output, result.output


def test_ctrl_c_during_ingest_says_what_was_stored_and_that_running_it_again_finishes(tmp_path, monkeypatch):
    import storyline.pipeline as pipeline  # (the command imports it when run: patched there)
    from ..conftest import FIXTURES

    texts = sorted((FIXTURES / "text").glob("*.txt"))[:2]
    real = pipeline.ingest

    def interrupted(paths, store, settings, **kwargs):
        real([str(texts[0])], store, settings, **kwargs)  # one article stored, then Ctrl-C
        raise KeyboardInterrupt
    monkeypatch.setattr(pipeline, "ingest", interrupted)
    db = tmp_path / "s.db"
    result = runner.invoke(app, ["ingest", *map(str, texts), "--db", str(db), "--quiet"])
    from storyline.store import open_store
    store = open_store(str(db))
    stored = store.counts()["articles"]
    store.close()
    assert result.exit_code == 130 and stored > 0
    said = " ".join(result.output.split())
    assert f"interrupted: {stored} articles stored before the stop (kept)" in said and "same command again" in said


def test_a_file_name_holding_an_escape_sequence_is_shown_escaped(tmp_path):
    # the exploratory test of session 20: the name's ANSI colour and window-title sequences reached the terminal
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "bin\x1b[31mRED\x1b]0;pwned\x07.txt").write_bytes(b"\x00\x01\x02" * 100)
    result = runner.invoke(app, ["ingest", str(folder), "--db", str(tmp_path / "s.db")])
    assert "\x1b" not in result.output and "\x07" not in result.output
    assert "bin\\x1b[31mRED\\x1b]0;pwned\\x07.txt" in result.output


def test_a_damaged_gzip_is_named_as_such_not_as_empty(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "garbage.json.gz").write_bytes(b"\x1f\x8b\x08\x00garbage")
    result = runner.invoke(app, ["ingest", str(folder), "--db", str(tmp_path / "s.db")])
    output = " ".join(result.output.split())
    assert "garbage.json.gz: not a valid gzip file" in output and "file is empty" not in output


def test_extract_names_each_entry_of_a_directory_that_is_not_a_regular_file(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "dangling.txt").symlink_to(tmp_path / "gone.txt")
    os.mkfifo(folder / "pipe.html")
    result = runner.invoke(app, ["extract", str(folder)])
    assert result.exit_code == 1 and "Traceback" not in result.output
    lines = " ".join(result.output.split())
    assert f"skipped: {folder / 'dangling.txt'}: a symbolic link to a file that does not exist" in lines
    assert f"skipped: {folder / 'pipe.html'}: not a regular file (a named pipe)" in lines


def test_a_warc_with_a_huge_bad_line_gets_one_short_message(tmp_path):
    """The whole 3 MB first bad line used to be quoted on stderr."""
    from ..ingest.test_warc import PAGE
    from ..ingest.warcs import write_warc

    good = write_warc(tmp_path / "good.warc", [(f"https://example.com/{n}", "2024-01-01T00:00:00Z", PAGE)
                                               for n in range(2)], gzip=False, extras=False)
    junk = tmp_path / "junk.warc"
    junk.write_bytes(good.read_bytes() + b"X" * 3_000_000 + b"\n")
    result = runner.invoke(app, ["extract", str(junk), "--format", "jsonl"])
    [said] = [line for line in result.output.splitlines() if "not a valid WARC file" in line]
    assert len(said) < 300 and "damaged after 2 pages" in said


def test_a_page_nested_past_the_parsers_limit_is_refused_naming_the_depth(tmp_path):
    """It was "no article text found in the HTML page", which has one."""
    body = ("The Harlow Street bridge collapsed on Tuesday night in Dunmore, killing 12 people, officials said. "
            "Rescuers searched the river for hours while the mayor promised an inquiry. ") * 3
    page = tmp_path / "deep.html"
    page.write_text(f"<html><body>{'<div>' * 300}<p>{body}</p>{'</div>' * 300}</body></html>")
    result = runner.invoke(app, ["extract", str(page)])
    assert "page nests HTML elements 256 deep, the HTML parser's limit" in result.output
    assert "no article text" not in result.output


@pytest.mark.parametrize("interval", ["1e12", "inf"])
def test_a_watch_interval_too_long_to_sleep_is_refused_at_start(tmp_path, interval):
    # accepted, it ended the watch with an OverflowError traceback when the first poll was done
    feed = tmp_path / "f.rss"
    feed.write_text('<?xml version="1.0"?><rss version="2.0"><channel><title>T</title></channel></rss>')
    result = runner.invoke(app, ["watch", str(feed), "--interval", interval, "--db", str(tmp_path / "w.db")])
    assert result.exit_code == 2 and "--interval" in result.output, result.output
    assert not (tmp_path / "w.db").exists()


@pytest.mark.parametrize("command", ["extract", "quotes", "timex", "ingest"])
def test_a_missing_input_is_a_usage_error_for_every_command_that_reads_inputs(tmp_path, command):
    """Tester s35 #1: `extract`, `quotes` and `timex` said "skipped: typo.txt: no such file or directory" and exit 1
    (as for an input that gave no article), where `ingest` errs with exit 2: a mistyped path is a usage error."""
    missing = [str(tmp_path / "typo.txt"), str(tmp_path / "gone")]
    extra = ["--db", str(tmp_path / "s.db")] if command == "ingest" else []
    result = runner.invoke(app, [command, *missing, *extra])
    assert_error(result, f"{missing[0]}, {missing[1]}", "no such file or directory; nothing")
    assert not (tmp_path / "s.db").exists()


def test_beside_an_input_that_exists_a_missing_one_is_named_and_the_rest_is_extracted(tmp_path):
    page = tmp_path / "fire.txt"
    page.write_text("Three firefighters were hurt when a timber warehouse on Quay Street in Valehaven caught fire on "
                    "Monday morning, the fire service said. Crews from four stations fought the blaze for six hours.")
    result = runner.invoke(app, ["extract", str(tmp_path / "typo.txt"), str(page)])
    assert result.exit_code == 0, result.output
    assert f"skipped: {tmp_path / 'typo.txt'}: no such file or directory" in " ".join(result.output.split())
    assert [json.loads(line)["source"] for line in result.stdout.splitlines() if line.startswith("{")] == [str(page)]


def test_ingest_into_a_log_writes_no_empty_line_for_its_progress_bar(tmp_path):
    """Tester s35: with stderr no terminal (a log file, journald), the progress bar drew nothing but an empty line
    before the report, at each `ingest` and each poll of `watch`."""
    folder = tmp_path / "empty"
    folder.mkdir()
    result = runner.invoke(app, ["ingest", str(folder), "--db", str(tmp_path / "s.db")])
    assert result.exit_code == 1 and result.stderr.startswith("skipped: "), repr(result.stderr[:80])
