"""The synthetic corpus at a small size: every injected conflict is found, and nothing else."""

import pytest

from checker import engine
from checker.config import Config
from checker.corpus import load_corpus
from checker.normalise import normalise
from checker.synthetic import generate


@pytest.mark.parametrize("claims, seed", [(2_000, 1), (6_000, 7)])
def test_every_injected_conflict_is_found_and_nothing_else(tmp_path, claims, seed):
    expected = generate(tmp_path / "corpus", claims, seed=seed)
    normalised = normalise(load_corpus(tmp_path / "corpus"))
    assert normalised.problems == []
    assert len(normalised.claims) == pytest.approx(claims, rel=0.01)
    found = {(finding.rule, finding.claim_ids) for finding in engine.run(normalised, Config()).findings}
    assert found == expected.findings
    assert set(expected.injected) == {
        "value conflict",
        "date conflict",
        "status conflict",
        "stated conversion",
        "unit and dimension",
        "part exceeds whole",
        "derived figure",
        "citation",
        "fuzzy topic name",
        "sub-period over its whole",
        "sum of parts",
        "relabelled figure",
        "weekday",
    }


def test_generation_is_deterministic(tmp_path):
    generate(tmp_path / "a", 1_500, seed=3)
    generate(tmp_path / "b", 1_500, seed=3)
    files = sorted(p.relative_to(tmp_path / "a") for p in (tmp_path / "a").rglob("*") if p.is_file())
    assert files and all((tmp_path / "a" / f).read_bytes() == (tmp_path / "b" / f).read_bytes() for f in files)
