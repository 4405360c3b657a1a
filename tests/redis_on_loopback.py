"""The Redis server that this machine (and CI) runs on 127.0.0.1:6379, for tests of what
production keeps there."""

import socket

REDIS_ADDRESS = ("127.0.0.1", 6379)


def redis_answers():
    try:
        with socket.create_connection(REDIS_ADDRESS, timeout=1):
            return True
    except OSError:
        return False
