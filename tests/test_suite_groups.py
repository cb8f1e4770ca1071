"""The suite's own scheduling: on two workers, each page walk and each served public site stays on one.

`make test` runs on two pytest-xdist workers with ``--dist loadgroup``; conftest marks the tests of a
page walk width (and of public_site, whose port is written into its build) with an ``xdist_group``,
and xdist sends a group to one worker by suffixing the group to the test's node id on the worker.
pytest 9.2 stopped honouring that suffix (pytest-xdist issue #1386): nothing failed, each worker
walked every page itself and the whole suite took half as long again. This test fails when the
groups stop reaching the scheduler.
"""
from __future__ import annotations

import pytest


@pytest.mark.xdist_group("suite-groups")
def test_grouped_tests_carry_their_group_on_the_worker(request):
    if not getattr(request.config, "workerinput", None) or not request.config.getvalue("loadgroup"):
        pytest.skip("runs on a pytest-xdist worker with --dist loadgroup (make test)")
    grouped = [item for item in request.session.items if any(item.iter_markers("xdist_group"))]
    assert grouped
    lost = [item.nodeid for item in grouped if "@" not in item.nodeid.rsplit("]", 1)[-1]]
    assert lost == [], f"{len(lost)} grouped test(s) reach the scheduler without their group, e.g. {lost[:3]}"


@pytest.mark.xdist_group("suite-groups")
def test_slow_tests_sharing_a_module_fixture_share_a_group(request):
    """A module's copy of the project or variant build is made once: its slow tests are one group."""
    from conftest import _builds_in_its_module

    groups: dict[str, set[str]] = {}
    for item in request.session.items:
        if _builds_in_its_module(item):
            groups.setdefault(item.module.__name__, set()).update(m.args[0] for m in item.iter_markers("xdist_group"))
    if not any(item.module.__name__ == "test_yearly_cycle" for item in request.session.items):
        pytest.skip("reads the whole suite's collection")
    assert "test_yearly_cycle" in groups  # its copy of the project is such a fixture
    assert {name: found for name, found in groups.items() if len(found) != 1} == {}
