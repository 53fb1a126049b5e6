"""Python runs this at start-up in every process a test spawns (the test clock puts this
folder on PYTHONPATH), so a Celery worker, a management command or a server started by a
test reads the same clock as the test itself (see tests/clock.py)."""

import os

if os.environ.get("ACCORD_CLOCK_SHIFT"):
    import time

    import time_machine

    time_machine.travel(time.time() + float(os.environ["ACCORD_CLOCK_SHIFT"]), tick=True).start()
