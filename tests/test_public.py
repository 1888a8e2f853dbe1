"""What a caller of ``QA`` meets is importable from ``qa``: the types it returns and the errors it raises; the UI needs nothing else."""

from __future__ import annotations

import ast
import typing
from pathlib import Path

import pytest

import qa
import ui

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


def test_the_ui_reaches_the_index_only_through_qa():
    imported = set()
    for path in Path(ui.__file__).parent.glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module:
                imported.add(node.module.split(".")[0])
            elif isinstance(node, ast.Import):
                imported.update(alias.name.split(".")[0] for alias in node.names)
    assert "qa" in imported and "index" not in imported
