import numpy as np

from index.lexical import Bm25Index, tokenize

TEXTS = ["Xi Jinping met Vladimir Putin in Moscow.", "Kishida visited Ukraine and Bucha.", "The cat sat on the mat."]


def test_tokenize_stems_and_drops_stop_words():
    assert tokenize(["The visits of the leaders"]) == [["visit", "leader"]]


def test_search_finds_the_matching_row_only():
    index = Bm25Index.build(TEXTS)
    ids, scores = index.search("Which city did Putin host Xi in?", 3)
    assert ids.tolist() == [0] and scores[0] > 0


def test_unknown_words_and_mask(tmp_path):
    index = Bm25Index.build(TEXTS)
    assert index.search("zebra quantum", 3)[0].size == 0
    mask = np.array([1, 0, 1], dtype=np.float32)
    assert index.search("Kishida Ukraine", 3, mask=mask)[0].size == 0
    index.save(tmp_path)
    assert Bm25Index.load(tmp_path, 3).search("Kishida", 3)[0].tolist() == [1]


def test_empty_index():
    assert Bm25Index.build([]).search("anything", 5)[0].size == 0
