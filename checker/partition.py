"""Running the rules family by family, over local processes or a Dask cluster.

Rules compare claims only within topic families — the connected groups of topics that
``part_of``, ``bounded_by``, ``sum_of`` and ``share_of`` link (``references.topic_families``) — joined
here by the claims that link two topics themselves (a duration ``since`` a date topic).
So the claims table splits into groups that no family-reach rule looks across, and the
groups are dealt out to partitions, largest first, each to the least loaded partition.

Each partition runs the family-reach rules on its own rows. What does look across
families runs afterwards over the whole table, once: the rules whose ``REACH`` is
``"corpus"`` (a figure relabelled under another topic, a citing claim and its cited
source), and each rule's ``revisit`` step over its findings (value-conflict's diagnosis,
which looks for a matching figure in other topics). Findings are then merged and sorted
exactly as in a single-process run, so the reports are byte-identical.

What is shuffled: each partition's rows of the normalised claims table go to its worker
once (with local processes they are inherited, not copied); findings come back. Loading
and normalising stay in the calling process.
"""

from __future__ import annotations

import dataclasses
import heapq
import multiprocessing
from concurrent.futures import ProcessPoolExecutor
from types import MappingProxyType

import numpy as np
import pandas as pd

from checker import engine
from checker.config import Config
from checker.errors import ClaimcheckError
from checker.findings import Finding
from checker.normalise import Normalised
from checker.options import defaults
from checker.pairing import reading
from checker.rules import RULES

CONNECT_SECONDS = 30


def reach(rule) -> str:
    return getattr(rule, "REACH", "family")


def groups(claims: pd.DataFrame) -> np.ndarray:
    """One integer per claim: claims with different integers are never compared by a
    family-reach rule. Families, joined through the ``since`` links claims state."""
    column = claims["family"]
    if isinstance(column.dtype, pd.CategoricalDtype):  # the claims table's: its codes, nothing hashed
        names = list(column.cat.categories) + [None]  # the last: a missing family, one group
        codes = column.cat.codes.to_numpy().astype(np.int64)
        codes[codes < 0] = len(names) - 1
    else:
        codes, uniques = pd.factorize(column.to_numpy(dtype=object), use_na_sentinel=False)
        names = list(uniques)
    parent = np.arange(len(names))

    def root(code: int) -> int:
        while parent[code] != code:
            parent[code] = parent[parent[code]]
            code = parent[code]
        return code

    linked = (claims["since_topic"] != "").to_numpy()
    if linked.any():
        pairs = pd.DataFrame({"topic": claims["topic"], "code": codes}, copy=False).drop_duplicates("topic")
        family_code = dict(zip(pairs["topic"].tolist(), pairs["code"].tolist()))
        position = {name: code for code, name in enumerate(names)}
        for own, since in zip(codes[linked], claims["since_topic"][linked].tolist()):
            other = family_code.get(since, position.get(since))
            if other is not None:
                first, second = sorted((root(int(own)), root(int(other))))
                parent[second] = first
    roots = np.arange(len(names), dtype=np.int64)
    for code in np.flatnonzero(parent != roots):  # only families a link joined to another
        roots[code] = root(int(code))
    return roots[codes] if len(codes) else np.zeros(0, dtype=np.int64)


def assign(group_of_row: np.ndarray, partitions: int) -> np.ndarray:
    """The partition of each row: groups dealt out largest first to the least loaded
    partition (ties to the lowest number), so the partitions are about equal in rows."""
    group_ids, sizes = np.unique(group_of_row, return_counts=True)
    order = np.lexsort((group_ids, -sizes))
    partition_of_group = np.zeros(len(group_ids), dtype=np.int64)
    heap = [(0, partition) for partition in range(partitions)]  # (load, partition): the least loaded first
    for position, size in zip(order.tolist(), sizes[order].tolist()):  # one step per group, not per claim
        load, target = heapq.heappop(heap)
        partition_of_group[position] = target
        heapq.heappush(heap, (load + size, target))
    return partition_of_group[np.searchsorted(group_ids, group_of_row)]


def _family_findings(
    normalised: Normalised, config: Config, rule_ids: tuple[str, ...]
) -> tuple[list[Finding], dict[str, float]]:
    rules = tuple(rule for rule in RULES if rule.ID in rule_ids)
    result = engine.run(normalised, config, rules=rules)
    return result.findings, result.timings


@dataclasses.dataclass
class _Inherited:
    normalised: Normalised
    config: Config
    rule_ids: tuple[str, ...]
    partition_of_row: np.ndarray


# What a forked worker inherits: set only while a pool of forked processes runs, and
# cleared after.
_INHERITED: list[_Inherited] = []


def _inherited_partition(partition: int) -> tuple[list[Finding], dict[str, float]]:
    state = _INHERITED[0]
    claims = state.normalised.claims[state.partition_of_row == partition]
    return _family_findings(dataclasses.replace(state.normalised, claims=claims), state.config, state.rule_ids)


def _subset(normalised: Normalised, claims: pd.DataFrame) -> Normalised:
    """What a remote worker needs: the partition's claims; texts stay here."""
    return dataclasses.replace(normalised, claims=claims, texts={}, text_files={})


def run(
    normalised: Normalised,
    config: Config,
    rules: tuple = RULES,
    jobs: int = 2,
    scheduler: str | None = None,
    progress=None,
) -> engine.CheckResult:
    """The same result as ``engine.run``, with the family-reach rules spread over ``jobs``
    local processes, or over the workers of the Dask scheduler at ``scheduler``."""
    claims = normalised.claims
    family_rules = tuple(rule.ID for rule in rules if reach(rule) == "family")
    corpus_rules = tuple(rule for rule in rules if reach(rule) == "corpus")
    partitions = max(1, jobs)
    if scheduler:
        try:
            from dask.distributed import Client
        except ImportError:
            raise ClaimcheckError("--dask-scheduler needs Dask: pip install 'claimcheck[dask]'") from None
        try:
            client = Client(scheduler, timeout=CONNECT_SECONDS)
        except (OSError, TimeoutError, ValueError) as error:
            raise ClaimcheckError(f"cannot reach the Dask scheduler at {scheduler}: {error}") from None
        partitions = max(1, len(client.scheduler_info().get("workers", {}))) if jobs <= 1 else jobs
    partition_of_row = assign(groups(claims), partitions)
    if progress:
        progress(f"rules over {partitions} partitions")
    if scheduler:
        try:
            futures = [
                client.submit(
                    _family_findings,
                    _subset(normalised, claims[partition_of_row == partition]),
                    config,
                    family_rules,
                    pure=False,
                )
                for partition in range(partitions)
            ]
            outcomes = client.gather(futures)
        finally:
            client.close()
    elif partitions == 1:
        outcomes = [_family_findings(normalised, config, family_rules)]
    else:
        _INHERITED.append(_Inherited(normalised, config, family_rules, partition_of_row))
        try:
            with ProcessPoolExecutor(max_workers=partitions, mp_context=multiprocessing.get_context("fork")) as pool:
                outcomes = list(pool.map(_inherited_partition, range(partitions)))
        finally:
            _INHERITED.clear()
    found: dict[str, Finding] = {}
    timings: dict[str, float] = {rule_id: 0.0 for rule_id in family_rules}
    for findings, partition_timings in outcomes:
        for finding in findings:
            found.setdefault(finding.fingerprint, finding)
        for rule_id, seconds in partition_timings.items():
            timings[rule_id] = max(timings[rule_id], seconds)  # partitions run side by side
    # Across families, once, over the whole table.
    across = engine.run(normalised, config, rules=corpus_rules)
    for finding in across.findings:
        found.setdefault(finding.fingerprint, finding)
    timings.update(across.timings)
    for rule in rules:
        if hasattr(rule, "revisit") and rule.ID in family_rules:
            settings = config.rules.get(rule.ID)
            options = MappingProxyType(dict(settings.options if settings else defaults(rule.OPTIONS)))
            mine = [finding for finding in found.values() if finding.rule == rule.ID]
            with reading(claims):  # one reader of the table's columns for every row the step reads
                revisited = list(rule.revisit(claims, mine, options))
            for finding in revisited:
                found[finding.fingerprint] = finding
    ordered = sorted(found.values(), key=engine.sort_key)
    timings = {rule.ID: timings.get(rule.ID, 0.0) for rule in rules if rule.ID in timings}
    return engine.CheckResult(findings=ordered, normalised=normalised, config=config, rules=rules, timings=timings)
