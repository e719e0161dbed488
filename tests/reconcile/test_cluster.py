"""Clustering event mentions: compatibility rules, blocking, and near-linear cost."""

from __future__ import annotations

from datetime import date

from presslens.reconcile.cluster import Clusterer, ClusterOptions, MentionIn, cluster_mentions, compatible
from presslens.reconcile.synthetic import bcubed, generate


def m(i, doc, type_="attack", day=date(2024, 3, 14), places=("tarnak",), text="rockets hit the market in tarnak",
      actors=()):
    return MentionIn(id=i, document_id=doc, type=type_, date=day, published=day, places=frozenset(places),
                     actors=frozenset(actors), text=text)


def test_type_compatibility():
    assert compatible("attack", "killing") and compatible("armed_clash", "attack") and compatible("other", "arrest")
    assert not compatible("abduction", "attack") and not compatible("protest", "arrest")


def test_reports_of_one_incident_merge_and_others_stay_apart():
    mentions = [
        m(1, "a"), m(2, "b", "killing", date(2024, 3, 15), text="the market in tarnak was shelled, killing many"),
        m(3, "c", places=(), text="massacre at the tarnak market"),  # no place recognised, names it
        m(4, "d", places=("hollin",), text="rockets hit the market in hollin"),  # other place
        m(5, "e", day=date(2024, 3, 25)),  # outside the date window
        m(6, "f", "abduction", text="gunmen abducted workers in tarnak"),  # incompatible type
        m(7, "a", text="another attack in tarnak"),  # same document as 1: a different event by definition
    ]
    clusters, unplaced = cluster_mentions(mentions, options=ClusterOptions(use_embeddings=False))
    groups = sorted(sorted(c) for c in clusters)
    assert [1, 2, 3] in groups
    assert all(len(g) == 1 for g in groups if g != [1, 2, 3])
    assert len(groups) == 5 and unplaced == []


def test_a_range_of_days_matches_a_report_of_any_of_its_days():
    fighting = "fighting in the dorsa valley displaced thousands"
    week = MentionIn(id=1, document_id="a", type="relocation", date=date(2024, 5, 2), date_last=date(2024, 5, 12),
                     published=date(2024, 5, 13), places=frozenset({"dorsa"}), actors=frozenset(), text=fighting)
    assert len(week.days()) == 11
    late = m(2, "b", "relocation", date(2024, 5, 12), ("dorsa",), fighting)  # 10 days after the range opens
    after = m(3, "c", "relocation", date(2024, 5, 25), ("dorsa",), fighting)  # 13 days after it closes
    clusters, unplaced = cluster_mentions([week, late, after], options=ClusterOptions(use_embeddings=False))
    assert sorted(map(sorted, clusters)) == [[1, 2], [3]] and unplaced == []
    one_day = m(4, "d", day=date(2024, 5, 2))
    assert one_day.days() == [date(2024, 5, 2)]


def test_undated_mentions_join_an_event_or_are_left_out():
    undated_same = MentionIn(id=2, document_id="b", type="attack", date=None, published=date(2024, 3, 15),
                             places=frozenset({"tarnak"}), actors=frozenset(), text="rockets hit the market in tarnak")
    undated_alone = MentionIn(id=3, document_id="c", type="attack", date=None, published=date(2024, 3, 15),
                              places=frozenset({"hollin"}), actors=frozenset(), text="an attack last year")
    clusters, unplaced = cluster_mentions([m(1, "a"), undated_same, undated_alone],
                                          options=ClusterOptions(use_embeddings=False))
    assert sorted(map(sorted, clusters)) == [[1, 2]] and unplaced == [3]


def test_blocking_keeps_comparisons_near_linear_and_quality_high():
    counts = {}
    for n in (1000, 4000):
        data = generate(n, seed=1)
        c = Clusterer(ClusterOptions(), data.vectors)
        clusters, _ = c.run(data.mentions)
        counts[n] = c.comparisons
        precision, recall = bcubed(clusters, data.truth)
        assert precision > 0.9 and recall > 0.8, (n, precision, recall)
    # All pairs would grow 16x; blocking grows about 4x.
    assert counts[4000] / counts[1000] < 6
