"""What `scripts.new` asks for each kind of record, and how each answer is checked.

Every check returns the value to store or raises `InputError` with a sentence that says
what is wrong and what to do; the allowed values come from the models themselves.
"""

from __future__ import annotations

import datetime as dt
import re
import sys
import typing
import unicodedata
from dataclasses import dataclass
from typing import Annotated, Any, Callable

from pydantic import BaseModel, TypeAdapter, ValidationError
from pydantic.fields import FieldInfo

from macros.core import models, yamlio
from macros.core.kb import KnowledgeBase
from macros.core.messages import problem_from_error
from macros.core.names import did_you_mean_record
from macros.core.problems import did_you_mean
from macros.core.rules import REFERENCES


class InputError(Exception):
    """A value the contributor gave that cannot be used; the message says why and what to do."""


# ---------------------------------------------------------------------------------------
# checks of single answers (each returns the value to store, or raises InputError)
# ---------------------------------------------------------------------------------------
def check_ref(target: str) -> Callable[[str, KnowledgeBase], str]:
    def check(value: str, kb: KnowledgeBase) -> str:
        if value not in kb.records[target]:
            hint = did_you_mean_record(value, {k: r.model for k, r in kb.records[target].items()})
            raise InputError(f"no {target} '{value}'{hint}")
        return value
    return check


def check_refs(target: str) -> Callable[[str, KnowledgeBase], list[str]]:
    one = check_ref(target)
    return lambda value, kb: [one(item.strip(), kb) for item in value.split(",") if item.strip()]


def check_source(value: str, kb: KnowledgeBase) -> list[str]:
    keys = [item.strip() for item in value.split(",") if item.strip()]
    for key in keys:
        if key not in kb.sources:
            raise InputError(f"no source '{key}' in data/references.bib{did_you_mean(key, kb.sources)}")
    return keys


def check_choice(choices: list[str]) -> Callable[[str, KnowledgeBase], str]:
    def check(value: str, kb: KnowledgeBase) -> str:
        if value not in choices:
            raise InputError(f"'{value}' is not allowed{did_you_mean(value, choices)}; "
                             f"choose one of: {', '.join(choices)}")
        return value
    return check


def check_date(value: str, kb: KnowledgeBase) -> dt.date:
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        raise InputError(f"'{value}' is not a date: write it as YYYY-MM-DD (e.g. 2016-04-29)")
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise InputError(f"'{value}' is not a real calendar date") from None


def check_country(value: str, kb: KnowledgeBase) -> str:
    """The model's own rule (ISO 3166-1 alpha-2), with its message."""
    try:
        models.Place(country=value)
    except ValidationError as exc:
        raise InputError(str(exc.errors()[0]["ctx"]["error"])) from None
    return value


def check_text(value: str, kb: KnowledgeBase) -> str:
    if not value.strip():
        raise InputError("give some text, or leave it out")
    return value.strip()


def choices_of(model: type[BaseModel], name: str) -> list[str]:
    """The allowed values of a Literal field (also inside list[...] or Optional)."""
    stack, found = [model.model_fields[name].annotation], []
    while stack:
        current = stack.pop()
        if typing.get_origin(current) is typing.Literal:
            found.extend(typing.get_args(current))
        else:
            stack.extend(typing.get_args(current))
    return found


# ---------------------------------------------------------------------------------------
# what each kind asks for
# ---------------------------------------------------------------------------------------
@dataclass
class Ask:
    """One essential: its flag, where it goes in the record, how it is checked."""

    flag: str
    path: tuple[str, ...]
    label: str
    check: Callable[[str, KnowledgeBase], Any]
    required: bool = False
    shown: Callable[[KnowledgeBase, dict], list[str]] | None = None  # allowed values to show
    asked: bool = True     # asked in a terminal; the other fields are options only


def describe(model: type[BaseModel], name: str) -> str:
    extra = model.model_fields[name].json_schema_extra or {}
    return f"{extra.get('description_en', name)} / {extra.get('description_ja', '')}".rstrip(" /")


def _ids(kind: str) -> Callable[[KnowledgeBase, dict], list[str]]:
    return lambda kb, answers: sorted(kb.records[kind])


def _series_of_forum(kb: KnowledgeBase, answers: dict) -> list[str]:
    forum = answers.get(("forum",))
    family = set(kb.forum_family(kb.root_forum(forum))) if forum else set(kb.forums)
    return sorted(sid for sid, s in kb.series.items() if s.forum in family)


_LANG_WORDS = {"ja": "Japanese / 日本語", "en": "English / 英語"}


def _both(flag: str, path: tuple[str, ...], model: type[BaseModel], name: str) -> list[Ask]:
    """A text field asked in English (`--title-en`, `--city`) and in Japanese (`--title-ja`, `--city-ja`)."""
    en_flag = flag if flag == "city" else f"{flag}-en"
    return [Ask(en_flag, (*path, "en"), f"{describe(model, name)}, {_LANG_WORDS['en']}", check_text),
            Ask(f"{flag}-ja", (*path, "ja"), f"{describe(model, name)}, {_LANG_WORDS['ja']}", check_text)]


def _choice(model: type[BaseModel], name: str) -> Ask:
    values = choices_of(model, name)
    return Ask(name, (name,), describe(model, name), check_choice(values), True, lambda kb, a: values)


def _listed(flag: str, model: type[BaseModel], name: str, check: Callable, shown=None) -> Ask:
    """A list field given as `a, b, …`."""
    return Ask(flag, (name,), describe(model, name) + " (a, b, …)", check, False, shown)


def asks(kind: str) -> list[Ask]:
    M, D, T, P = models.Meeting, models.Document, models.Topic, models.Party
    if kind == "meeting":
        return [
            Ask("forum", ("forum",), describe(M, "forum"), check_ref("forum"), True, _ids("forum")),
            Ask("series", ("series",), describe(M, "series"), check_ref("series"), False, _series_of_forum),
            _choice(M, "kind"),
            Ask("start", ("start",), describe(M, "start"), check_date, True),
            Ask("end", ("end",), describe(M, "end"), check_date),
            *_both("title", ("title",), M, "title"),
            *_both("city", ("place", "city"), models.Place, "city"),
            Ask("country", ("place", "country"), describe(models.Place, "country"), check_country),
            Ask("host", ("host",), describe(M, "host"), check_ref("party")),
            _listed("topics", M, "topics", check_refs("topic"), _ids("topic")),
            _listed("source", M, "sources", check_source),
        ]
    if kind == "document":
        return [
            _choice(D, "type"),
            *_both("title", ("title",), D, "title"),
            Ask("date", ("date",), describe(D, "date"), check_date),
            Ask("adopted-at", ("adopted_at",), describe(D, "adopted_at"), check_ref("meeting")),
            _listed("topics", D, "topics", check_refs("topic"), _ids("topic")),
            _listed("source", D, "sources", check_source),
        ]
    if kind == "topic":
        return [*_both("name", ("name",), T, "name"),
                _listed("broader", T, "broader", check_refs("topic"), _ids("topic")),
                _listed("source", T, "sources", check_source)]
    if kind == "party":
        return [_choice(P, "kind"),
                Ask("iso", ("iso",), describe(P, "iso"), check_country),
                *_both("name", ("name",), P, "name"),
                _listed("source", P, "sources", check_source)]
    if kind == "process":
        R = models.Process
        return [*_both("name", ("name",), R, "name"),
                _listed("forums", R, "forums", check_refs("forum"), _ids("forum")),
                Ask("start", ("start",), describe(R, "start"), check_date, True),
                _choice(R, "status"),
                _listed("source", R, "sources", check_source)]
    raise InputError(f"cannot scaffold a {kind}")  # pragma: no cover - argparse limits the kinds


# Which text, given in either language, each kind cannot do without.
NEEDS_ONE_OF = {"meeting": ("title", "title-en/--title-ja"), "document": ("title", "title-en/--title-ja"),
                "topic": ("name", "name-en/--name-ja"), "party": ("name", "name-en/--name-ja"),
                "process": ("name", "name-en/--name-ja")}


# ---------------------------------------------------------------------------------------
# every other field of a record, as an option derived from the model
# ---------------------------------------------------------------------------------------
def options(kind: str) -> list[Ask]:
    """The questions of a kind, then an option for every other field its model has (nested
    groups flattened: `--place-virtual`, `--texts-en-url`), each described by the model."""
    questions = asks(kind)
    taken = {ask.path for ask in questions}
    return [*questions, *(a for a in _fields(kind, models.KINDS[kind], ()) if a.path not in taken)]


def _fields(kind: str, model: type[BaseModel], path: tuple[str, ...], within: str = "") -> list[Ask]:
    out: list[Ask] = []
    for name, info in model.model_fields.items():
        here, inner = (*path, name), models.submodel(info.annotation)
        flag = "-".join(here).replace("_", "-")
        values = choices_of(model, name)
        label = within + describe(model, name) + (f" — {', '.join(values)}" if values and ", ".join(values) not in
                                                  describe(model, name) else "")
        if inner is models.Text and typing.get_origin(info.annotation) is not list:
            out += [Ask(f"{flag}-{lang}", (*here, lang), f"{label}, {_LANG_WORDS[lang]}", check_text, asked=False)
                    for lang in ("en", "ja")]
        elif inner is not None and typing.get_origin(info.annotation) is not list:
            out += _fields(kind, inner, here, f"{label}: ")
        elif inner is not None:
            out.append(Ask(flag, here, f"{label} (YAML, e.g. [{{…}}, {{…}}])", check_groups(inner), asked=False))
        else:
            target = REFERENCES.get((kind, name)) if not path else None
            listed = typing.get_origin(info.annotation) is list
            check = (check_refs(target) if listed else check_ref(target)) if target else check_value(info, listed)
            out.append(Ask(flag, here, label + (" (a, b, …)" if listed else ""), check, asked=False))
    return out


def check_value(info: FieldInfo, listed: bool) -> Callable[[str, KnowledgeBase], Any]:
    """The field's own type and constraints (a pattern, the allowed values), with the core's messages."""
    adapter = TypeAdapter(Annotated[(info.annotation, *info.metadata)] if info.metadata else info.annotation)

    def check(value: str, kb: KnowledgeBase) -> Any:
        given: Any = [v.strip() for v in value.split(",") if v.strip()] if listed else value.strip()
        try:
            return adapter.validate_python(given)
        except ValidationError as exc:
            raise InputError(_sentence(exc, None, listed)) from None
    return check


def check_groups(model: type[BaseModel]) -> Callable[[str, KnowledgeBase], list]:
    """A list of groups (editions, representatives, commitments) written as YAML."""
    def check(value: str, kb: KnowledgeBase) -> list:
        try:
            data = yamlio.load(f"value: {value}").data["value"]
        except yamlio.StrictYAMLError as exc:
            raise InputError(f"not YAML: {exc.message}") from None
        items = data if isinstance(data, list) else [data]
        try:
            TypeAdapter(list[model]).validate_python(items)
        except ValidationError as exc:
            raise InputError(_sentence(exc, model)) from None
        return items
    return check


def _sentence(exc: ValidationError, model: type[BaseModel] | None, listed: bool = False) -> str:
    """The core's sentence for the first error, with the field inside the value when there is one
    (not the item's place in a list given as `a, b`: the value names it)."""
    problem = problem_from_error(exc.errors()[0], model or BaseModel, yamlio.Located(data=None), "")
    return f"{problem.field}: {problem.message}" if problem.field and not listed else problem.message


# ---------------------------------------------------------------------------------------
# ids and prompts
# ---------------------------------------------------------------------------------------
_SLUG_STOPWORDS = {"a", "an", "and", "at", "for", "in", "of", "on", "the", "to", "meeting", "meetings"}


def slug(text: str, drop: set[str] = frozenset(), words: int = 6) -> str:
    """ASCII, lower-case, hyphenated words of `text` without filler words (Düsseldorf → dusseldorf)."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    kept = [w for w in re.findall(r"[a-z0-9]+", ascii_text) if w not in _SLUG_STOPWORDS | drop]
    return "-".join(kept[:words])


SKIP = object()   # what `answer` gives for an option whose problem went to the error list


def answer(ask: Ask, given: dict, kb: KnowledgeBase, interactive: bool, answers: dict,
           errors: list[str], default: Any = None) -> Any:
    """One option's value: its flag's (checked), else asked in a terminal, else the default.
    A wrong or missing required value is added to `errors` and gives SKIP."""
    raw = given.get(ask.flag)
    if raw is not None:
        try:
            return ask.check(raw, kb)
        except InputError as exc:
            errors.append(f"--{ask.flag}: {exc}")
            return SKIP
    if interactive:
        return ask_interactively(ask, kb, answers, default)
    if ask.required:
        errors.append(f"--{ask.flag}: required ({ask.label})")
        return SKIP
    return default


def ask_interactively(ask: Ask, kb: KnowledgeBase, answers: dict, default: str | None = None) -> Any:
    """Prompt until the answer passes its check; Enter takes the default or skips an optional field.
    After a wrong answer with a suggestion ("did you mean 'fr' (France)?"), Enter takes the suggestion."""
    allowed = ask.shown(kb, answers) if ask.shown else []
    hint = f" [{', '.join(allowed)}]" if allowed else ""
    while True:
        optional = f" (Enter: {default})" if default else "" if ask.required else " (Enter to skip / 省略可)"
        reply = input(f"{ask.label}{hint}{optional}\n--{ask.flag}> ").strip() or (default or "")
        if not reply and not ask.required:
            return None
        try:
            return ask.check(reply, kb)
        except InputError as exc:
            print(f"  --{ask.flag}: {exc}", file=sys.stderr)
            default = _with_suggestion(reply, str(exc))


def _with_suggestion(reply: str, message: str) -> str | None:
    """The answer with its wrong part replaced by the suggested id, when the message suggests one."""
    wrong = re.search(r"'([^']*)'", message)
    meant = re.search(r"did you mean '([^']+)'", message)
    if not (wrong and meant):
        return None
    return re.sub(rf"(?<![\w-]){re.escape(wrong.group(1))}(?![\w-])", meant.group(1), reply) or None
