"""Crash safety: an updating process killed with SIGKILL at random moments never leaves a broken or mixed index."""

import pytest

from bench.crash_driver import kill_loop, state

KILLS = 24


@pytest.mark.unit
def test_states_are_a_real_sequence_of_changes():
    assert len(state(0)) == 3 and state(5) != state(6)
    assert set(state(9)) == {f"s{i}-{j}" for i in range(6, 10) for j in range(3)}


@pytest.mark.slow
def test_kill_9_at_random_moments_leaves_the_old_or_the_new_index(tmp_path):
    outcomes = kill_loop(tmp_path / "idx", KILLS, seed=20240601, log=lambda line: None)
    assert outcomes["before"] + outcomes["after"] + outcomes["no index yet"] == KILLS
    assert outcomes["before"] + outcomes["after"] >= KILLS // 2, outcomes
    assert outcomes["steps"] >= KILLS // 2, f"the driver should commit steps between kills: {outcomes}"
