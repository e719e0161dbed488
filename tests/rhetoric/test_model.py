"""The shipped technique model (onnxruntime + tokenizers), on short texts written for these tests."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

from presslens.rhetoric.model_detector import MODEL_FILES, default_model_dir, load_runtime, to_techniques

LOADED = ("The corrupt, bloodthirsty regime unleashed a barbaric, savage massacre on innocent children, "
          "and its cowardly thugs will stop at nothing to destroy our great nation.")
NEUTRAL = "The council meeting is scheduled for Tuesday at 10 a.m. in the town hall on Main Street."
ARTICLE = f"Council notes\n\n{NEUTRAL}\n{LOADED}\nThe minutes will be published on Friday.\n"


@pytest.fixture(scope="module")
def runtime():
    return load_runtime()


def test_shipped_model_is_complete_and_small():
    d = default_model_dir()
    assert all((d / f).is_file() for f in MODEL_FILES)
    assert (d / "MODEL_CARD.md").is_file()
    total = sum(p.stat().st_size for p in d.iterdir() if p.is_file())
    assert total < 40 * 1024 * 1024


def test_runtime_is_loaded_once_per_process(runtime):
    assert load_runtime() is runtime


def test_loaded_language_gets_a_span_and_neutral_sentence_does_not(runtime):
    preds = runtime.detect(ARTICLE)
    techs = to_techniques(preds, ARTICLE, runtime)
    loaded_start = ARTICLE.index(LOADED)
    neutral_start = ARTICLE.index(NEUTRAL)
    in_loaded = [t for t in techs if loaded_start <= t.start < loaded_start + len(LOADED)]
    in_neutral = [t for t in techs if neutral_start <= t.start < neutral_start + len(NEUTRAL)]
    assert in_loaded, "the loaded-language sentence should get at least one span"
    assert max(t.score for t in in_loaded) > max([t.score for t in in_neutral], default=0.0)
    assert all(t.score < 0.3 for t in in_neutral)
    for t in in_loaded:
        assert ARTICLE[t.start:t.end] == t.text
        assert t.component == "techniques.model"
        assert "Here “" in t.explanation and len(t.explanation) > 60
        assert 0.0 <= t.score <= 1.0


def test_min_score_filters(runtime):
    preds = runtime.detect(ARTICLE)
    everything = to_techniques(preds, ARTICLE, runtime, min_score=0.0)
    high = to_techniques(preds, ARTICLE, runtime, min_score=0.99)
    assert everything and len(high) < len(everything)
    assert all(t.score >= 0.99 for t in high)


def test_classify_gives_a_distribution_over_the_14_techniques(runtime):
    b = ARTICLE.index("barbaric")
    (pred,) = runtime.classify(ARTICLE, [(b, b + len("barbaric, savage massacre"))])
    assert len(pred.technique_probs) == 14
    assert sum(p for _, p in pred.technique_probs) == pytest.approx(1.0, abs=1e-4)


def test_analyze_without_torch_uses_the_model(tmp_path: Path):
    article = tmp_path / "piece.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    code = (
        "import sys\n"
        "for name in ('torch', 'transformers', 'sentence_transformers'):\n"
        "    sys.modules[name] = None  # any import of these now raises ImportError\n"
        "from presslens.cli import main\n"
        f"main(['analyze', '-f', 'json', {str(article)!r}])\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr[-2000:]
    result = json.loads(proc.stdout)
    assert "techniques.model" in result["components"]
    model_flags = [t for t in result["techniques"] if t["component"] == "techniques.model"]
    assert model_flags
    assert any(t["start"] >= ARTICLE.index(LOADED) for t in model_flags)


def _gated_copy(tmp_path: Path, bias: float, threshold: float) -> Path:
    """The shipped model with a sentence gate added to its config (a constant gate: weights 0)."""
    d = tmp_path / f"gated{bias}"
    d.mkdir()
    for f in MODEL_FILES:
        if f != "config.json":
            (d / f).symlink_to(default_model_dir() / f)
    cfg = json.loads((default_model_dir() / "config.json").read_text(encoding="utf-8"))
    cfg["sentence_gate"] = {"weight": [0.0] * int(cfg["hidden"]), "bias": bias}
    cfg["gate_threshold"] = threshold
    (d / "config.json").write_text(json.dumps(cfg), encoding="utf-8")
    return d


def test_sentence_gate_in_config_is_applied(runtime, tmp_path: Path):
    from presslens.rhetoric.model_detector import Runtime

    ungated = [(p.begin, p.end) for p in runtime.detect(ARTICLE)]
    assert ungated
    # a gate that passes every sentence (p = 0.88 >= 0.5) changes nothing; one that rules out
    # every sentence (p = 0.12 < 0.5) leaves no span
    passing = Runtime(_gated_copy(tmp_path, 2.0, 0.5))
    assert [(p.begin, p.end) for p in passing.detect(ARTICLE)] == ungated
    closed = Runtime(_gated_copy(tmp_path, -2.0, 0.5))
    assert closed.detect(ARTICLE) == []
    # evaluate --no-gate: the same model decoded with its gate off
    assert [(p.begin, p.end) for p in closed.detect(ARTICLE, gate_threshold=0.0)] == ungated


def test_min_span_score_drops_the_best_path_spans_under_it(runtime, tmp_path: Path):
    from presslens.rhetoric.model_detector import Runtime

    out = runtime._run(ARTICLE, None)
    spans = runtime.decode(out, min_span_score=0.0)
    assert len(spans) >= 2, "the loaded sentence should give several best-path spans"
    scores = sorted(float(out.p_span[toks].mean()) for _b, _e, toks in spans)
    floor = (scores[0] + scores[-1]) / 2  # between the least and the most sure span
    kept = runtime.decode(out, min_span_score=floor)
    assert 0 < len(kept) < len(spans)
    assert {(b, e) for b, e, _ in kept} <= {(b, e) for b, e, _ in spans}
    assert all(float(out.p_span[toks].mean()) >= floor for _b, _e, toks in kept)
    # the same floor read from a model's config (crf_min_span_score) is what detect applies
    d = tmp_path / "floored"
    d.mkdir()
    for f in MODEL_FILES:
        if f != "config.json":
            (d / f).symlink_to(default_model_dir() / f)
    cfg = json.loads((default_model_dir() / "config.json").read_text(encoding="utf-8"))
    cfg["crf_min_span_score"] = floor
    (d / "config.json").write_text(json.dumps(cfg), encoding="utf-8")
    assert [(p.begin, p.end) for p in Runtime(d).detect(ARTICLE)] == [(b, e) for b, e, _ in kept]


def _paragraph(topic: str) -> str:
    # about 100 tokens, so that two such paragraphs never share a window of at most 160
    return " ".join(f"The {topic} committee met on day {n} and published its report on the {topic} budget."
                    for n in range(1, 7))


def test_a_window_reads_the_same_whatever_the_other_windows_are():
    """int8 activations take one scale per encoder run: with one window per run (the shipped
    setting) a paragraph's token probabilities do not depend on the article's other paragraphs."""
    from presslens.rhetoric.model_detector import Runtime

    first = _paragraph("water")
    calm = f"{first}\n\n{_paragraph('school')}\n"
    loud = f"{first}\n\nTHE TRAITORS!!! " + "Liars, thugs, butchers and cowards!!! " * 12 + "\n"
    shipped = load_runtime()
    assert shipped.windows_per_run == 1  # read from the shipped config.json
    batched = Runtime(default_model_dir())
    batched.windows_per_run = 16  # the runtime's default for configs without the setting

    def first_paragraph(rt, text):
        out = rt._run(text, None)
        assert len(out.enc.windows) >= 2  # the first paragraph has a window of its own
        a, b = out.enc.windows[0]
        return out.p_span[a:b]

    assert (first_paragraph(shipped, calm) == first_paragraph(shipped, loud)).all()
    # the same two articles, their windows run together: the loud one moves the first's figures
    assert not (first_paragraph(batched, calm) == first_paragraph(batched, loud)).all()


def test_a_flag_stops_where_its_paragraph_ends_or_metadata_begins():
    from types import SimpleNamespace

    from presslens.rhetoric.model_detector import SpanPrediction, within_paragraph

    text = "Riot engulfs Kholm Central Prison\n\nKHOLM - At least five people were killed.\n\nYours, in grief,\nTomas Ardelian"
    state = SimpleNamespace(text=text, skip_ranges=[(text.index("Tomas"), len(text))])

    def cut(begin: int, end: int) -> str | None:
        kept = within_paragraph(state, SpanPrediction(begin, end, 0.9, [("Loaded_Language", 0.9)], 0))  # type: ignore[arg-type]
        return None if kept is None else text[kept.begin:kept.end]

    assert cut(text.index("engulfs"), text.index("KHOLM") + 5) == "engulfs Kholm Central Prison"
    assert cut(text.index("Yours"), len(text)) == "Yours, in grief,"
    assert cut(text.index("At least"), text.index("killed")) == "At least five people were"  # untouched
    assert cut(text.index("Prison") + 6, text.index("KHOLM") + 5) == "KHOLM"
