"""Reading windows: short runs of whole sentences, as exact character offsets.

The reader reads windows, not whole passages: a window is cheap to read (a few dozen
tokens), an answer never straddles two windows by more than a sentence, and the
reader was trained on windows cut by this same function (``tools/train_reader.py``),
so what it reads at question time looks like what it learned from.
"""

from __future__ import annotations

from typing import Sequence

WINDOW_CHARS = 320  # about 70 word pieces: with the question, well inside the reader's input length


def sentence_windows(sentences: Sequence[tuple[int, int]], limit: int = WINDOW_CHARS) -> list[tuple[int, int]]:
    """Group consecutive ``(start, end)`` sentence spans into windows of at most ``limit`` characters.

    Consecutive windows share one sentence when they can (the next window must still reach
    past it), so an answer that needs the sentence before it is still read with it. A single
    sentence longer than ``limit`` is a window alone.
    """
    windows: list[tuple[int, int]] = []
    i = 0
    while i < len(sentences):
        j = i + 1
        while j < len(sentences) and sentences[j][1] - sentences[i][0] <= limit:
            j += 1
        windows.append((sentences[i][0], sentences[j - 1][1]))
        if j == len(sentences):
            break
        i = j - 1 if j - 1 > i and sentences[j][1] - sentences[j - 1][0] <= limit else j
    return windows
