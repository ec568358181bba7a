"""storyline: group news reports of one event into stories and write one cross-checked brief per story."""
import os

# onnxruntime 1.29+ (1.32 pinned) sends usage telemetry to Microsoft from Linux and macOS too, and keeps a device id
# and an event cache under ~/.cache/Microsoft; storyline contacts no address but the ones it is asked to fetch. The
# switch is read when onnxruntime is imported, so it is set here, before any storyline module imports it; a user who
# sets it otherwise keeps their setting.
os.environ.setdefault("ORT_DISABLE_TELEMETRY", "1")

from storyline.records import Article, Brief, RawDocument, Story

__version__ = "0.1.0"
__all__ = ["Article", "Brief", "RawDocument", "Story", "__version__"]
