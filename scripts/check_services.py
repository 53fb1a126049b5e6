"""Stop at once, with a way out, when the test services are not reachable."""

import os
import socket
import sys
from urllib.parse import urlparse

DEFAULTS = {
    "DATABASE_URL": ("postgres://postgres@127.0.0.1:5432/accord", 5432, "PostgreSQL"),
    "REDIS_URL": ("redis://127.0.0.1:6379/0", 6379, "Redis"),
}


def unreachable() -> list[str]:
    problems = []
    for variable, (default, port, name) in DEFAULTS.items():
        url = urlparse(os.environ.get(variable) or default)
        host, port = url.hostname or "127.0.0.1", url.port or port
        try:
            socket.create_connection((host, port), timeout=2).close()
        except OSError as error:
            problems.append(f"{name} is not reachable at {host}:{port} ({variable}): {error}.")
    return problems


if __name__ == "__main__":
    problems = unreachable()
    if problems:
        print("\n".join(problems), file=sys.stderr)
        print(
            "Start them with `docker compose up -d db redis`, or point DATABASE_URL and "
            "REDIS_URL at running servers.",
            file=sys.stderr,
        )
        sys.exit(2)
