"""Chinese full-text search over publications with a character n-gram posting table.

Text is cut into runs of CJK characters and runs of letters/digits. A CJK run contributes
every character (unigram) and every pair of adjacent characters (bigram); a letter/digit run
contributes the lower-cased word. A query is cut the same way: a one-character CJK query looks
up its unigram, a longer run the AND of its bigrams, a word the word. Candidates holding a CJK
run of three or more characters are then checked for that exact phrase (``contains``: Chinese
has no case to fold), so a 4-character phrase never matches documents that merely hold its
bigrams apart. Ranking: hits in the title weigh ``TITLE_WEIGHT`` times hits in the body, then
the most recent first. Why this design and how it stays fast: docs/publishing.md, “检索”.
"""

from __future__ import annotations

import html
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db import connection
from django.db.models import Q

from gongkai.core.prepared import Among
from gongkai.publishing.models import ContentFormat, Publication, SearchTerm
from gongkai.publishing.states import Status

TITLE_WEIGHT = 5
#: Longest stored word of letters and digits (the column is 32 characters).
MAX_WORD = 32
#: Posting rows written per INSERT.
BATCH = 2000
#: Most candidates ranked per query (see :func:`search`).
WINDOW = 5000

_CJK = r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002ffff"
_RUNS = re.compile(rf"([{_CJK}]+)|([0-9a-z]+)")
_TAGS = re.compile(r"<[^>]*>")


def normalize(text: str) -> str:
    """NFKC (full-width letters and digits become ASCII) and lower case."""
    return unicodedata.normalize("NFKC", text).lower()


def plain_text(content: str, content_format: str) -> str:
    if content_format == ContentFormat.HTML:
        return html.unescape(_TAGS.sub(" ", content))
    return content


def terms(text: str) -> Counter[str]:
    """The index terms of ``text`` with their number of occurrences."""
    counts: Counter[str] = Counter()
    for cjk, word in _RUNS.findall(normalize(text)):
        if cjk:
            counts.update(cjk)
            counts.update(cjk[i : i + 2] for i in range(len(cjk) - 1))
        else:
            counts[word[:MAX_WORD]] += 1
    return counts


@dataclass(frozen=True)
class Query:
    #: The index terms every match holds.
    terms: tuple[str, ...]
    #: CJK runs of three or more characters: their bigrams may stand apart, so each is
    #: checked as written (``contains``; Chinese has no case).
    phrases: tuple[str, ...]
    #: Words longer than ``MAX_WORD``: the index holds them cut, so each is checked whole,
    #: ignoring case. A shorter word is a whole term of the index and needs no check.
    long_words: tuple[str, ...] = ()


def parse_query(text: str) -> Query:
    """The terms to AND and the phrases to check; spaces separate phrases."""
    needed: dict[str, None] = {}
    phrases: list[str] = []
    long_words: list[str] = []
    for cjk, word in _RUNS.findall(normalize(text)):
        if cjk:
            if len(cjk) == 1:
                needed[cjk] = None
            else:
                needed.update(dict.fromkeys(cjk[i : i + 2] for i in range(len(cjk) - 1)))
            if len(cjk) > 2:
                phrases.append(cjk)
        else:
            needed[word[:MAX_WORD]] = None
            if len(word) > MAX_WORD:
                long_words.append(word)
    return Query(tuple(needed), tuple(phrases), tuple(long_words))


def posting_rows(publication_id: int, title: str, body: str) -> Iterable[SearchTerm]:
    title_terms, body_terms = terms(title), terms(body)
    for term in title_terms.keys() | body_terms.keys():
        yield SearchTerm(
            term=term,
            publication_id=publication_id,
            title_hits=min(title_terms[term], 32767),
            body_hits=min(body_terms[term], 32767),
        )


def index_publication(publication: Publication) -> None:
    """Replace the postings of ``publication`` (called by the services on every save)."""
    SearchTerm.objects.filter(publication_id=publication.pk).delete()
    body = plain_text(publication.content, publication.content_format)
    SearchTerm.objects.bulk_create(
        posting_rows(publication.pk, publication.title, body), batch_size=BATCH
    )


# The search queries are SQL written here (the ORM cannot join the posting table to itself
# once per term); names come from the models and every value is a bound parameter.
_POSTINGS = SearchTerm._meta.db_table
_PUBLICATIONS = Publication._meta.db_table
_REACH = (
    "SELECT COUNT(*), MIN(publication_id), MAX(publication_id) FROM (SELECT publication_id "
    "FROM {postings} WHERE term = %s ORDER BY publication_id DESC LIMIT %s) w"
)


@dataclass(frozen=True)
class Driver:
    """The term whose postings are the candidates, and the range of ids they span."""

    term: str
    #: Lowest and highest publication id among the term's ``WINDOW`` newest postings.
    low: int = 0
    high: int = 0


def choose_driver(query_terms: tuple[str, ...]) -> Driver:
    """The term whose ``WINDOW`` newest postings reach furthest back (see :func:`search`).

    A term in fewer than ``WINDOW`` items reaches back to the first item; among those the one
    in the fewest items wins. One query reads at most ``WINDOW`` index entries per term (a
    backward index-only scan); a single term needs none.
    """
    if len(query_terms) == 1:
        return Driver(query_terms[0])
    one = _REACH.format(postings=_POSTINGS)
    each = (f"SELECT {i}, r.* FROM ({one}) r" for i in range(len(query_terms)))  # noqa: S608
    with connection.cursor() as cursor:
        cursor.execute(
            " UNION ALL ".join(each), [value for term in query_terms for value in (term, WINDOW)]
        )
        spans = {query_terms[i]: (n, low or 0, high or 0) for i, n, low, high in cursor}

    def reach(term: str) -> tuple[int, int]:
        n, low, _ = spans[term]
        return (low if n >= WINDOW else 0, n)

    best = min(query_terms, key=reach)
    return Driver(best, spans[best][1], spans[best][2])


def _filtered(agency_id: int | None, year: int | None, category: str | None) -> bool:
    return agency_id is not None or year is not None or bool(category)


def ranking_sql(
    text: str,
    *,
    agency_id: int | None = None,
    year: int | None = None,
    category: str | None = None,
    published_only: bool = True,
) -> tuple[str, list[Any]] | None:
    """The one query :func:`ranked` runs, and its parameters (None: nothing to find).

    Rows: (publication id, score), and the 公开日期 when a filter is given. ``d`` is the
    driver: the newest ``WINDOW`` postings of :func:`choose_driver`'s term (a backward
    index-only scan), joined to the publication only when a filter asks — the status is then
    checked there too, and the 公开日期 read, so no other look-up is needed. Each other term is
    joined on (term, publication) and bounded, with constants, to the ids the driver's
    postings span (with a filter, from the first item): the planner then knows how many
    postings of a common term lie in that range and either probes the index once per
    candidate or reads that range, not the term's whole posting list. Bounds computed at run
    time would hide the range from the planner, whose guess of a few rows can turn into a
    nested loop over every pair. Every posting is read from the covering index
    ``publishing_term_postings`` without visiting the table.
    """
    query = parse_query(text)
    if not query.terms:
        return None
    driver = choose_driver(query.terms)
    others = [term for term in query.terms if term != driver.term]
    filtered = _filtered(agency_id, year, category)
    conditions: list[str] = []
    params: list[Any] = []
    if agency_id is not None:
        conditions.append("p.agency_id = %s")
        params.append(agency_id)
    if year is not None:
        conditions.append("p.published_on BETWEEN %s AND %s")
        params += [date(year, 1, 1), date(year, 12, 31)]
    if category:
        conditions.append("p.article20_item = %s")
        params.append(category)
    if filtered and published_only:
        conditions.append("p.status = %s")
        params.append(Status.PUBLISHED.value)
    join = f" JOIN {_PUBLICATIONS} p ON p.id = s.publication_id" if filtered else ""
    where = "".join(f" AND {condition}" for condition in conditions)
    drive = (
        "SELECT s.publication_id AS pid, s.title_hits AS th, s.body_hits AS bh"  # noqa: S608
        f"{', p.published_on AS day' if filtered else ''} "
        f"FROM {_POSTINGS} s{join} WHERE s.term = %s{where} "
        "ORDER BY s.publication_id DESC LIMIT %s"
    )
    params = [driver.term, *params, WINDOW]
    day = ", d.day" if filtered else ""
    if not others:
        sql = f"SELECT d.pid, d.th * {TITLE_WEIGHT} + d.bh{day} FROM ({drive}) d"  # noqa: S608
        return sql, params
    # With a filter the driver may reach further back than the term's newest WINDOW postings.
    low = 0 if filtered else driver.low
    # CROSS JOIN: SQLite keeps the driver as the outer loop and probes (term, publication)
    # per candidate; PostgreSQL reorders it like any inner join.
    joins = "".join(f" CROSS JOIN {_POSTINGS} t{i}" for i in range(len(others)))
    where = " AND ".join(
        f"t{i}.term = %s AND t{i}.publication_id = d.pid"
        f" AND t{i}.publication_id BETWEEN {low:d} AND {driver.high:d}"
        for i in range(len(others))
    )
    title = "".join(f" + t{i}.title_hits" for i in range(len(others)))
    body = "".join(f" + t{i}.body_hits" for i in range(len(others)))
    sql = (
        f"SELECT d.pid, (d.th{title}) * {TITLE_WEIGHT} + d.bh{body}{day} "  # noqa: S608
        f"FROM ({drive}) d{joins} WHERE {where}"
    )
    return sql, [*params, *others]


@dataclass(frozen=True)
class Ranking:
    #: (publication id, score) of every candidate holding every term, in no order.
    scores: list[tuple[int, int]]
    #: The 公开日期 of each candidate when the driver read the publications (a filter asked;
    #: the status is then checked already); None when only the posting table was read.
    dates: dict[int, date | None] | None = None


def _as_date(value: date | str | None) -> date | None:
    return date.fromisoformat(value) if isinstance(value, str) else value  # SQLite: text


def ranked(
    text: str,
    *,
    agency_id: int | None = None,
    year: int | None = None,
    category: str | None = None,
    published_only: bool = True,
) -> Ranking:
    """The candidates holding every term, with their scores (see :func:`ranking_sql`)."""
    planned = ranking_sql(
        text, agency_id=agency_id, year=year, category=category, published_only=published_only
    )
    if planned is None:
        return Ranking([])
    with connection.cursor() as cursor:
        cursor.execute(*planned)
        rows = cursor.fetchall()
    scores = [(row[0], row[1]) for row in rows]
    if not _filtered(agency_id, year, category):
        return Ranking(scores)
    return Ranking(scores, {row[0]: _as_date(row[2]) for row in rows})


def search(
    text: str,
    *,
    agency_id: int | None = None,
    year: int | None = None,
    category: str | None = None,
    published_only: bool = True,
    limit: int = 20,
) -> list[Publication]:
    """Publications matching every word of ``text``, best first (at most ``limit``).

    One term drives (:func:`choose_driver`): its newest ``WINDOW`` postings passing the body,
    year and category filters are the candidates; one query on the posting table
    (:func:`ranking_sql`) keeps those holding every other term, with their scores. The best
    are then checked, a slice at a time in score order, for the status and the exact phrases
    (by primary key, so only a few publications are read); with a filter the status and the
    公开日期 come with the candidates, and only phrases still need a look-up. When the
    driving term occurs in more than ``WINDOW`` items, the ranking covers its ``WINDOW`` most
    recent ones — the price of a bounded latency on a million items (docs/publishing.md,
    “检索”).
    """
    query = parse_query(text)
    ranking = ranked(
        text, agency_id=agency_id, year=year, category=category, published_only=published_only
    )
    rows = sorted(ranking.scores, key=lambda row: (-row[1], -row[0]))
    checks = [Q(title__contains=p) | Q(content__contains=p) for p in query.phrases]
    checks += [Q(title__icontains=w) | Q(content__icontains=w) for w in query.long_words]
    found: list[tuple[int, int, date | None]] = []
    if ranking.dates is not None and not checks:
        found = [(pk, score, ranking.dates[pk]) for pk, score in rows]
    start = len(found)
    while start < len(rows) and len(found) < limit:
        end = min(len(rows), start + max(limit * 5, 100))
        while end < len(rows) and rows[end][1] == rows[end - 1][1]:
            end += 1  # a slice ends where the score changes, so ties are ordered together
        chunk = rows[start:end]
        candidates = Publication.objects.filter(Among("id", [pk for pk, _ in chunk]))
        if published_only:
            candidates = candidates.filter(status=Status.PUBLISHED)
        for check in checks:
            candidates = candidates.filter(check)
        dates = dict(candidates.values_list("pk", "published_on"))
        found.extend((pk, score, dates[pk]) for pk, score in chunk if pk in dates)
        start = end
    found.sort(key=lambda r: (-r[1], -(r[2].toordinal() if r[2] else 0), -r[0]))
    ids = [pk for pk, _, _ in found[:limit]]
    by_pk = Publication.objects.select_related("agency").in_bulk(ids)
    return [by_pk[pk] for pk in ids if pk in by_pk]
