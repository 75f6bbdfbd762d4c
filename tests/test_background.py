"""A stage run in a forked process beside the rest of the check gives what it gives in one
process, and the check never depends on the child: when it dies or fails, the stage runs
in the calling process."""

import os
import sys
import threading

import pandas as pd
import pytest

from checker import background, normalise
from checker.cli import main
from checker.corpus import load_corpus
from checker.synthetic import generate
from conftest import build_corpus, claim

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="stages are forked on Linux only")


@pytest.fixture(autouse=True)
def _threads_of_this_test_only(monkeypatch):
    """Forking waits for a process with no other thread; threads that other test modules
    left idle in this process are not these tests' subject, so only the threads a test
    starts itself are counted."""
    before = set(threading.enumerate()) - {threading.main_thread()}
    monkeypatch.setattr(threading, "active_count", lambda: sum(t not in before for t in threading.enumerate()))


def _pid_and(value):
    return os.getpid(), value


def _dies_in_a_child(parent: int):
    if os.getpid() != parent:
        os._exit(3)
    return "computed here"


def _fails(message: str):
    raise ValueError(message)


def _unsendable():
    return os.getpid(), lambda: None  # a lambda cannot be pickled


def test_a_stage_is_computed_in_a_child_and_its_result_received():
    pending = background.Pending(_pid_and, {"rows": [1, 2, 3]})
    pid, value = pending.result()
    assert pending.where == "child" and pid != os.getpid()
    assert value == {"rows": [1, 2, 3]}
    assert pending.result() == (pid, value)  # asked again: the same, not computed again


def test_without_fork_the_stage_runs_here_when_asked():
    pending = background.Pending(_pid_and, "x", fork=False)
    assert pending.result() == (os.getpid(), "x")
    assert pending.where == "here"


def test_a_child_that_dies_leaves_the_stage_to_this_process():
    pending = background.Pending(_dies_in_a_child, os.getpid())
    assert pending.result() == "computed here"
    assert pending.where == "here"


def test_a_stage_that_fails_raises_here_and_the_child_prints_nothing(capfd):
    pending = background.Pending(_fails, "no such topic")
    with pytest.raises(ValueError, match="no such topic"):
        pending.result()
    with pytest.raises(ValueError, match="no such topic"):  # asked again: raised again, never a missing result
        pending.result()
    assert pending.where == ""
    assert capfd.readouterr().err == ""  # the child's failure is not a traceback on the terminal


def _stalls_in_a_child(parent: int):
    if os.getpid() != parent:
        threading.Event().wait()  # stuck: no processor time moves
    return "computed here"


def test_a_stuck_child_is_stopped_and_the_stage_runs_here(monkeypatch):
    monkeypatch.setattr(background, "STALLED_SECONDS", 1.0)
    pending = background.Pending(_stalls_in_a_child, os.getpid())
    assert pending.result() == "computed here"
    assert pending.where == "here"


def test_no_fork_while_another_thread_runs():
    release = threading.Event()
    thread = threading.Thread(target=release.wait)
    thread.start()
    try:
        assert not background.can_fork()
        pending = background.Pending(_pid_and, "x")
        assert pending.result() == (os.getpid(), "x") and pending.where == "here"
    finally:
        release.set()
        thread.join()
    assert background.can_fork()


def test_a_child_that_cannot_start_leaves_the_stage_here(monkeypatch):
    import multiprocessing.context

    def refuse(self):
        raise AssertionError("daemonic processes are not allowed to have children")

    monkeypatch.setattr(multiprocessing.context.ForkProcess, "start", refuse)
    pending = background.Pending(_pid_and, "x")
    assert pending.result() == (os.getpid(), "x") and pending.where == "here"


def test_a_result_the_child_cannot_send_is_computed_here(capfd):
    pending = background.Pending(_unsendable)
    pid, function = pending.result()
    assert pending.where == "here" and pid == os.getpid() and callable(function)
    assert capfd.readouterr().err == ""


@pytest.fixture
def beside(monkeypatch):
    """Normalisation forks its checks of the claims as read at any size, on any machine;
    the list receives each forked stage."""
    stages = []

    class Recorded(background.Pending):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            stages.append(self)

    monkeypatch.setattr(normalise, "BESIDE_FROM", 0)
    monkeypatch.setattr(background, "cores", lambda: 2)
    monkeypatch.setattr(background, "Pending", Recorded)
    return stages


TEXT = (
    "Trade reached USD 12.42 billion in 2024, up from USD 3 billion in 2023.\n"
    "In 2022 it was USD 7 billion, officials said.\n"
    "On 17 April 2024 the court ruled.\n"
    "Moscow has still not recognised the government.\n"
)
CLAIMS = {
    "first": [
        claim("a-1", "trade", "USD 12.42 billion", period="2024", quote="Trade reached USD 12.42 billion in 2024"),
        claim("a-1", "trade", "USD 3 billion", period="2023", quote="up from USD 3 billion in 2023"),
        claim("bad id!", "ban-duration", "2 years", quote="On 17 April 2024 the court ruled"),
        claim("a-3", "trade", "USD 5 billion", period="2022", quote="In 2022 it was USD 7 billion"),
        claim("a-4", "lpg-imports", "50,000 t", quote="a quote the text never had"),
        claim("a-5", "recognition", "not-recognised", quote="Moscow has still not recognised the government."),
        claim("a-6", "court-ruling", "2024-04-17", quote="On 17 April 2024 the court ruled."),
        claim("a-7", "trade", "USD 9 billion", period="2021", quote="officials said", inferred="Yes", note="a sum"),
    ]
}


def test_normalising_beside_gives_the_one_process_table_and_problems(tmp_path, beside):
    corpus = load_corpus(build_corpus(tmp_path / "corpus", CLAIMS, texts={"first": TEXT}))
    one = normalise.normalise(corpus, jobs=1)
    assert [stage.where for stage in beside] == ["here"]
    two = normalise.normalise(corpus)
    assert [stage.where for stage in beside] == ["here", "child"]
    pd.testing.assert_frame_equal(two.claims, one.claims)
    assert two.problems == one.problems
    said = {(problem.line, problem.column): problem.message for problem in one.problems}
    assert "duplicate id 'a-1'" in said[(3, "id")]
    assert "use letters" in said[(4, "id")]
    assert "5 does not appear in the quote" in said[(5, "value")]
    assert said[(6, "quote")].startswith("not found in seeds/first.txt")
    assert (7, "value") not in said and (8, "value") not in said and (9, "value") not in said  # stated, or inferred
    found = one.claims.set_index("id")
    assert found.loc["a-6", "quote_start"] == TEXT.index("On 17 April 2024 the court ruled.")


def test_a_check_with_the_search_beside_writes_the_one_process_reports(tmp_path, beside):
    root = tmp_path / "synthetic"
    expected = generate(root, 3000, seed=11)
    reports = {}
    for name, options in (("one", ["--jobs", "1"]), ("beside", [])):
        outputs = [tmp_path / f"{name}.{fmt}" for fmt in ("json", "sarif", "md")]
        main(["check", "--root", str(root), *options, *(part for path in outputs for part in ("-o", str(path)))])
        reports[name] = [path.read_bytes() for path in outputs]
    assert [stage.where for stage in beside] == ["here", "child"]
    assert reports["beside"] == reports["one"]
    assert len(expected.findings) > 10 and reports["one"][0].count(b'"rule"') >= len(expected.findings)


def test_one_core_or_a_small_corpus_never_forks(tmp_path, monkeypatch):
    corpus = load_corpus(build_corpus(tmp_path / "corpus", CLAIMS, texts={"first": TEXT}))
    forks = []
    monkeypatch.setattr(background, "can_fork", lambda: forks.append(1) or False)
    normalise.normalise(corpus)  # a handful of claims: below the size that pays for a process
    monkeypatch.setattr(normalise, "BESIDE_FROM", 0)
    monkeypatch.setattr(background, "cores", lambda: 1)
    normalise.normalise(corpus)
    assert forks == []
