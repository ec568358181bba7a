"""The consolidation's version, apart from the consolidation: the store and the commands that list or show stories
read it (is a brief outdated?) without loading the readers it takes to build one (spaCy, scikit-learn: seconds).
What each version changed is told above its import in ``consolidate.brief``."""

BRIEF_VERSION = 20
