"""Settings read from the environment when they are used, not when a module is imported; bad values are clear errors."""

from __future__ import annotations

import pytest

from index.runtime import available_cpus, cpu_threads
from index.errors import NewsQAError
from index.store import search_threads
from ui.app import ANSWER_CACHE, answer_cache_size

pytestmark = pytest.mark.unit


def test_each_setting_is_read_when_used(monkeypatch):
    monkeypatch.delenv("QA_FAISS_THREADS", raising=False)
    monkeypatch.delenv("QA_EMBED_THREADS", raising=False)
    monkeypatch.delenv("QA_ANSWER_CACHE", raising=False)
    assert (search_threads(), cpu_threads(), answer_cache_size()) == (1, available_cpus(), ANSWER_CACHE)
    monkeypatch.setenv("QA_FAISS_THREADS", "2")
    monkeypatch.setenv("QA_EMBED_THREADS", "3")
    monkeypatch.setenv("QA_ANSWER_CACHE", "0")
    assert (search_threads(), cpu_threads(), answer_cache_size()) == (2, 3, 0)


@pytest.mark.parametrize("variable", ["QA_FAISS_THREADS", "QA_EMBED_THREADS", "QA_ANSWER_CACHE"])
def test_a_setting_that_is_no_number_is_a_clear_error(monkeypatch, variable):
    monkeypatch.setenv(variable, "many")
    with pytest.raises((NewsQAError, ValueError), match=f"{variable} must be a whole number"):
        {"QA_FAISS_THREADS": search_threads, "QA_EMBED_THREADS": cpu_threads, "QA_ANSWER_CACHE": answer_cache_size}[variable]()
