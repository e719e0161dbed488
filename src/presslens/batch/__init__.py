"""Batch analysis at scale: stream an archive through a local process pool or Ray Data into
a resumable JSONL/Parquet dataset (``presslens batch``)."""

from presslens.batch.runner import BatchSummary, run_batch

__all__ = ["BatchSummary", "run_batch"]
