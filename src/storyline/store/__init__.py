"""Store: the narrow interface every backend implements, and the embedded SQLite default."""
from storyline.store.base import Store
from storyline.store.sqlite import SQLiteStore, open_store

__all__ = ["Store", "SQLiteStore", "open_store"]
