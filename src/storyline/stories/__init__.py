"""Stories: near-duplicate detection and online grouping of articles into stories."""
from storyline.stories.cluster import Assignment, CandidateIndex, StoryCentroid, assign_story, update_centroid
from storyline.stories.dedup import DuplicateIndex, band_keys, minhash_signature, find_duplicate

__all__ = [
    "Assignment", "CandidateIndex", "StoryCentroid", "assign_story", "update_centroid",
    "DuplicateIndex", "band_keys", "minhash_signature", "find_duplicate",
]
