"""Settings from the environment are checked when the application starts."""

import pytest

from lotse.core.env import ConfigurationError, env_int


def test_env_int_reads_and_checks_the_minimum(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LOTSE_TEST_DAYS", "7")
    assert env_int("LOTSE_TEST_DAYS", 30, minimum=1) == 7
    monkeypatch.setenv("LOTSE_TEST_DAYS", "")
    assert env_int("LOTSE_TEST_DAYS", 30, minimum=1) == 30


@pytest.mark.parametrize("value", ["0", "-5", "thirty"])
def test_env_int_refuses_bad_values_with_the_name(
    monkeypatch: pytest.MonkeyPatch, value: str
) -> None:
    monkeypatch.setenv("LOTSE_TEST_DAYS", value)
    with pytest.raises(ConfigurationError, match="LOTSE_TEST_DAYS"):
        env_int("LOTSE_TEST_DAYS", 30, minimum=1)
