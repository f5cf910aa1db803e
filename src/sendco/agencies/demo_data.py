"""Demo data for agencies: the directory, then referrals and consent, then professionals'
access (each part's module builds its own records; order matters: later parts use the
directory)."""

from . import demo_access, demo_directory, demo_referrals


def build(ctx) -> None:
    demo_directory.build(ctx)
    demo_referrals.build(ctx)
    demo_access.build(ctx)
