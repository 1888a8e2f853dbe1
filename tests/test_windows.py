"""qa.windows: sentences grouped into reading windows that overlap by one sentence."""

import pytest

from qa.windows import WINDOW_CHARS, sentence_windows

pytestmark = pytest.mark.unit


def test_no_sentences_no_windows():
    assert sentence_windows([]) == []


def test_short_sentences_share_one_window():
    assert sentence_windows([(0, 40), (41, 90), (91, 150)]) == [(0, 150)]


def test_consecutive_windows_share_the_sentence_between_them():
    sentences = [(0, 100), (101, 200), (201, 300), (301, 400)]
    assert sentence_windows(sentences, limit=250) == [(0, 200), (101, 300), (201, 400)]


def test_a_sentence_longer_than_the_limit_is_a_window_alone_and_shared_with_none():
    sentences = [(0, 50), (51, 500), (501, 540)]
    assert sentence_windows(sentences, limit=100) == [(0, 50), (51, 500), (501, 540)]


def test_the_default_limit_keeps_windows_short():
    sentences = [(i * 81, i * 81 + 80) for i in range(20)]
    windows = sentence_windows(sentences)
    assert all(end - start <= WINDOW_CHARS for start, end in windows)
    assert windows[0][0] == 0 and windows[-1][1] == sentences[-1][1]
