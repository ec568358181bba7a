"""Headlines that end in a full stop (AllSides/NeuS style) in plain text: how many are read as headlines when written
above their text, and how many untitled texts' first paragraphs are taken for one (``extract.plaintext``).

    PYTHONPATH=src .venv/bin/python benchmarks/plaintext_stopped_headlines.py ../shared/data

Reads summaries/neus-dev.jsonl.gz and summaries/multinews-dev.jsonl.gz (records of ``articles`` [{title, text}]) and
clustering/dev.jsonl.gz (records of title, text). Prints the counts and every distinct untitled first paragraph taken
for a headline ending in a full stop, to be read by hand.
"""
import gzip
import json
import sys
from pathlib import Path

from storyline.extract.plaintext import parse_plain_text


def articles(data: Path):
    for name in ("summaries/neus-dev.jsonl.gz", "summaries/multinews-dev.jsonl.gz", "clustering/dev.jsonl.gz"):
        with gzip.open(data / name, "rt") as fh:
            for line in fh:
                record = json.loads(line)
                for article in record.get("articles") or [record]:
                    yield (article.get("title") or "").strip(), article["text"]


def main() -> None:
    stopped = recovered = 0
    taken: dict[str, str] = {}
    for title, text in articles(Path(sys.argv[1])):
        if title.endswith("."):
            stopped += 1
            pieces = parse_plain_text(f"{title}\n\n{text}")
            recovered += bool(pieces) and pieces[0].title == title
        pieces = parse_plain_text(text)
        if pieces and pieces[0].title and pieces[0].title.endswith("."):
            taken.setdefault(pieces[0].title, pieces[0].text[:80].replace("\n", " "))
    print(json.dumps({"headlines_ending_in_a_full_stop": stopped, "read_as_headlines": recovered,
                      "untitled_first_paragraphs_taken_distinct": len(taken)}))
    for title, text in taken.items():
        print(f"{title!r} || {text}")


if __name__ == "__main__":
    main()
