"""Throughput of ``presslens batch``: articles/s and peak memory, per engine and worker count,
against spaCy's own parse (``nlp.pipe``) of the same texts.

    python3 bench/throughput.py                          # 1k and 10k synthetic + PTC (long)
    python3 bench/throughput.py --sizes 200,2000         # a quick run
    python3 bench/throughput.py --sizes 1000 --configs local-2 --no-ptc

Synthetic articles are conflict-news reports of about 600 words, generated from a seed
(figures, places, sources and dates vary). Times are wall-clock for the whole run
(process start-up and model loading included). Peak memory is the largest total resident
memory of this process and all its descendants (workers, Ray processes), sampled every 0.2 s.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path

from machine import describe

PLACES = ["Aleppo", "Mosul", "Gao", "Goma", "Kharkiv", "Marawi", "Sirte", "Bor", "Kidal", "Beni", "Taiz", "Idlib",
          "Mopti", "Maiduguri", "Hodeidah", "Bakhmut", "Raqqa", "Khartoum", "El Fasher", "Kunduz", "Tigray",
          "Cabo Delgado", "Bunia", "Timbuktu", "Donetsk", "Benghazi", "Mogadishu", "Kismayo", "Juba", "Malakal"]
COUNTRIES = ["Syria", "Iraq", "Mali", "Congo", "Ukraine", "the Philippines", "Libya", "South Sudan", "Yemen",
             "Nigeria", "Sudan", "Afghanistan", "Ethiopia", "Mozambique", "Somalia", "Burkina Faso"]
SOURCES = ["Reuters", "AFP", "AP", "Al Jazeera", "BBC", "The Guardian", "Xinhua", "Anadolu", "DW", "France 24"]
GROUPS = ["government forces", "rebel fighters", "the militia", "security forces", "an armed group",
          "the army", "insurgents", "police", "separatist forces", "local defence units"]
SPEAKERS = ["a military spokesman", "the regional governor", "a local official", "a hospital director",
            "the United Nations", "a witness", "the health ministry", "an aid worker", "a police commander",
            "the Red Cross"]
NAMES = ["Ahmed Hassan", "Maria Lopez", "John Okello", "Olena Petrenko", "Ibrahim Diallo", "Fatima Yusuf",
         "David Mensah", "Leila Haddad", "Peter Nkosi", "Amina Bello", "Samuel Kiir", "Nadia Karimi"]
HEDGES = ["at least", "about", "nearly", "more than", "up to", "some", "an estimated", "as many as"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December"]
FILLER = [
    "The area has seen repeated fighting over the past year, and residents say supplies of food and fuel "
    "are running low as roads remain closed.",
    "Humanitarian groups have called for safe passage for civilians and for access to the wounded.",
    "Talks between the two sides stalled last month after a ceasefire collapsed within days.",
    "Schools and markets in the district were closed on Monday, and many families have left for nearby towns.",
    "Independent verification of the figures was not possible because journalists have limited access.",
    "The violence is the worst in the region since the start of the year, according to monitoring groups.",
    "Officials said an investigation had been opened and that those responsible would be held to account.",
    "Local radio reported long queues at checkpoints as people tried to reach the capital.",
    "Analysts say the conflict has drawn in several regional powers, complicating efforts to end it.",
    "Aid agencies warned that the rainy season could make the situation worse for displaced people.",
]


def synthetic_article(rng: random.Random, i: int) -> dict[str, str]:
    place, country, source = rng.choice(PLACES), rng.choice(COUNTRIES), rng.choice(SOURCES)
    group, other = rng.sample(GROUPS, 2)
    month, day, year = rng.choice(MONTHS), rng.randint(1, 28), rng.randint(2012, 2024)
    killed, injured, displaced = rng.randint(2, 300), rng.randint(5, 900), rng.randint(100, 90000)
    paragraphs = [
        f"{place}, {country} ({source}) - {rng.choice(HEDGES).capitalize()} {killed} people were killed and "
        f"{injured} wounded when {group} attacked a market in {place} on {month} {day}, {rng.choice(SPEAKERS)} said.",
        f"\"We counted {killed} bodies by the evening, and the number may rise,\" said {rng.choice(NAMES)}, "
        f"who works at the main hospital in {place}. {rng.choice(SPEAKERS).capitalize()} said {other} had "
        f"responded with heavy shelling of positions outside the town.",
        f"The United Nations said {rng.choice(HEDGES)} {displaced} people had fled their homes since the "
        f"fighting began, many of them women and children. {rng.choice(FILLER)}",
    ]
    while sum(len(p.split()) for p in paragraphs) < 600:
        n = rng.randint(2, 60)
        a, b = rng.sample(GROUPS, 2)
        templates = [
            f"In a separate incident, {n} {rng.choice(['soldiers', 'civilians', 'fighters', 'police officers'])} "
            f"were reportedly killed near {rng.choice(PLACES)}, {rng.choice(SPEAKERS)} told {rng.choice(SOURCES)}.",
            f"{rng.choice(NAMES)}, a spokesman for {a}, denied the accusations and blamed {b} for the attack, "
            f"calling it a cowardly crime against innocent people.",
            f"{rng.choice(SPEAKERS).capitalize()} said {n} people had been abducted from a village on "
            f"{rng.choice(MONTHS)} {rng.randint(1, 28)} and that their whereabouts were unknown.",
            f"Hundreds of people protested in {rng.choice(PLACES)} on Friday, demanding an end to the violence "
            f"and the release of {n} detained activists.",
            rng.choice(FILLER),
            f"{a.capitalize()} said they had arrested {n} suspects, a claim that could not be independently verified.",
        ]
        paragraphs.append(" ".join(rng.sample(templates, 3)))
    return {"id": f"syn-{i:06d}", "text": "\n\n".join(paragraphs), "source": source,
            "published": f"{year}-{MONTHS.index(month) + 1:02d}-{day:02d}",
            "title": f"{killed} killed in attack on market in {place}"}


def write_synthetic(path: Path, n: int, seed: int) -> Path:
    rng = random.Random(seed)
    with path.open("w", encoding="utf-8") as fh:
        for i in range(n):
            fh.write(json.dumps(synthetic_article(rng, i)) + "\n")
    return path


def _tree_stats(root: int) -> tuple[int, dict[int, float]]:
    """Resident bytes of ``root`` and all its descendants, and the CPU seconds (user + system)
    each of them has used so far (Linux /proc)."""
    children: dict[int, list[int]] = {}
    rss: dict[int, int] = {}
    cpu: dict[int, float] = {}
    tick = os.sysconf("SC_CLK_TCK")
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as fh:
                fields = fh.read().rsplit(")", 1)[1].split()
            children.setdefault(int(fields[1]), []).append(int(entry))
            rss[int(entry)] = int(fields[21]) * os.sysconf("SC_PAGE_SIZE")
            cpu[int(entry)] = (int(fields[11]) + int(fields[12])) / tick
        except (OSError, IndexError, ValueError):
            continue
    total, stack, tree_cpu = 0, [root], {}
    while stack:
        pid = stack.pop()
        total += rss.get(pid, 0)
        tree_cpu[pid] = cpu.get(pid, 0.0)
        stack.extend(children.get(pid, []))
    return total, tree_cpu


class PeakMemory:
    """Samples the process tree: peak total resident memory, and CPU seconds used by the tree
    while sampling (a process that ends between two samples loses at most one interval)."""

    def __init__(self, interval: float = 0.2) -> None:
        self.interval, self.peak = interval, 0
        self._start: dict[int, float] = {}
        self._last: dict[int, float] = {}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        first = True
        while not self._stop.is_set():
            rss, cpu = _tree_stats(os.getpid())
            if first:
                self._start, first = dict(cpu), False
            self.peak = max(self.peak, rss)
            for pid, seconds in cpu.items():
                self._last[pid] = max(self._last.get(pid, 0.0), seconds)
            self._stop.wait(self.interval)

    @property
    def cpu_seconds(self) -> float:
        return sum(v - self._start.get(pid, 0.0) for pid, v in self._last.items())

    def __enter__(self) -> PeakMemory:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()
        rss, cpu = _tree_stats(os.getpid())
        for pid, seconds in cpu.items():
            self._last[pid] = max(self._last.get(pid, 0.0), seconds)


def measure(fn: Callable[[], int]) -> tuple[int, float, float, float]:
    """(documents, seconds, peak MiB, CPU seconds of the process tree)."""
    with PeakMemory() as mem:
        start = time.perf_counter()
        n = fn()
        seconds = time.perf_counter() - start
    return n, seconds, mem.peak / 2**20, mem.cpu_seconds


def spacy_rate(texts: list[str]) -> float:
    from presslens.nlp.spacy_model import load_nlp
    from presslens.settings import load_settings

    nlp = load_nlp(load_settings().spacy_model)
    list(nlp.pipe(texts[:5]))
    start = time.perf_counter()
    for _ in nlp.pipe(texts, batch_size=16):
        pass
    return len(texts) / (time.perf_counter() - start)


def component_costs(n: int, seed: int) -> None:
    """CPU seconds per article of spaCy's parse and of each configured component, in this
    process with one model thread (what one batch worker spends)."""
    os.environ.setdefault("PRESSLENS_THREADS", "1")
    from presslens.ingest.records import Record, record_article
    from presslens.pipeline import AnalysisState, Pipeline

    pipeline = Pipeline()
    rng = random.Random(seed)
    articles = [record_article(Record(id=str(i), origin="bench", text=synthetic_article(rng, i)["text"]),
                               pipeline.settings) for i in range(n)]
    pipeline.analyze_many(articles[:2])  # warm-up
    costs: dict[str, float] = {}
    start = time.process_time()
    docs = list(pipeline.nlp.pipe([a.text for a in articles], batch_size=16))
    costs["spaCy parse"] = time.process_time() - start
    for article, doc in zip(articles, docs, strict=True):
        state = AnalysisState(doc=doc, article=article, settings=pipeline.settings)
        for name, component in pipeline.components:
            start = time.process_time()
            component(state)
            costs[name] = costs.get(name, 0.0) + time.process_time() - start
    print(f"| stage ({n} synthetic articles, 1 thread) | CPU s/article |\n|---|---|")
    for name, seconds in sorted(costs.items(), key=lambda kv: -kv[1]):
        print(f"| {name} | {seconds / n:.3f} |")
    print(f"| total | {sum(costs.values()) / n:.3f} |")


def read_texts(spec: str, limit: int | None = None) -> list[str]:
    from presslens.ingest.records import Record, Source, record_article
    from presslens.settings import load_settings

    settings = load_settings()
    texts = []
    for item in Source(spec, max_bytes=settings.max_bytes):
        if isinstance(item, Record):
            try:
                texts.append(record_article(item, settings).text)
            except Exception:  # noqa: BLE001 - the bench counts what analyses
                continue
        if limit and len(texts) >= limit:
            break
    return texts


def run_config(spec: str, config: str, workdir: Path) -> tuple[int, float, float, float, int]:
    from presslens.batch import run_batch

    engine, workers = config.split("-")
    out = workdir / f"out-{config}-{time.monotonic_ns()}"
    summary = None

    def go() -> int:
        nonlocal summary
        summary = run_batch(spec, out, engine=engine, workers=int(workers), chunk_size=500)
        return summary.ok + summary.failed

    n, seconds, peak, cpu = measure(go)
    assert summary is not None
    return n, seconds, peak, cpu, summary.failed


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="1000,10000", help="synthetic corpus sizes, comma-separated")
    parser.add_argument("--configs", default="local-1,local-2,ray-2", help="ENGINE-WORKERS, comma-separated")
    parser.add_argument("--ptc", default="../shared/data/ptc/train/articles", help="PTC articles directory")
    parser.add_argument("--no-ptc", action="store_true", help="skip the PTC articles")
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--spacy-sample", type=int, default=300, help="texts per corpus for the spaCy baseline")
    parser.add_argument("--profile-components", type=int, metavar="N", default=0,
                        help="only print the CPU cost per article of each pipeline stage on N synthetic articles")
    args = parser.parse_args(argv)
    if args.profile_components:
        component_costs(args.profile_components, args.seed)
        return 0

    from presslens.settings import load_settings

    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    configs = [c.strip() for c in args.configs.split(",") if c.strip()]
    corpora: list[tuple[str, str]] = []
    with tempfile.TemporaryDirectory(prefix="presslens-bench-") as tmp:
        workdir = Path(tmp)
        for n in sizes:
            corpora.append((f"synthetic {n}", str(write_synthetic(workdir / f"synthetic-{n}.jsonl", n, args.seed))))
        if not args.no_ptc:
            corpora.append(("PTC train", args.ptc))
        print(f"# presslens batch throughput: {describe()}, {time.strftime('%Y-%m-%d %H:%M')}")
        print(f"# components: {', '.join(load_settings().components)}")
        print("| corpus | words/article | engine | articles | seconds | articles/s | CPU s/article "
              "| articles/s on 2 free cores (CPU-time estimate) | peak MiB | failed | spaCy nlp.pipe art/s (1 proc) "
              "| ratio to spaCy | load avg |")
        print("|---|---|---|---|---|---|---|---|---|---|---|---|---|")
        for label, spec in corpora:
            sample = read_texts(spec, args.spacy_sample)
            words = sum(len(t.split()) for t in sample) / max(1, len(sample))
            spacy = spacy_rate(sample)
            for config in configs:
                n, seconds, peak, cpu, failed = run_config(spec, config, workdir)
                rate = n / seconds
                workers = int(config.split("-")[1])
                # What the run would do with its cores to itself: total CPU over the cores it used.
                free = n / (cpu / min(workers, 2)) if cpu else 0.0
                # The 5-minute load average of the machine: other work on it slows every number.
                load = os.getloadavg()[1]
                print(f"| {label} | {words:.0f} | {config} | {n} | {seconds:.1f} | {rate:.2f} | {cpu / n:.3f} "
                      f"| {free:.1f} | {peak:.0f} | {failed} | {spacy:.1f} | {rate / spacy:.2f} | {load:.1f} |",
                      flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
