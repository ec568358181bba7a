"""Stand-in join models for the story tests: probabilities read off a feature, so a test reads like the rule."""
from storyline.stories.model import JoinModel


class Overlap:
    """P = the term cosine (feature 0)."""

    decision = 0.5
    background = None  # short candidate lists read as they are: the tests' stores are small on purpose

    def scores(self, terms, views, candidates, published, embedding=None, prior=None):
        return JoinModel.scores(self, terms, views, candidates, published, embedding, prior)

    def probabilities(self, rows):
        return rows[:, 0]
