"""Briefing packs: what a policy officer takes into a meeting, built from the knowledge base.

A briefing is built once as a list of neutral blocks and then written by one of the writers:
Markdown and HTML (`writers`), Word (`docx`). So the formats cannot drift apart: they differ
in how they write, never in what they say.

Modules: selection (which records), blocks (the neutral document), build (records → blocks),
writers (Markdown, HTML), docx (Word, python-docx), kit (the parts the site's briefing
builder joins in the browser, for any choice).
"""

from .build import Briefing, build, overview, selection_label
from .docx import FORMAT as DOCX_FORMAT, write_docx
from .kit import briefing_kit, word_kit
from .selection import FACET_OF, FACETS, Selection, select_meetings, select_other_documents
from .writers import to_html, to_html_fragment, to_markdown

__all__ = ["FACETS", "FACET_OF", "Briefing", "Selection", "briefing_kit", "build", "overview", "select_meetings",
           "select_other_documents", "selection_label", "to_html", "to_html_fragment", "to_markdown",
           "word_kit", "write_docx", "DOCX_FORMAT"]
