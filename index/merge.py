"""This run's articles merged with the previous generation's: cleaning, ids, exact and near
duplicates, and the report's added, updated, unchanged and removed lists."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

from news_rag.index.clean.article import clean_article
from news_rag.index.dedup import find_near_duplicates
from news_rag.index.report import IndexReport
from news_rag.index.store.database import DuplicateRecord, SourceRecord
from news_rag.index.store.previous import PreviousIndex
from news_rag.index.types import Article, RawArticle, Skipped


def _is_under(path: str, roots: Sequence[Path]) -> bool:
    resolved = Path(path).resolve()
    return any(resolved == r or r in resolved.parents for r in roots)


def _assign_id(raw: RawArticle, taken: dict[str, str]) -> str:
    """The raw key, unless another source already holds it (then key + path hash)."""
    key = raw.key
    owner = taken.get(key)
    if owner is not None and owner != raw.source_path:
        key = f"{raw.key}-{hashlib.sha1(raw.source_path.encode()).hexdigest()[:8]}"
    taken[key] = raw.source_path
    return key


def clean_all(
    raws: Sequence[RawArticle],
    sources: dict[str, SourceRecord],
    previous: PreviousIndex,
    repeated: frozenset[str],
    report: IndexReport,
) -> tuple[list[Article], dict[str, SourceRecord]]:
    """The cleaned articles (exact duplicates within the run dropped) and their sources."""
    taken = {a.id: a.source_path for a in previous.articles.values()}
    by_hash: dict[str, str] = {}
    articles: list[Article] = []
    ids_by_source: dict[str, list[str]] = {}
    for raw in raws:
        result = clean_article(raw, article_id=_assign_id(raw, taken), repeated_lines=repeated)
        if isinstance(result, Skipped):
            report.skipped.append(result)
            continue
        twin = by_hash.get(result.content_hash)
        if twin is not None and twin != result.id:
            report.duplicates.append(DuplicateRecord(twin, raw.source_path, "exact"))
            continue
        by_hash[result.content_hash] = result.id
        articles.append(result)
        ids_by_source.setdefault(raw.source_path, []).append(result.id)
    new_sources = {
        path: SourceRecord(rec.path, rec.sha256, rec.size, tuple(ids_by_source.get(path, ())))
        for path, rec in sources.items()
        if path in ids_by_source
    }
    return articles, new_sources


def merge(
    previous: PreviousIndex,
    articles: list[Article],
    new_sources: dict[str, SourceRecord],
    roots: Sequence[Path],
    failed: set[str],
    prune: bool,
    report: IndexReport,
) -> list[Article]:
    """Combine the previous articles with this run's; fill the report's lists."""
    merged = dict(previous.articles)
    for article_id in _gone(previous, new_sources, roots, failed, prune):
        if merged.pop(article_id, None) is not None:
            report.removed.append(article_id)
    existing_hashes = {a.content_hash: a.id for a in merged.values()}
    for article in articles:
        before = merged.get(article.id)
        twin = existing_hashes.get(article.content_hash)
        if before is None and twin is not None and twin != article.id:
            report.duplicates.append(DuplicateRecord(twin, article.source_path, "exact"))
            continue
        _classify(before, article, report)
        merged[article.id] = article
    return _mark_near_duplicates(sorted(merged.values(), key=lambda a: a.id), previous, report)


def _gone(
    previous: PreviousIndex,
    new_sources: dict[str, SourceRecord],
    roots: Sequence[Path],
    failed: set[str],
    prune: bool,
) -> list[str]:
    """The previous articles this run removes, source by source, each source's sorted."""
    gone_ids: list[str] = []
    for old in previous.sources:
        if old.path in new_sources:  # re-read: records that vanished from the file go
            gone = set(old.article_ids) - set(new_sources[old.path].article_ids)
        elif _prunable(old.path, prune, failed, roots):
            gone = set(old.article_ids)
        else:
            continue
        gone_ids.extend(sorted(gone))
    return gone_ids


def _mark_near_duplicates(
    ordered: list[Article], previous: PreviousIndex, report: IndexReport
) -> list[Article]:
    if report.added or report.updated or report.removed or not previous.articles:
        near = find_near_duplicates([a.id for a in ordered], [a.text for a in ordered])
    else:  # the same articles as last time: the same near duplicates (10 s for Reuters-19k)
        near = {i: a.near_duplicate_of for i, a in previous.articles.items() if a.near_duplicate_of}
    result = []
    for article in ordered:
        twin_id = near.get(article.id)
        if twin_id:
            report.duplicates.append(DuplicateRecord(twin_id, article.source_path, "near"))
        result.append(replace(article, near_duplicate_of=twin_id))
    return result


def unchanged_report(
    report: IndexReport, previous: PreviousIndex, same: Sequence[SourceRecord]
) -> IndexReport:
    """The report of a run whose files are all as indexed last time (nothing written)."""
    paths = {record.path for record in same}
    report.unchanged = sorted({i for record in same for i in record.article_ids})
    report.duplicates = [d for d in previous.duplicates if d.source_path in paths]
    report.articles = len(previous.articles)
    report.chunks = len(previous.chunks)
    return report


def _classify(before: Article | None, article: Article, report: IndexReport) -> None:
    if before is None:
        report.added.append(article.id)
    elif before == replace(article, near_duplicate_of=before.near_duplicate_of):
        report.unchanged.append(article.id)
    else:
        report.updated.append(article.id)


def _prunable(path: str, prune: bool, failed: set[str], roots: Sequence[Path]) -> bool:
    """With --prune: a source under a scanned root whose file is gone."""
    return prune and path not in failed and _is_under(path, roots) and not Path(path).exists()


def live_duplicates(
    old: Sequence[DuplicateRecord], new: Sequence[DuplicateRecord], kept: Sequence[Article]
) -> list[DuplicateRecord]:
    """The duplicate records, previous and new, of the articles the generation keeps."""
    ids = {a.id for a in kept}
    merged = {(d.article_id, d.source_path, d.kind): d for d in (*old, *new)}
    return [d for d in merged.values() if d.article_id in ids]
