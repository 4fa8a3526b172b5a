"""The strict YAML reader: what a contributor writes is what the record holds."""

import datetime as dt

import pytest

from macros.core.yamlio import StrictYAMLError, load


@pytest.mark.parametrize("text", ["NO", "no", "on", "Off", "yes", "Y", "1:30", "0x1F", "010", "1_000", "2016-4-29"])
def test_yaml_11_lookalikes_stay_text(text):
    assert load(f"value: {text}\n").data == {"value": text}


def test_plain_values_keep_their_types():
    data = load("a: true\nb: 12\nc: 1.5\nd: 2016-04-29\ne: ~\n").data
    assert data == {"a": True, "b": 12, "c": 1.5, "d": dt.date(2016, 4, 29), "e": None}


def test_duplicate_key_names_both_lines():
    with pytest.raises(StrictYAMLError) as err:
        load("title: a\nkind: b\ntitle: c\n")
    assert (err.value.line, err.value.column) == (3, 1)
    assert "duplicate key 'title' (first written on line 1)" in err.value.message


def test_nested_duplicate_key_is_found():
    with pytest.raises(StrictYAMLError) as err:
        load("place:\n  city: a\n  city: b\n")
    assert err.value.line == 3


def test_locations_point_at_values():
    located = load("title:\n  ja: 題名\n  en: Title\ntopics: [ai, iot]\n")
    assert located.loc(("title", "en")) == (3, 7)
    assert located.loc(("topics", 1)) == (4, 14)
    # An unknown path falls back to its nearest parent.
    assert located.loc(("title", "fr")) == (2, 3)


@pytest.mark.parametrize("text, where, field", [
    ("title:\n  ja: x\n  en: G7: Digital\n", (3, 9), "title.en"),
    ("commitments:\n  - id: a\n    en: x\n  - id: b\n    en: 'Ministers' Meeting'\n", (5, 21), "commitments[1].en"),
    ("place:\n\tcountry: JP\n", (2, 1), "place.country"),
])
def test_a_syntax_error_names_the_field_of_its_line(text, where, field):
    with pytest.raises(StrictYAMLError) as err:
        load(text)
    assert ((err.value.line, err.value.column), err.value.field) == (where, field)


def test_without_libyaml_a_question_mark_in_a_flow_group_is_told_with_its_fix(monkeypatch):
    """PyYAML's own parser, used where libyaml is missing, ends a value at a `?` inside {…}:
    the message says to quote the value, not that the group is unclosed."""
    from macros.core import yamlio

    monkeypatch.setattr(yamlio, "_Loader", yamlio._PyLoader)
    with pytest.raises(StrictYAMLError) as err:
        load("type: declaration\ntexts:\n  en: {url: https://x.org/show?id=1, status: official}\n")
    assert (err.value.line, err.value.column, err.value.field) == (3, 13, "texts.en.url")
    assert err.value.message == (
        "not valid YAML for every reader: PyYAML without libyaml ends a value at a '?' inside a {…} group "
        "or […] list: put the value in double quotes, "
        'e.g. en: {url: "https://x.org/show?id=1", status: official}')
