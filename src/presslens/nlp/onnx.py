"""onnxruntime sessions for the shipped models (claims and techniques), set up one way."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any


def cpu_session(path: Path, threads: int | None = None) -> Any:
    """An onnxruntime CPU session for the model at ``path``. Threads: ``threads``, else
    PRESSLENS_THREADS (batch workers set it so that several processes do not oversubscribe
    the cores), else up to 4. No busy-waiting between runs: spaCy and the rule components
    share the cores. The caller has checked that onnxruntime imports."""
    import onnxruntime as ort

    opts = ort.SessionOptions()
    opts.intra_op_num_threads = threads or int(os.environ.get("PRESSLENS_THREADS", "0")) or \
        min(4, os.cpu_count() or 1)
    opts.inter_op_num_threads = 1
    opts.log_severity_level = 3
    opts.add_session_config_entry("session.intra_op.allow_spinning", "0")
    return ort.InferenceSession(str(path), opts, providers=["CPUExecutionProvider"])
