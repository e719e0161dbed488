"""Turning untrusted bytes (text, HTML, files, stdin) into a clean article text with metadata."""

from presslens.ingest.loader import RawArticle, article_from_text, iter_inputs, load_article, read_source

__all__ = ["RawArticle", "article_from_text", "iter_inputs", "load_article", "read_source"]
