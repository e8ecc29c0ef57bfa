"""The working-day calendar (issue 3 fills this in)."""


def seed_from_package(stdout=None) -> int:
    return 0
