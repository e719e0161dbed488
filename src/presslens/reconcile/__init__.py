"""Cross-source reconciliation: event mentions from many documents merged into events,
every source's figures side by side with the agreed range and the conflicts, and claims
about the same fact grouped."""
