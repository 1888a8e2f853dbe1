"""What a caller of ``QA`` meets is importable from ``qa``: the types it returns and the errors it raises."""

from __future__ import annotations

import typing

import pytest

import qa

pytestmark = pytest.mark.unit


def test_every_public_name_resolves():
    assert {name: getattr(qa, name) for name in qa.__all__}


def test_the_types_qa_returns_are_exported():
    from qa.api import QA

    returned = {
        typing.get_type_hints(getattr(QA, method)).get("return")
        for method in ("ask", "status", "update_from_folder", "add_documents", "remove_documents", "document")
    }
    assert returned <= {getattr(qa, name) for name in qa.__all__}


def test_errors_share_one_base_and_a_bad_question_is_a_value_error():
    assert issubclass(qa.QuestionError, qa.NewsQAError) and issubclass(qa.QuestionError, ValueError)
    assert all(issubclass(getattr(qa, e), qa.NewsQAError) for e in ("CorpusError", "IndexFormatError", "IndexLockedError"))
