"""Turning untrusted bytes (text, HTML, files, stdin) into a clean article text with metadata."""

from presslens.ingest.loader import RawArticle, iter_inputs, load_article, read_source

__all__ = ["RawArticle", "iter_inputs", "load_article", "read_source"]
