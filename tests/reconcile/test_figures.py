"""Per-source figure comparison: intervals, conflicts, the agreed range."""

from __future__ import annotations

import math

from presslens.reconcile.figures import SourceFigure, describe, summarise

_n = iter(range(1, 10_000))


def fig(source, value=None, low=None, high=None, approximate=False, category="killed", hedges=(), negated=False):
    return SourceFigure(figure_id=next(_n), document_id=source, source=source, published="2024-01-01",
                        category=category, text=str(value), value=value, low=low, high=high,
                        approximate=approximate, negated=negated, hedges=list(hedges))


def test_intervals_follow_the_figure_wording():
    assert fig("a", 52, 52, 52).interval() == (52, 52)
    assert fig("a", 50, 50, None, True).interval() == (50, math.inf)  # at least 50
    assert fig("a", None, 24, None, True).interval() == (24, math.inf)  # dozens
    assert fig("a", 30, None, 30, True).interval() == (0, 30)  # up to 30
    assert fig("a", 70, None, None, True).interval() == (56, 84)  # about 70
    assert fig("a", 30, 30, 30, hedges=[{"kind": "epistemic", "text": "may"}]).interval() == (30, 30)
    assert fig("a", 30, hedges=[{"kind": "epistemic", "text": "may"}]).interval() == (24, 36)
    assert fig("a").interval() is None


def test_exact_figures_that_differ_conflict_ranges_that_cover_do_not():
    rows = [fig("wire", 52, 52, None, True), fig("un", 50, 50, None, True), fig("ministry", 11, 11, 11),
            fig("party", None, 24, None, True)]
    (s,) = summarise(rows)
    assert s.conflicts == [("ministry", "party"), ("ministry", "un"), ("ministry", "wire")]
    assert [r.conflict for r in s.rows] == [True, True, True, True]
    assert describe(s.agreed) == "at least 52" and s.agreeing_sources == 3


def test_consistent_sources_agree_without_conflict():
    (s,) = summarise([fig("a", 7, 7, 7), fig("b", 7, 7, 7), fig("c", None, 5, 10)])
    assert s.conflicts == [] and describe(s.agreed) == "7" and s.agreeing_sources == 3


def test_categories_are_compared_separately_and_negated_figures_ignored():
    rows = [fig("a", 7, 7, 7, category="abducted"), fig("b", 7, 7, 7, category="missing"),
            fig("c", 0, 0, 0, category="abducted", negated=True)]
    out = {s.category: s for s in summarise(rows)}
    assert set(out) == {"abducted", "missing"}
    assert not out["abducted"].conflicts and not out["missing"].conflicts


def test_a_source_never_conflicts_with_itself_and_repeats_share_the_verdict():
    a1, a2, a3 = fig("a", 52, 52, 52), fig("a", 11, 11, 11), fig("a", 52, 52, 52)
    a2.attribution = "the army"  # another word in the same report (on the same word, 11 would be a part of 52)
    b = fig("b", 52, 52, 52)
    (s,) = summarise([a1, a2, a3, b])
    assert s.conflicts == [("a", "b")]
    # b conflicts with a's 11, not with a's 52 (which it repeats).
    assert a1.conflict is False and a3.conflict is False and a2.conflict is True and b.conflict is True


def test_describe():
    assert describe((20, 30)) == "20\u201330" and describe((0, 30)) == "up to 30" and describe(None) == ""


def test_sources_that_each_stand_alone_agree_on_nothing_and_the_lowest_is_kept():
    (s,) = summarise([fig("wire", 12, 12, 12), fig("army", 4, 4, 4), fig("residents", 15, 15, None, True)])
    # before, the lowest figure was called "agreed" by one source
    assert s.agreed is None and s.agreeing_sources == 0
    assert s.to_dict()["agreed"] == "" and s.to_dict()["lowest"] == 4
    (one,) = summarise([fig("wire", 12, 12, 12)])
    assert describe(one.agreed) == "12" and one.agreeing_sources == 1


def test_the_acled_export_writes_the_most_conservative_figure_where_sources_agree_on_nothing():
    import csv
    import io

    from presslens.web.api import acled_rows

    (s,) = summarise([fig("wire", 12, 12, 12), fig("army", 4, 4, 4)])
    event = {"id": 1, "date_first": "2025-06-03", "type": "attack", "actors": [], "location": "Sarvan",
             "country": None, "figures": [s.to_dict()],
             "mentions": [{"source": "wire", "evidence": "An airstrike killed 12.", "hedged": False,
                           "attribution": None, "document_id": "d1", "title": "t"}]}
    row = next(csv.DictReader(io.StringIO(acled_rows([event]))))
    assert row["fatalities"] == "4"


def test_a_statement_of_no_deaths_conflicts_with_a_toll():
    # "No protester was killed" (a figure of 0) against "At least 34" and "between 40 and 50"
    ministry, group, activists = fig("ministry", 0, 0, 0), fig("group", 34, 34, None, True), fig("activists", None, 40, 50, True)
    (s,) = summarise([ministry, group, activists])
    assert ministry.interval() == (0, 0) and describe(ministry.interval()) == "0"
    assert s.conflicts == [("activists", "ministry"), ("group", "ministry")]
    assert describe(s.agreed) == "40\u201350" and s.agreeing_sources == 2


def test_a_part_of_a_sources_own_total_is_no_rival_figure():
    """The monitors' "at least 22 civilians, including six children" and "the names of 19 of the
    dead" are parts of their 22: the wire's 14 and the ministry's 8 conflict with the 22, and
    the most conservative toll is the ministry's 8, not the monitors' six children."""
    ngo = [fig("ngo", 22, 22, None, True), fig("ngo", 6, 6, 6), fig("ngo", 19, 19, 19)]
    rows = [*ngo, fig("wire", 14, 14, 14), fig("ministry", 8, 8, 8)]
    (s,) = summarise(rows)
    assert [r.part for r in ngo] == [False, True, True]
    assert not ngo[1].conflict and not ngo[2].conflict
    assert s.conflicts == [("ministry", "ngo"), ("ministry", "wire"), ("ngo", "wire")]
    assert s.lowest == 8
    # another source's smaller figure is a rival, not a part
    (s,) = summarise([fig("a", 22, 22, 22), fig("b", 6, 6, 6)])
    assert s.conflicts == [("a", "b")] and s.lowest == 6


def test_a_part_on_the_word_of_the_group_named_before_is_still_a_part():
    """ "The Sarem Monitoring Group said at least 22 civilians were killed ... The group said it
    had the names of 19 of the dead": "The group" is the monitors, so 19 is a part of their 22.
    Another source's "the group" with a different head word stays apart."""
    total, named = fig("ngo", 22, 22, None, True), fig("ngo", 19, 19, 19)
    total.attribution, named.attribution = "The Sarem Monitoring Group", "The group"
    (s,) = summarise([total, named, fig("wire", 14, 14, 14)])
    assert named.part and not total.part
    assert s.conflicts == [("ngo", "wire")]
    ministry, army = fig("doc", 22, 22, 22), fig("doc", 6, 6, 6)
    ministry.attribution, army.attribution = "The Ministry of Health", "the army"
    summarise([ministry, army])
    assert not army.part
