"""``presslens train techniques`` end to end on a tiny corpus in the PTC layout: adaptation, one
short epoch, export, calibration, a killed run resumed, checkpoints averaged, and the recipe written into the
model's config.json. Needs the [train] extra (scripts/test installs torch); about a minute."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from presslens.rhetoric.ptc import split

if os.environ.get("PRESSLENS_REQUIRE_TRAIN"):  # scripts/test (and so CI): never skipped there
    import torch  # noqa: F401
    import transformers  # noqa: F401
else:
    pytest.importorskip("torch", reason="training code: needs torch (scripts/test installs it)")
    pytest.importorskip("transformers", reason="training code: needs transformers (the [train] extra)")

from presslens.rhetoric.train import FP32_NODES, train_command  # noqa: E402

PHRASES = [
    ("Loaded_Language", "a shameful betrayal"),
    ("Name_Calling,Labeling", "these cowardly thugs"),
    ("Thought-terminating_Cliches", "Enough is enough"),
    ("Doubt", "Can anyone still believe the ministry's figures?"),
    ("Flag-Waving", "every patriot who loves this country"),
    ("Exaggeration,Minimisation", "the worst massacre in human history"),
]
PLAIN = [
    "Officials said 14 people were killed and about 30 injured when shells hit the market on Monday.",
    "The agency said 2,300 families had been displaced from the eastern districts since March.",
    "A spokesman for the ministry declined to comment on the report.",
    "Aid convoys reached the camp on Thursday, according to the United Nations.",
]


def _corpus(root: Path, n: int = 6) -> Path:
    """``n`` articles, each with plain sentences and two labelled technique phrases."""
    train = root / "train"
    for folder in ("articles", "labels-si", "labels-tc"):
        (train / folder).mkdir(parents=True)
    for k in range(n):
        art_id = str(700 + k)
        text, spans = "", []
        for j in range(2):
            technique, phrase = PHRASES[(k + j) % len(PHRASES)]
            text += PLAIN[(k + j) % len(PLAIN)] + " Critics called it "
            spans.append((technique, len(text), len(text) + len(phrase)))
            text += phrase + ".\n\n"
        (train / "articles" / f"article{art_id}.txt").write_text(text, encoding="utf-8")
        (train / "labels-si" / f"article{art_id}.task-si.labels").write_text(
            "".join(f"{art_id}\t{b}\t{e}\n" for _t, b, e in spans), encoding="utf-8")
        (train / "labels-tc" / f"article{art_id}.task-flc-tc.labels").write_text(
            "".join(f"{art_id}\t{t}\t{b}\t{e}\n" for t, b, e in spans), encoding="utf-8")
    unlabelled = root / "unlabelled" / "articles"  # read, without labels, by the adaptation
    unlabelled.mkdir(parents=True)
    for k, sentence in enumerate(PLAIN):
        (unlabelled / f"article{800 + k}.txt").write_text(sentence + "\n\n" + PLAIN[k - 1] + "\n", encoding="utf-8")
    return root


def _train(*args: str) -> str:
    result = CliRunner().invoke(train_command, ["--threads", "1", "--batch-size", "4", *args])
    assert result.exit_code == 0, result.output
    return result.output


# What torch's ONNX exporter says about the traced graph is not presslens's to fix (the export
# is checked by running it); every other warning still fails the test.
@pytest.mark.filterwarnings("ignore:You are using the legacy TorchScript-based ONNX export:DeprecationWarning")
@pytest.mark.filterwarnings("ignore:The feature will be removed. Please remove usage of this function:DeprecationWarning")
@pytest.mark.filterwarnings("ignore::torch.jit.TracerWarning")
@pytest.mark.filterwarnings("ignore:Exporting aten.+index operator:UserWarning")
def test_a_run_trains_exports_resumes_and_records_its_recipe(tmp_path: Path) -> None:
    from presslens.rhetoric.model_detector import Runtime
    from presslens.rhetoric.ptc import load_articles

    data = _corpus(tmp_path / "ptc")
    articles = load_articles(data)
    assert [len(split(articles, s)) for s in ("validation", "tune", "fit")] == [1, 1, 4]
    out = tmp_path / "run"
    common = ["--data", str(data), "--out", str(out), "--seed", "5", "--crf", "1.0", "--ema", "0.9",
              "--adapt-epochs", "1"]

    log = _train(*common, "--epochs", "1")
    assert "adaptation" in log and (out / "adapted.pt").exists()  # masked-language modelling first
    cfg = json.loads((out / "config.json").read_text(encoding="utf-8"))
    recipe = cfg["recipe"]
    assert recipe["command"].startswith("presslens train techniques ")
    for option in ("--seed 5", "--crf 1.0", "--ema 0.9", "--epochs 1"):
        assert option in recipe["command"]
    assert "--lr" not in recipe["command"]  # defaults are the code's, named by the version
    assert recipe["train_on"] == "fit" and recipe["articles"] == 4 and recipe["epochs_trained"] == 1
    assert "crf" in cfg and "calibration" in cfg  # best-path decoding, calibrated on the tune article
    for name in ("model.onnx", "tc_head.onnx", "tokenizer.json"):
        assert (out / name).stat().st_size > 0
    # int8, except the FFN output projections (kept in fp32), read one window per run
    import onnx

    ops = {n.name: n.op_type for n in onnx.load(str(out / "model.onnx")).graph.node}
    assert all(ops[name] == "MatMul" for name in FP32_NODES)
    assert sum(op == "MatMulInteger" for op in ops.values()) == 31  # 6 layers x 5 + the SI head
    assert cfg["windows_per_run"] == 1

    # the exported model runs without torch's help: onnxruntime over the files just written
    runtime = Runtime(out)
    text = articles[0].text
    best_path = runtime.detect(text)  # may find nothing after one epoch on four articles
    preds = runtime.detect(text, threshold=0.01)  # a low threshold instead of the path: every span
    assert preds
    for pred in best_path + preds:
        assert 0 <= pred.begin < pred.end <= len(text)
        assert abs(sum(p for _t, p in pred.technique_probs) - 1.0) < 1e-3

    # self-training: the unlabelled articles, labelled by the model just exported, join the training
    # articles; its adaptation still reads each unlabelled article once (4 fit + 4 unlabelled)
    student = tmp_path / "student"
    log = _train("--data", str(data), "--out", str(student), "--seed", "5", "--crf", "1.0", "--adapt-epochs", "1",
                 "--epochs", "1", "--self-train", str(out))
    assert "self-training: 4 unlabelled articles" in log
    assert "masked-language modelling on 8 articles" in log
    made = json.loads((student / "config.json").read_text(encoding="utf-8"))["recipe"]
    assert made["articles"] == 4 and made["pseudo_labelled_articles"] == 4

    # a longer run in the same folder resumes after the saved epoch instead of starting over
    log = _train(*common, "--epochs", "2")
    assert "resumed from" in log and "after epoch 1" in log
    assert "adaptation" not in log  # done once: the adapted encoder is in the checkpoint
    assert (out / "epoch2.pt").exists()
    assert json.loads((out / "config.json").read_text(encoding="utf-8"))["recipe"]["epochs_trained"] == 2

    # averaging saved epochs records which checkpoints, and the command that trained each
    soup = tmp_path / "soup"
    _train("--data", str(data), "--out", str(soup), "--export-from", str(out / "epoch1.pt"),
           "--export-from", str(out / "epoch2.pt"))
    made = json.loads((soup / "config.json").read_text(encoding="utf-8"))["recipe"]
    assert [c["epoch"] for c in made["checkpoints"]] == [1, 2]
    assert all("--crf 1.0" in c["recipe"]["command"] for c in made["checkpoints"])
    assert "--export-from" in made["command"]
    assert made["train_on"] == "fit" and all(c["recipe"]["train_on"] == "fit" for c in made["checkpoints"])



# as for the run above: the exporter's own warnings are not presslens's
@pytest.mark.filterwarnings("ignore:You are using the legacy TorchScript-based ONNX export:DeprecationWarning")
@pytest.mark.filterwarnings("ignore:The feature will be removed. Please remove usage of this function:DeprecationWarning")
@pytest.mark.filterwarnings("ignore::torch.jit.TracerWarning")
@pytest.mark.filterwarnings("ignore:Exporting aten.+index operator:UserWarning")
def test_adversarial_training_puts_the_word_embeddings_back_and_is_recorded(tmp_path: Path) -> None:
    """FGM moves the word embeddings for a second pass of each batch; with a learning rate of 0 nothing
    may have moved them after the epoch (a move left in place would add up over the steps). About a minute."""
    import torch
    import transformers

    from presslens.rhetoric.train import build_model

    data = _corpus(tmp_path / "ptc")
    out = tmp_path / "fgm"
    _train("--data", str(data), "--out", str(out), "--seed", "5", "--crf", "1.0", "--epochs", "1",
           "--lr", "0", "--adversarial", "1.0")
    name = "encoder.embeddings.word_embeddings.weight"
    trained = torch.load(out / "epoch1.pt", weights_only=False)["model"][name]
    start = build_model(torch, transformers).state_dict()[name]
    assert torch.allclose(trained, start, atol=1e-6)
    assert "--adversarial 1.0" in json.loads((out / "config.json").read_text(encoding="utf-8"))["recipe"]["command"]
    # and the second pass is learnt: the same seed with and without it ends elsewhere
    ends = []
    for extra in ([], ["--adversarial", "1.0"]):
        run = tmp_path / f"run{len(extra)}"
        _train("--data", str(data), "--out", str(run), "--seed", "5", "--crf", "1.0", "--epochs", "1", *extra)
        ends.append(torch.load(run / "epoch1.pt", weights_only=False)["model"][name])
    assert not torch.allclose(ends[0], ends[1], atol=1e-6)


def test_a_file_that_is_no_checkpoint_gets_a_one_line_error(tmp_path: Path) -> None:
    not_a_checkpoint = tmp_path / "config.json"
    not_a_checkpoint.write_text('{"threshold": 0.5}', encoding="utf-8")
    result = CliRunner().invoke(train_command, ["--out", str(tmp_path / "out"), "--export-from", str(not_a_checkpoint)])
    assert result.exit_code == 1
    assert "[E310]" in result.output and "is not a checkpoint" in result.output
    assert "Traceback" not in result.output
