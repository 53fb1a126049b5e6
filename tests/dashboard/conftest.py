"""The check-in fixtures, for the dashboard's joint quarter (tests/checkins/conftest.py)."""

from tests.checkins.conftest import ca_signatory, canadian, joint, us_signatory

__all__ = ["ca_signatory", "canadian", "joint", "us_signatory"]
