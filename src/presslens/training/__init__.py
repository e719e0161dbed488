"""Training the shipped models (needs the optional ``[train]`` extra: PyTorch, transformers)."""
