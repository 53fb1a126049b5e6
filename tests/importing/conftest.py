import pytest

from tests.conftest import FIXTURES

US = FIXTURES / "readouts" / "2021-11-03_us-commerce_press-release.txt"
CA = FIXTURES / "readouts" / "2021-11-03_ised-canada_newswire.txt"


@pytest.fixture
def us_text() -> str:
    return US.read_text(encoding="utf-8")


@pytest.fixture
def ca_text() -> str:
    return CA.read_text(encoding="utf-8")
