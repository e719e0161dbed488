"""Claims: check-worthiness, hedges (uncertainty cues) and attribution (who said it)."""
