"""spaCy loading and small helpers over parsed documents."""
