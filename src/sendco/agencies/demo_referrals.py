"""Demo data: referrals (filled in by its part)."""


def build(ctx) -> None:
    return None
