"""storyline: group news reports of one event into stories and write one cross-checked brief per story."""
from storyline.records import Article, Brief, RawDocument, Story

__version__ = "0.1.0"
__all__ = ["Article", "Brief", "RawDocument", "Story", "__version__"]
