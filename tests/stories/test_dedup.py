from storyline.stories.dedup import band_keys, find_duplicate, jaccard, minhash_signature

# ECB+ (not copyrighted): a real wire-style report.
TEXT = (
    "Perennial party girl Tara Reid checked herself into Promises Treatment Center, her rep told People. "
    "\"We appreciate your respect to her and her family's privacy at this time,\" the 33-year-old actress's rep "
    "Jack Ketsoyan told the magazine exclusively for their Web site. Ketsoyan would not say what the actress was "
    "being treated for. A friend of the actress told People she went to Promises on Tuesday and that her friends "
    "and family supported her decision. Reid, who launched a fashion line last year, has appeared in films including "
    "American Pie and The Big Lebowski, and hosted a short-lived travel show."
)


class FakeIndex:
    def __init__(self):
        self.rows = {}

    def add(self, article_id, text):
        self.rows[article_id] = minhash_signature(text)

    def duplicate_candidates(self, keys):
        keys = set(keys)
        return [(a, s.tobytes()) for a, s in self.rows.items() if keys & set(band_keys(s))]


def test_republished_copy_with_a_sentence_added_is_a_duplicate():
    index = FakeIndex()
    index.add("orig", TEXT)
    copy = TEXT + " The actress could not be reached for comment on Friday."
    found = find_duplicate(minhash_signature(copy), index, threshold=0.7)
    assert found is not None and found[0] == "orig" and found[1] > 0.7


def test_a_different_report_of_the_same_event_is_not_a_duplicate():
    index = FakeIndex()
    index.add("orig", TEXT)
    other = ("Tara Reid has entered a rehab program, the American Pie star's rep confirmed to People and Us Weekly "
             "on Friday. The actress, 33, reportedly headed to a Malibu treatment facility on Tuesday, and her "
             "friends and family support her decision, according to the statement released by her publicist.")
    assert find_duplicate(minhash_signature(other), index, threshold=0.7) is None


def test_signature_is_deterministic_and_jaccard_is_one_for_same_text():
    a, b = minhash_signature(TEXT), minhash_signature(TEXT)
    assert jaccard(a, b) == 1.0
    assert band_keys(a) == band_keys(b)
    assert all(0 <= k < 2**63 for k in band_keys(a))
