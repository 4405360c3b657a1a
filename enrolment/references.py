"""Reference numbers an applicant can read out on the phone: short, unambiguous, not guessable."""

import secrets

# Crockford's alphabet without I, L, O (read like digits) and U, V (read like each other).
ALPHABET = "0123456789ABCDEFGHJKMNPQRSTWXYZ"
GROUP_LENGTH = 4


def new_reference():
    """ "K7QM-4XPD": 40 bits of randomness, never derived from the database id. Whether it is
    free is the database's unique constraint to say (`store_application` draws again)."""
    characters = "".join(secrets.choice(ALPHABET) for _ in range(GROUP_LENGTH * 2))
    return f"{characters[:GROUP_LENGTH]}-{characters[GROUP_LENGTH:]}"
