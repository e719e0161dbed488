"""Rhetoric: propaganda and persuasion techniques (the 14 labels of SemEval-2020 Task 11)."""
