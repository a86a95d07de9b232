"""Article-body extraction benchmark: newsarchive against trafilatura, same run, same pages.

Last measured (2025-11-25, 181 pages, one process, 2-core machine shared with other jobs:
compare the speed ratio of one run, not absolute pages/s; extractors interleaved page by
page, see `run_interleaved`). Median of 3 runs by speed ratio (runs: 2.115, 2.094, 2.039)::

    system                       F1      P      R  exact  pages/s
    ours (article)            0.980  0.974  0.987  0.420     67.0   (full extract_article)
    trafilatura 2.3.1         0.960  0.942  0.978  0.293     32.0   (same run)
    ratio ours/trafilatura    1.021  1.034  1.009  1.434     2.09

    ours (content)            0.979  0.972  0.987  0.409    117.7   (one run)
    trafilatura 2.3.1         0.960  0.942  0.978  0.293     29.1
    ratio ours/trafilatura                                   4.0

Before the speed work (same interleaved runner, commit 9e67a03): article 1.27-1.28x
trafilatura (median 1.28). Without the GC pause in `extract_article` the article ratio
measured 2.05-2.09 in the same session (median 2.06).

"content" is the general extractor alone (pipelines/extract/content.py); "article" is the
whole record extraction (title, dates, authors, teasers, CMS rules), hence slower.

Usage::

    .venv/bin/python benchmarks/extraction.py [--limit N] [--only ours|trafilatura]
                                              [--ours article|content] [--json] [--data DIR]

Pages and ground truth come from ``shared/data/article-extraction-benchmark`` next to the
repository (181 real pages, scrapinghub/article-extraction-benchmark). Scoring is in
``benchmarks/scoring.py`` (4-token shingles, P/R averaged over pages). The extractors are
timed in this one process, taking turns on every page (see `run_interleaved`), excluding
gzip and file reading, so the pages-per-second figures compare like with like.

``--ours article`` runs the full ``pipelines.extract_article`` (CMS rules + general
fallback); ``--ours content`` runs only the general extractor
``pipelines.extract.content.extract_body``. The default is ``article`` when
``pipelines.extract.core`` can be imported, else ``content``.
"""
from __future__ import annotations

import argparse
import gzip
import importlib.util
import json
import sys
import time
from pathlib import Path
from typing import Callable

REPO_ROOT = Path(__file__).resolve().parents[1]
if str(REPO_ROOT) not in sys.path:
    sys.path.insert(0, str(REPO_ROOT))

from benchmarks.scoring import PageScore, score_page, summarise  # noqa: E402

DEFAULT_DATA = REPO_ROOT.parent / "shared/data/article-extraction-benchmark"

Page = tuple[str, str, bytes, str]  # id, url, html bytes, truth


def load_pages(data_dir: Path = DEFAULT_DATA, limit: int | None = None) -> list[Page]:
    """All pages sorted by id: (id, url, html bytes, ground-truth body)."""
    truth = json.loads((data_dir / "ground-truth.json").read_text(encoding="utf-8"))
    pages = []
    for page_id in sorted(truth):
        path = data_dir / "html" / f"{page_id}.html.gz"
        html = gzip.decompress(path.read_bytes())
        pages.append((page_id, truth[page_id]["url"], html, truth[page_id]["articleBody"]))
    return pages[:limit] if limit else pages


def core_available() -> bool:
    try:
        return importlib.util.find_spec("pipelines.extract.core") is not None
    except ImportError:
        return False


def _decode(html: bytes) -> str:
    try:
        from pipelines.extract.encoding import decode_html  # type: ignore[attr-defined]
    except ImportError:
        return html.decode("utf-8", errors="replace")
    decoded = decode_html(html)
    return decoded[0] if isinstance(decoded, tuple) else decoded


def ours_content(html: bytes, url: str) -> str:
    """Only the general extractor (clean_tree + find_main_content + node_paragraphs)."""
    from lxml.html import document_fromstring

    from pipelines.extract.content import extract_body

    try:
        text = _decode(html)
    except Exception:  # NotHTMLError (empty or binary input): nothing to extract
        return ""
    if not text.strip():
        return ""
    try:
        doc = document_fromstring(text)
    except Exception:  # lxml raises ParserError on empty/odd documents
        return ""
    return "\n\n".join(extract_body(doc, url))


def ours_article(html: bytes, url: str) -> str:
    from pipelines import extract_article

    return extract_article(html, url).body or ""


def trafilatura_extract(html: bytes, url: str) -> str:
    """trafilatura with the settings of its own comparison scripts (comments excluded)."""
    import trafilatura

    return trafilatura.extract(html, url=url, include_comments=False) or ""


def get_ours(mode: str | None) -> tuple[str, Callable[[bytes, str], str]]:
    mode = mode or ("article" if core_available() else "content")
    return mode, ours_article if mode == "article" else ours_content


def run(
    extractor: Callable[[bytes, str], str], pages: list[Page], errors: list[str] | None = None
) -> tuple[list[PageScore], float]:
    """Extract every page, timing only the extraction calls. Returns scores and pages/s.

    A page whose extraction raises scores as an empty body (what the archive would get);
    the error is appended to `errors` so that the run reports it instead of hiding it.
    """
    outputs = []
    elapsed = 0.0
    for page_id, url, html, _ in pages:
        start = time.perf_counter()
        try:
            out = extractor(html, url)
        except Exception as exc:  # noqa: BLE001 - reported below, scored as a miss
            out = ""
            if errors is not None:
                errors.append(f"{page_id[:10]}: {type(exc).__name__}: {exc}")
        elapsed += time.perf_counter() - start
        outputs.append(out)
    scores = [score_page(out, truth) for out, (_, _, _, truth) in zip(outputs, pages)]
    return scores, len(pages) / elapsed if elapsed else float("inf")


def run_interleaved(
    systems: dict[str, Callable[[bytes, str], str]], pages: list[Page],
    errors: dict[str, list[str]],
) -> dict[str, tuple[list[PageScore], float]]:
    """Like `run` for several extractors at once, page by page in turn.

    On a shared machine the load changes within seconds; timing one extractor over the
    whole set and then the other lets such a change land on one side only (ratios seen to
    swing from 0.9 to 1.9 between runs). Alternating on every page (and which one goes
    first) exposes both to the same conditions, so the speed ratio of one run is meaningful.
    """
    outputs: dict[str, list[str]] = {name: [] for name in systems}
    elapsed = dict.fromkeys(systems, 0.0)
    names = list(systems)
    for i, (page_id, url, html, _) in enumerate(pages):
        # who goes first alternates: the second one finds the page bytes in the CPU cache
        for name in names if i % 2 == 0 else names[::-1]:
            fn = systems[name]
            start = time.perf_counter()
            try:
                out = fn(html, url)
            except Exception as exc:  # noqa: BLE001 - reported, scored as a miss
                out = ""
                errors.setdefault(name, []).append(f"{page_id[:10]}: {type(exc).__name__}: {exc}")
            elapsed[name] += time.perf_counter() - start
            outputs[name].append(out)
    result = {}
    for name in systems:
        scores = [score_page(out, truth) for out, (_, _, _, truth) in zip(outputs[name], pages)]
        result[name] = (scores, len(pages) / elapsed[name] if elapsed[name] else float("inf"))
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--limit", type=int)
    parser.add_argument("--only", choices=["ours", "trafilatura"])
    parser.add_argument("--ours", choices=["article", "content"], default=None)
    parser.add_argument("--worst", type=int, default=10)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)

    pages = load_pages(args.data, args.limit)
    mode, ours = get_ours(args.ours)
    systems: dict[str, Callable[[bytes, str], str]] = {}
    if args.only != "trafilatura":
        systems[f"ours ({mode})"] = ours
    if args.only != "ours":
        import trafilatura  # noqa: F401  (import outside the timed part)

        systems["trafilatura"] = trafilatura_extract

    results = {}
    per_page = {}
    errors: dict[str, list[str]] = {name: [] for name in systems}
    for fn in systems.values():
        try:
            fn(pages[0][2], pages[0][1])  # warm-up: lazy imports and caches outside timing
        except Exception:  # noqa: BLE001 - the timed run reports it
            pass
    for name, (scores, speed) in run_interleaved(systems, pages, errors).items():
        s = summarise(scores)
        per_page[name] = scores
        results[name] = {
            "f1": round(s.f1, 4), "precision": round(s.precision, 4),
            "recall": round(s.recall, 4), "exact": round(s.exact, 4),
            "pages_per_s": round(speed, 1), "pages": s.pages, "errors": len(errors[name]),
        }
    names = list(results)
    if len(names) == 2:
        a, b = (results[n] for n in names)
        results["ratio ours/trafilatura"] = {
            k: round(a[k] / b[k], 3) if b[k] else None
            for k in ("f1", "precision", "recall", "exact", "pages_per_s")
        }

    if args.json:
        print(json.dumps(results, indent=2))
        return 0

    print(f"{'system':<24}{'F1':>7}{'P':>7}{'R':>7}{'exact':>7}{'pages/s':>9}")
    for name, r in results.items():
        speed = r["pages_per_s"]
        print(f"{name:<24}{r['f1']:>7.3f}{r['precision']:>7.3f}{r['recall']:>7.3f}"
              f"{r['exact']:>7.3f}{speed:>9.1f}")
    for name, errs in errors.items():
        if errs:
            print(f"\n{name}: {len(errs)} pages raised (scored as empty), first: {errs[0]}")
    ours_name = next((n for n in names if n.startswith("ours")), None)
    if ours_name and args.worst:
        print(f"\nworst {args.worst} pages for {ours_name} (by per-page F1):")
        ranked = sorted(
            zip(per_page[ours_name], pages),
            key=lambda sp: 2 * sp[0].precision * sp[0].recall / ((sp[0].precision + sp[0].recall) or 1),
        )
        for score, (page_id, url, _, _) in ranked[: args.worst]:
            print(f"  {page_id[:10]}  P={score.precision:.3f} R={score.recall:.3f}  {url}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
