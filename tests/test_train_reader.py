"""tools/train_reader.py's shared normalisation: whole questions in a batch, one softmax over all their windows."""

from __future__ import annotations

import sys

import numpy as np
import torch

from conftest import ROOT

sys.path.insert(0, str(ROOT / "tools"))
from train_reader import group_batches, shared_norm_loss  # noqa: E402


def test_group_batches_keep_each_question_whole_and_every_window_once():
    groups = np.repeat(np.arange(40), np.random.default_rng(3).integers(1, 5, size=40))  # 1 to 4 windows a question
    lengths = np.random.default_rng(4).integers(20, 190, size=len(groups))
    for epoch in (0, 1):
        batches = group_batches(groups, lengths, batch_size=8, seed=13, epoch=epoch)
        seen = np.sort(np.concatenate(batches))
        assert np.array_equal(seen, np.arange(len(groups)))
        for batch in batches:
            for g in set(groups[batch]):
                assert set(np.flatnonzero(groups == g)) <= set(batch)  # the question's every window
    assert not all(np.array_equal(a, b) for a, b in zip(group_batches(groups, lengths, 8, 13, 0), group_batches(groups, lengths, 8, 13, 1)))


def test_shared_norm_loss_is_one_softmax_over_the_question_windows():
    # two windows of question 7 (the answer at tokens 2..3 of the first), one window of question 9 (alone: no shared term)
    start = torch.tensor([[0.0, 0.0, 3.0, 0.0, 0.0], [0.0, 0.0, 1.0, 2.0, 0.0], [0.0, 5.0, 0.0, 0.0, 0.0]])
    end = torch.tensor([[0.0, 0.0, 0.0, 4.0, 0.0], [0.0, 0.0, 0.0, 1.0, 0.0], [0.0, 0.0, 5.0, 0.0, 0.0]])
    context = torch.tensor([[False, False, True, True, False], [False, True, True, True, False], [False, True, True, False, False]])
    starts, ends, groups = torch.tensor([2, 0, 1]), torch.tensor([3, 0, 2]), torch.tensor([7, 7, 9])

    def expected(logits, gold):
        pool = torch.cat([logits[0][context[0]], logits[1][context[1]]])
        return torch.logsumexp(pool, 0) - logits[0][gold]

    loss = shared_norm_loss(start, end, context, starts, ends, groups)
    assert torch.isclose(loss, (expected(start, 2) + expected(end, 3)) / 2)
    # the other window's span scoring higher costs more than it scoring lower
    worse = start.clone()
    worse[1, 3] = 6.0
    assert shared_norm_loss(worse, end, context, starts, ends, groups) > loss
    # a question whose windows hold no answer, or that has one window, adds nothing
    assert shared_norm_loss(start, end, context, torch.tensor([0, 0, 1]), torch.tensor([0, 0, 2]), groups) is None
