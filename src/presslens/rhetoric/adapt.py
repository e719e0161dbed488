"""Task-adaptive pretraining of the encoder (``presslens train techniques --adapt-epochs N``).

Before the technique heads are trained, the MiniLM encoder goes on with masked-language
modelling on the texts it will be fine-tuned on plus the unlabelled PTC articles, read
name-blind as at analysis time (Gururangan et al., "Don't Stop Pretraining", ACL 2020),
and any further folders of plain news text given with ``--adapt-text`` (domain-adaptive
pretraining: more text of the same kind than PTC's 90 unlabelled articles).
The tune and validation articles are never read. all-MiniLM-L6-v2 ships without its MLM
head, so a fresh one is trained alongside (its decoder tied to the word embeddings) and
dropped afterwards; only the encoder's weights are kept. Needs the ``[train]`` extra.
"""

from __future__ import annotations

import math
import os
import random
import time
from pathlib import Path
from typing import Any

from presslens.errors import PresslensError
from presslens.rhetoric import features as F
from presslens.rhetoric.ptc import PtcArticle
from presslens.rhetoric.train import warmup_linear_schedule

MASK_ID = 103  # [MASK] in the MiniLM WordPiece vocabulary
VOCAB = 30522
SPECIAL = {F.PAD_ID, F.CLS_ID, F.SEP_ID, MASK_ID, 100}  # [PAD] [CLS] [SEP] [MASK] [UNK]


def mask_tokens(ids: list[int], rng: random.Random, share: float = 0.15) -> tuple[list[int], list[int]]:
    """BERT's masking: ``share`` of the ordinary tokens are targets; of those 80% become
    [MASK], 10% a random token and 10% stay. Returns (inputs, targets with -100 elsewhere)."""
    inputs, targets = list(ids), [-100] * len(ids)
    for k, t in enumerate(ids):
        if t in SPECIAL or rng.random() >= share:
            continue
        targets[k] = t
        r = rng.random()
        if r < 0.8:
            inputs[k] = MASK_ID
        elif r < 0.9:
            inputs[k] = rng.randrange(1000, VOCAB)  # below 1000: [unused] and special tokens
    return inputs, targets


def read_texts(folder: Path) -> list[PtcArticle]:
    """Every ``*.txt`` under ``folder`` (sorted, so runs are reproducible) as an unlabelled
    article. Files that are empty or not UTF-8 are skipped; a folder with none left is an error."""
    texts = []
    for path in sorted(folder.rglob("*.txt")):
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            continue
        if text.strip():
            texts.append(PtcArticle(id=f"{folder.name}/{path.relative_to(folder)}", text=text))
    if not texts:
        raise PresslensError("E308", path=folder)
    return texts


def adapt_encoder(encoder: Any, torch: Any, transformers: Any, tok: Any, articles: list[PtcArticle], out: Path,
                  epochs: int, max_len: int, batch_size: int, lr: float, seed: int, log: Any = print) -> None:
    """MLM on ``articles`` for ``epochs``, updating ``encoder`` (a transformers BertModel) in
    place. Weights are saved to ``out/adapted.pt`` after each epoch; a restarted run resumes."""
    cfg = encoder.config
    nn = torch.nn
    # BERT's prediction head: transform + LayerNorm, decoder tied to the word embeddings
    head = nn.Sequential(nn.Linear(cfg.hidden_size, cfg.hidden_size), nn.GELU(),
                         nn.LayerNorm(cfg.hidden_size, eps=cfg.layer_norm_eps))
    bias = nn.Parameter(torch.zeros(cfg.vocab_size))
    params = list(encoder.parameters()) + list(head.parameters()) + [bias]
    # the head starts from nothing: it learns faster than the encoder moves (as the technique heads do)
    groups = [{"params": list(encoder.parameters()), "lr": lr},
              {"params": list(head.parameters()) + [bias], "lr": lr * 20}]
    windows = [w for art in articles for w in _windows(tok, art.text, max_len)]
    steps_per_epoch = math.ceil(len(windows) / batch_size)
    total = steps_per_epoch * epochs
    opt = torch.optim.AdamW(groups, weight_decay=0.01)
    sched = warmup_linear_schedule(torch, opt, total)
    ckpt = out / "adapted.pt"
    start = 0
    if ckpt.exists():
        state = torch.load(ckpt, weights_only=False)
        encoder.load_state_dict(state["encoder"])
        head.load_state_dict(state["head"])
        bias.data.copy_(state["bias"])
        opt.load_state_dict(state["opt"])
        sched.load_state_dict(state["sched"])
        start = state["epoch"] + 1
        log(f"adaptation: resumed from {ckpt} after epoch {start}")
    log(f"adaptation: masked-language modelling on {len(articles)} articles, {len(windows)} windows, "
        f"{epochs} epochs")
    for epoch in range(start, epochs):
        encoder.train()
        rng = random.Random(seed * 7919 + epoch)
        torch.manual_seed(seed * 7919 + epoch)
        order = list(range(len(windows)))
        rng.shuffle(order)
        t0, run, n_tok = time.time(), 0.0, 0
        for k, s in enumerate(range(0, len(order), batch_size), start=1):
            rows = [mask_tokens(windows[i], rng) for i in order[s: s + batch_size]]
            L = max(len(r[0]) for r in rows)
            ids = torch.tensor([r[0] + [F.PAD_ID] * (L - len(r[0])) for r in rows])
            targets = torch.tensor([r[1] + [-100] * (L - len(r[1])) for r in rows])
            h = encoder(input_ids=ids, attention_mask=(ids != F.PAD_ID).long()).last_hidden_state
            chosen = targets != -100
            if not bool(chosen.any()):
                continue
            # the vocabulary projection only where there is something to predict
            logits = head(h[chosen]) @ encoder.embeddings.word_embeddings.weight.T + bias
            loss = nn.functional.cross_entropy(logits, targets[chosen])
            loss.backward()
            torch.nn.utils.clip_grad_norm_(params, 1.0)
            opt.step()
            sched.step()
            opt.zero_grad()
            run += loss.item()
            n_tok += int((ids != F.PAD_ID).sum())
            if k % 20 == 0:
                dt = time.time() - t0
                log(f"adaptation epoch {epoch + 1} step {k}/{steps_per_epoch} mlm {run / k:.3f} "
                    f"{n_tok / dt:.0f} tok/s")
        torch.save({"encoder": encoder.state_dict(), "head": head.state_dict(), "bias": bias.detach(),
                    "opt": opt.state_dict(), "sched": sched.state_dict(), "epoch": epoch}, ckpt.with_suffix(".tmp"))
        os.replace(ckpt.with_suffix(".tmp"), ckpt)
        log(f"adaptation epoch {epoch + 1} done in {(time.time() - t0) / 60:.1f} min, mlm loss "
            f"{run / max(1, steps_per_epoch):.3f}")


def _windows(tok: Any, text: str, max_len: int) -> list[list[int]]:
    enc = F.encode(tok, text, max_len=max_len)
    return [enc.window_inputs(k) for k in range(len(enc.windows))]
