"""tools/train_reader.py: shared normalisation (whole questions in a batch, one softmax over all their windows), SQuAD 2.0's
unanswerable questions in ``prepare``, and the shipped reader unpacked to train on from."""

from __future__ import annotations

import json
import sys

import numpy as np
import torch

from conftest import ROOT

sys.path.insert(0, str(ROOT / "tools"))
from train_reader import group_batches, prepare, shared_norm_loss, unpack  # noqa: E402


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


def test_an_unanswerable_question_is_labelled_no_answer_on_the_window_of_its_plausible_answer(tmp_path):
    from transformers import AutoTokenizer

    from train_reader import backbone_path

    context = "The Normans gave their name to Normandy in the 10th century. They came from Norse raiders. Rollo led them."
    at = context.index("10th century")
    qas = [
        {"id": "a", "question": "When did the Normans name Normandy?", "answers": [{"text": "10th century", "answer_start": at}]},
        {"id": "u", "question": "When did the Franks name Normandy?", "answers": [], "is_impossible": True,
         "plausible_answers": [{"text": "10th century", "answer_start": at}]},
        {"id": "n", "question": "Who named Rollo?", "answers": [], "is_impossible": True},  # no plausible answer: not read
    ]
    squad = tmp_path / "squad.json"
    squad.write_text(json.dumps({"data": [{"title": "Normans", "paragraphs": [{"context": context, "qas": qas}]}]}))
    prepare(squad, tmp_path, seed=13)
    data = np.load(tmp_path / "examples.npz")
    tokenizer = AutoTokenizer.from_pretrained(str(backbone_path()))
    examples = [(int(g), data["ids"][s:e], int(a), int(b))
                for g, s, e, a, b in zip(data["groups"], data["offsets"][:-1], data["offsets"][1:], data["starts"], data["ends"])]
    assert {g for g, *_ in examples} == {0, 1}
    (unanswerable,) = [x for x in examples if x[0] == 1]  # one window, no other negatives drawn for it
    assert unanswerable[2:] == (0, 0)
    assert "franks" in tokenizer.decode(unanswerable[1]) and "10th century" in tokenizer.decode(unanswerable[1])
    (answered,) = [x for x in examples if x[0] == 0 and x[2] > 0]
    assert tokenizer.decode(answered[1][answered[2] : answered[3] + 1]) == "10th century"


def test_the_shipped_reader_unpacked_reads_as_the_shipped_one(tmp_path):
    from transformers import AutoModelForQuestionAnswering

    from qa.reader import MODEL_DIR, Reader

    unpack(MODEL_DIR / "model.onnx", tmp_path)
    model = AutoModelForQuestionAnswering.from_pretrained(str(tmp_path / "trained")).eval()
    reader = Reader()
    question = "Who won the race?"
    window = "Mo Farah won the 10,000m race in London on Sunday, ahead of Kenenisa Bekele."
    encoding = reader.tokenizer.encode(question, window)
    ids = torch.tensor([encoding.ids])
    with torch.no_grad():
        out = model(input_ids=ids, attention_mask=torch.ones_like(ids), token_type_ids=torch.tensor([encoding.type_ids]))
    (reading,) = reader.read(question, [window])
    assert window[reading.start : reading.end] == "Mo Farah"
    start, end = out.start_logits[0], out.end_logits[0]
    offsets = encoding.offsets
    first = next(i for i, (s, e) in enumerate(offsets) if encoding.type_ids[i] == 1 and s == reading.start)
    last = max(i for i, (s, e) in enumerate(offsets) if encoding.type_ids[i] == 1 and e == reading.end)
    assert int(start.argmax()) == first and int(end.argmax()) == last  # the int8 activations aside, the same weights
