"""Chinese full-text search over publications with a character n-gram posting table.

Text is cut into runs of CJK characters and runs of letters/digits. A CJK run contributes
every character (unigram) and every pair of adjacent characters (bigram); a letter/digit run
contributes the lower-cased word. A query is cut the same way: a one-character CJK query looks
up its unigram, a longer run the AND of its bigrams, a word the word. Candidates are then
checked for the exact phrase (``contains``), so a 4-character phrase never matches documents
that merely hold its bigrams apart. Ranking: hits in the title weigh ``TITLE_WEIGHT`` times
hits in the body, then the most recent first. Why this design: docs/publishing.md, “检索”.
"""

from __future__ import annotations

import html
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from django.db.models import Count, ExpressionWrapper, IntegerField, Q, QuerySet, Sum

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
    terms: tuple[str, ...]
    phrases: tuple[str, ...]


def parse_query(text: str) -> Query:
    """The terms to AND and the phrases to check; spaces separate phrases."""
    needed: dict[str, None] = {}
    phrases: list[str] = []
    for cjk, word in _RUNS.findall(normalize(text)):
        if cjk:
            phrases.append(cjk)
            if len(cjk) == 1:
                needed[cjk] = None
            else:
                needed.update(dict.fromkeys(cjk[i : i + 2] for i in range(len(cjk) - 1)))
        else:
            needed[word[:MAX_WORD]] = None
            phrases.append(word)
    return Query(tuple(needed), tuple(phrases))


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


def _capped_count(term: str) -> int:
    """How many items hold ``term``, counted up to ``WINDOW + 1`` (an index range scan)."""
    return SearchTerm.objects.filter(term=term)[: WINDOW + 1].count()


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

    The rarest term of the query drives: its postings (those passing the body, year and
    category filters, newest first, at most ``WINDOW``) are the candidates; one grouped query
    on the posting table alone (:func:`ranked`) keeps the candidates holding every term, with
    their scores. The best of them are then checked, a slice at a time, for the exact phrases
    and the status, by primary key. When even the rarest term occurs in more than ``WINDOW``
    items, the ranking covers its ``WINDOW`` most recent ones — the price of a bounded latency
    on a million items (docs/publishing.md, “检索”).
    """
    query = parse_query(text)
    grouped = ranked(text, agency_id=agency_id, year=year, category=category)
    if grouped is None:
        return []
    rows = sorted(grouped, key=lambda row: (-row[1], -row[0]))
    phrases = [p for p in query.phrases if len(p) > 2]
    found: list[tuple[int, int, date | None]] = []
    start = 0
    while start < len(rows) and len(found) < limit:
        end = min(len(rows), start + max(limit * 5, 100))
        while end < len(rows) and rows[end][1] == rows[end - 1][1]:
            end += 1  # a slice ends where the score changes, so ties are ordered together
        chunk = rows[start:end]
        candidates = Publication.objects.filter(pk__in=[pk for pk, _ in chunk])
        if published_only:
            candidates = candidates.filter(status=Status.PUBLISHED)
        for phrase in phrases:
            candidates = candidates.filter(
                Q(title__icontains=phrase) | Q(content__icontains=phrase)
            )
        dates = dict(candidates.values_list("pk", "published_on"))
        found.extend((pk, score, dates[pk]) for pk, score in chunk if pk in dates)
        start = end
    found.sort(key=lambda r: (-r[1], -(r[2].toordinal() if r[2] else 0), -r[0]))
    ids = [pk for pk, _, _ in found[:limit]]
    by_pk = Publication.objects.select_related("agency").in_bulk(ids)
    return [by_pk[pk] for pk in ids if pk in by_pk]


def ranked(
    text: str,
    *,
    agency_id: int | None = None,
    year: int | None = None,
    category: str | None = None,
) -> QuerySet[SearchTerm, tuple[int, int]] | None:
    """(publication id, score) of the candidates holding every term (None: nothing to find).

    Without filters the driver is a backward range scan of the (term, publication) index and
    nothing is joined: the query reads at most ``WINDOW`` postings per term.
    """
    query = parse_query(text)
    if not query.terms:
        return None
    rarest = min(query.terms, key=_capped_count)
    driver = SearchTerm.objects.filter(term=rarest)
    if agency_id is not None:
        driver = driver.filter(publication__agency_id=agency_id)
    if year is not None:
        driver = driver.filter(
            publication__published_on__gte=date(year, 1, 1),
            publication__published_on__lte=date(year, 12, 31),
        )
    if category:
        driver = driver.filter(publication__article20_item=category)
    candidates = driver.order_by("-publication_id").values("publication_id")[:WINDOW]
    return (
        SearchTerm.objects.filter(term__in=query.terms, publication_id__in=candidates)
        .values("publication_id")
        .annotate(
            n=Count("term"),
            score=ExpressionWrapper(
                Sum("title_hits") * TITLE_WEIGHT + Sum("body_hits"), output_field=IntegerField()
            ),
        )
        .filter(n=len(query.terms))
        .order_by()
        .values_list("publication_id", "score")
    )
