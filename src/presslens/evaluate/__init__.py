"""Scoring presslens against gold data: the hand-made gold articles and public corpora."""
