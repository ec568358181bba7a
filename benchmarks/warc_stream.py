"""WARC reading: pages per second and peak memory of ``storyline.ingest.warc.read_warc``.

Builds a gzipped WARC from the real pages of a ScrapingHub-layout directory (each page once per copy,
under distinct URIs, each with its request record, as a crawler writes them), then reads it twice in
the same run: plain warcio (iterate, keep HTML 200 responses, read their payloads: the floor any
WARC reader pays) and our reader (the same plus canonical URLs, ids, decoding into RawDocuments).
Peak Python memory is measured with tracemalloc in a separate pass, for the smallest and the largest
file, to show it does not grow with the file.

    python benchmarks/warc_stream.py ../shared/data/extraction/scrapinghub --copies 1 10
"""
from __future__ import annotations

import argparse
import gzip
import json
import tempfile
import time
import tracemalloc
from io import BytesIO
from pathlib import Path

from warcio.archiveiterator import ArchiveIterator
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from storyline.ingest.warc import read_warc
from storyline.records import RawDocument


def build(pages: list[tuple[str, bytes]], copies: int, path: Path) -> None:
    with path.open("wb") as out:
        writer = WARCWriter(out, gzip=True)
        for copy in range(copies):
            for key, html in pages:
                uri = f"https://bench{copy}.example/news/{key}"
                req = StatusAndHeaders("GET / HTTP/1.1", [("Host", f"bench{copy}.example")], is_http_request=True)
                writer.write_record(writer.create_warc_record(uri, "request", http_headers=req))
                headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8"),
                                                      ("Content-Length", str(len(html)))], protocol="HTTP/1.1")
                writer.write_record(writer.create_warc_record(uri, "response", payload=BytesIO(html),
                                                              http_headers=headers))


def plain_warcio(path: Path) -> int:
    n = 0
    with path.open("rb") as fh:
        for record in ArchiveIterator(fh):
            if record.rec_type == "response" and record.http_headers.get_statuscode() == "200" and \
                    (record.http_headers.get_header("Content-Type") or "").startswith("text/html"):
                record.content_stream().read()
                n += 1
    return n


def ours(path: Path) -> int:
    return sum(isinstance(d, RawDocument) for d in read_warc(path, str(path), max_bytes=10_000_000,
                                                             known=lambda _id: False))


def timed(fn, path: Path) -> tuple[int, float]:
    started = time.perf_counter()
    n = fn(path)
    return n, time.perf_counter() - started


def peak_mb(fn, path: Path) -> float:
    tracemalloc.start()
    fn(path)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return peak / 1e6


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("pages_dir", type=Path)
    ap.add_argument("--copies", type=int, nargs="+", default=[1, 10])
    args = ap.parse_args()
    pages = [(p.name.split(".")[0], gzip.decompress(p.read_bytes()) if p.suffix == ".gz" else p.read_bytes())
             for p in sorted((args.pages_dir / "html").iterdir())]
    results = []
    with tempfile.TemporaryDirectory() as tmp:
        for copies in args.copies:
            path = Path(tmp) / f"bench-{copies}.warc.gz"
            build(pages, copies, path)
            n_plain, t_plain = timed(plain_warcio, path)
            n_ours, t_ours = timed(ours, path)
            results.append({
                "copies": copies, "pages": n_ours, "warc_gz_mb": round(path.stat().st_size / 1e6, 1),
                "html_mb": round(sum(len(h) for _, h in pages) * copies / 1e6, 1),
                "warcio_pages_per_s": round(n_plain / t_plain), "ours_pages_per_s": round(n_ours / t_ours),
                "ours_vs_warcio": round(t_plain / t_ours, 2), "ours_peak_mb": round(peak_mb(ours, path), 1),
            })
            assert n_plain == n_ours
    print(json.dumps(results, indent=1))


if __name__ == "__main__":
    main()
