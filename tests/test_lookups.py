"""The look-up caches change nothing but speed: same answers cold, warm, corrupt or off."""

import json
import os
import subprocess
import sys

from conftest import ROOT

PROBE = (
    "from checker.quantities import parse_quantity, density_factors, seconds_per_year;"
    "from checker.dates import parse_date;"
    "import sys, json;"
    "q = parse_quantity('~700,000 t/year'); d = parse_date('2024-03~');"
    "print(json.dumps([q.magnitude, q.low, q.high, q.unit, q.dimension, density_factors('m^3', 't', 'lpg', 'liquid'),"
    "seconds_per_year(), d.start, d.end, d.precision, 'pint' in sys.modules, 'edtf' in sys.modules]))"
)


def probe(cache: str):
    output = subprocess.run(
        [
            sys.executable,
            "-c",
            PROBE + ";from checker import quantities, dates;quantities.LOOKUPS.save(); dates.LOOKUPS.save()",
        ],
        cwd=ROOT,
        env={**os.environ, "CLAIMCHECK_CACHE": cache},
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(output.stdout)


def test_cold_warm_corrupt_and_off_agree(tmp_path):
    cold = probe(str(tmp_path))
    warm = probe(str(tmp_path))
    assert cold[:-2] == warm[:-2]
    assert cold[-2:] == [True, True]  # the first run asked pint and edtf
    assert warm[-2:] == [False, False]  # the second needed neither
    for path in tmp_path.iterdir():
        path.write_text('{"unit:t/year": "garbage", "2024-03~": [1]}')
    assert probe(str(tmp_path))[:-2] == cold[:-2]
    assert probe("off")[:-2] == cold[:-2]


def test_a_cache_of_another_version_is_replaced_not_kept_beside(tmp_path):
    stale = tmp_path / "units-pint0.0.1-000000000000.json"
    stale.write_text('{"unit:t": [1.0, "kilogram", "[mass]"]}')  # a wrong answer: it must not be read
    other = tmp_path / "names-other.json"
    other.write_text("{}")
    first = probe(str(tmp_path))
    files = sorted(path.name for path in tmp_path.iterdir())
    assert stale.name not in files and other.name in files
    assert [name.split("-")[0] for name in files].count("units") == 1
    assert first[:-2] == probe("off")[:-2]
