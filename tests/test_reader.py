"""The shipped reader: loads offline, reads windows, answers seeds questions with the exact span."""

from __future__ import annotations

import shutil

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from index.errors import NewsQAError
from qa import QA
from index.fusions import split_skip_layer_norms
from qa.reader import MAX_ANSWER_TOKENS, MODEL_DIR, Reader, _best_span, load_reader
from qa.windows import WINDOW_CHARS, sentence_windows

from conftest import EAST_ASIA, PUTIN_XI

# (question, the exact answer span, the seed it comes from)
EXACT = [
    ("How much was the AUKUS submarine deal worth?", "$40 billion", PUTIN_XI),
    ("Where will the G7 summit be held in May?", "Hiroshima", EAST_ASIA),
    ("Which court accused Putin?", "International Criminal Court", EAST_ASIA),
    ("When did North Korea fire cruise missiles toward Japan?", "March 22", EAST_ASIA),
    ("Who did Kishida meet in Tokyo on March 16?", "Yoon Suk-yeol", EAST_ASIA),
    ("Which export controls did the Japan-South Korea agreement end?", "Japanese controls on South Korean exports", EAST_ASIA),  # completed
]


@pytest.fixture(scope="module")
def reader() -> Reader:
    return load_reader()


@pytest.mark.unit
def test_the_shipped_model_is_small_and_documented():
    assert (MODEL_DIR / "model.onnx").stat().st_size <= 40_000_000
    card = (MODEL_DIR / "README.md").read_text(encoding="utf-8")
    for topic in ("SQuAD", "licence", "Apache-2.0", "train_reader.py", "EM"):
        assert topic.lower() in card.lower(), topic


@pytest.mark.slow
@pytest.mark.parametrize("question, expected, source", EXACT)
def test_answers_seeds_questions_with_the_exact_span(seeds_qa, question, expected, source):
    answer = seeds_qa.ask(question)
    assert answer.answered, answer.reason
    assert answer.text == expected
    assert answer.span.doc_id == source
    document = seeds_qa.document(source)
    assert document.text[answer.span.start : answer.span.end] == expected
    sentence = answer.citations[0]
    assert sentence.start <= answer.span.start and answer.span.end <= sentence.end
    assert document.text[sentence.start : sentence.end] == sentence.quote


@pytest.mark.slow
def test_reads_each_window_and_points_inside_it(reader):
    windows = ["The deal was worth $40 billion, officials said.", "Nothing here is about money.", ""]
    readings = reader.read("How much was the deal worth?", windows)
    assert len(readings) == 3
    first, second, empty = readings
    assert windows[0][first.start : first.end] == "$40 billion"
    assert first.evidence > second.evidence
    assert 0 <= second.start <= second.end <= len(windows[1])
    assert empty.span == -np.inf and empty.alternatives == ()


@pytest.mark.slow
def test_a_window_reads_the_same_whatever_it_is_read_with(reader):
    """Activations are quantised per run: each window must be read alone, so its batch-mates cannot move it."""
    question = "How much was the deal worth?"
    windows = [
        "The deal was worth $40 billion, officials said on Monday after a long meeting in the capital city.",
        "Nothing here is about money.",
        "Analysts put the value of the agreement at about 12 billion euros over ten years.",
    ]
    together = reader.read(question, windows)
    for window, reading in zip(windows, together):
        assert reader.read(question, [window]) == [reading]
    assert reader.read(question, windows[::-1]) == together[::-1]
    assert Reader(threads=1).read(question, windows) == together


def test_layer_norms_written_out_read_as_the_shipped_graph(reader):
    """The session runs the shipped graph with its fused layer norms written out (faster on CPU): same readings
    (both with the int8 weights this CPU multiplies exactly)."""
    import onnx

    from index.runtime import cpu_session, exact_int8

    model = onnx.load(str(MODEL_DIR / "model.onnx"))
    assert "SkipLayerNormalization" in {n.op_type for n in model.graph.node}
    written_out = split_skip_layer_norms(model)
    assert "SkipLayerNormalization" not in {n.op_type for n in written_out.graph.node}
    shipped = cpu_session(exact_int8(onnx.load(str(MODEL_DIR / "model.onnx"))).SerializeToString(), 1)
    question = "How much was the deal worth?"
    for window in ["The deal was worth $40 billion, officials said.", "Analysts put the value of the agreement at 12 billion euros."]:
        encoding = reader.tokenizer.encode(question, window)
        ids = np.array([encoding.ids])
        feed = {"input_ids": ids, "attention_mask": np.ones_like(ids), "token_type_ids": np.array([encoding.type_ids])}
        expected = _best_span(encoding, *(out[0] for out in shipped.run(None, feed)))
        (reading,) = reader.read(question, [window])
        assert (reading.start, reading.end) == (expected.start, expected.end)
        assert reading.evidence == pytest.approx(expected.evidence, abs=0.5)


@pytest.mark.slow
def test_heuristic_extractor_still_available(seeds_index_dir):
    qa = QA.open(seeds_index_dir)
    qa.use_extractor("heuristic")
    assert qa.reader is None
    answer = qa.ask("How much was the AUKUS submarine deal worth?")
    assert answer.answered and "$40 billion" in answer.text
    with pytest.raises(ValueError, match="extractor must be one of reader, heuristic"):
        qa.use_extractor("bert")


@pytest.mark.parametrize("question", ["word " * 99, "antidisestablishmentarianism " * 17, "北京" * 250])
def test_a_long_question_still_leaves_room_for_the_window(reader, question):
    (reading,) = reader.read(question[:500], ["The deal was worth $40 billion."])
    assert 0 <= reading.start <= reading.end <= len("The deal was worth $40 billion.")


@pytest.mark.unit
def test_incomplete_model_folder_is_refused_by_name(tmp_path):
    folder = tmp_path / "reader"
    shutil.copytree(MODEL_DIR, folder)
    (folder / "tokenizer.json").unlink()
    with pytest.raises(NewsQAError, match="tokenizer.json is missing"):
        Reader(folder)


def test_best_span_stays_in_the_window_and_within_the_length_limit(reader):
    encoding = reader.tokenizer.encode("who won", " ".join(["word"] * 80))
    n = len(encoding.ids)
    start, end = np.zeros(n, dtype=np.float32), np.zeros(n, dtype=np.float32)
    start[1], end[2] = 50.0, 50.0  # the question's own words: never an answer
    start[10], end[10 + MAX_ANSWER_TOKENS + 5] = 5.0, 5.0  # too long
    start[50], end[52] = 3.0, 3.0
    best = _best_span(encoding, start, end)
    assert (best.start, best.end) == (encoding.offsets[50][0], encoding.offsets[52][1])
    assert best.span == pytest.approx(6.0) and best.null == 0.0



SPANS = st.lists(st.integers(min_value=1, max_value=400), min_size=0, max_size=30).map(
    lambda lengths: [(sum(lengths[:i]) + i, sum(lengths[: i + 1]) + i) for i in range(len(lengths))]
)


@given(sentences=SPANS, limit=st.integers(min_value=1, max_value=2 * WINDOW_CHARS))
@pytest.mark.unit
def test_windows_cover_every_sentence_in_order_within_the_limit(sentences, limit):
    windows = sentence_windows(sentences, limit)
    starts = {s for s, _ in sentences}
    ends = {e for _, e in sentences}
    for s, e in sentences:
        assert any(ws <= s and e <= we for ws, we in windows)
    for ws, we in windows:
        assert ws in starts and we in ends
        inside = [x for x in sentences if ws <= x[0] and x[1] <= we]
        assert len(inside) == 1 or we - ws <= limit
    for (a_start, a_end), (b_start, b_end) in zip(windows, windows[1:]):
        assert a_start < b_start and a_end < b_end
        assert b_start >= max(s for s, e in sentences if e <= a_end)  # at most one sentence shared
