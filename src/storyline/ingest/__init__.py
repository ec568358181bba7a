"""Ingest: turn paths (files, directories, records) into RawDocuments."""
from storyline.ingest.files import iter_raw_documents, read_records_file

__all__ = ["iter_raw_documents", "read_records_file"]
