"""The domain core: read data/, check it, and answer questions about it.

    from macros.core import load
    kb = load("data")          # never raises on bad data: see kb.errors / kb.warnings

No HTML and no MkDocs in here: the site build, the scripts and the tests all import it.
Modules, bottom up: yamlio (strict YAML with line numbers), problems (one message line),
models (the record kinds, languages, kind → folder), sources (references.bib), messages
(pydantic error → contributor sentence), names (a name written where an id belongs → that
id), shapes (what the queries return), kb (the knowledge base and its queries), rules (the cross-record pass), load (files →
records → rules).
"""

from .kb import Backlink, KnowledgeBase, Record
from .load import load
from .problems import Problem

__all__ = ["Backlink", "KnowledgeBase", "Problem", "Record", "load"]
