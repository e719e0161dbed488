"""Extraction: entities, figures (counts of people and things), dates, places, events."""
