"""What git knows about a corpus, asked in the foreground or ahead in a thread: the same
answers either way, and an answer asked ahead is taken once."""

import math

from checker import report
from checker.repository import Repository
from conftest import git


def _corpus_in_a_repository(tmp_path):
    root = tmp_path / "data"
    (root / "claims" / "tagged").mkdir(parents=True)
    (root / "seeds").mkdir()
    (root / "claims" / "tagged" / "a.csv").write_text("id\n")
    (root / "seeds" / "a.md").write_text("text\n")
    git(tmp_path, "init", "-q")
    git(tmp_path, "add", "-A")
    git(tmp_path, "commit", "-q", "-m", "corpus")
    (root / "seeds" / "a.md").write_text("text, revised\n")  # changed in the working tree
    (root / "claims" / "tagged" / "b.csv").write_text("id\n")  # not committed yet
    return root


def _answers(repository):
    return repository.top, repository.prefix, repository.change_times


def test_git_asked_in_a_thread_answers_as_in_the_foreground(tmp_path):
    root = _corpus_in_a_repository(tmp_path)
    foreground = _answers(Repository(root))
    assert foreground[0] == tmp_path.resolve() and foreground[1] == "data/"
    assert foreground[2]["claims/tagged/a.csv"] == 1735689600.0  # the commit's time
    assert math.isinf(foreground[2]["seeds/a.md"]) and math.isinf(foreground[2]["claims/tagged/b.csv"])
    assert _answers(Repository(root).ask_in_background()) == foreground
    # Outside a repository: the corpus folder is the root, and no file has a change time.
    alone = tmp_path.parent / (tmp_path.name + "-alone")
    alone.mkdir()
    assert _answers(Repository(alone).ask_in_background()) == _answers(Repository(alone)) == (None, "", {})


def test_answers_asked_ahead_are_taken_once(tmp_path):
    root = _corpus_in_a_repository(tmp_path)
    report.ask_git_in_background(root)
    first = report._repository(root)
    assert first._asked and _answers(first) == _answers(Repository(root))
    # A later report asks afresh: the files may have changed since.
    later = report._repository(root)
    assert later is not first and not later._asked
    (root / "claims" / "tagged" / "a.csv").write_text("id\nchanged\n")
    git(tmp_path, "add", "-A")
    git(tmp_path, "commit", "-q", "-m", "more")  # the revised and the new file are committed
    assert later.change_times != first.change_times
