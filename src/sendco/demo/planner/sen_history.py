"""Planning a pupil's SEN history: dated status periods (N, K, E) and needs ranked 1-3."""

from __future__ import annotations

import random
from collections.abc import Sequence
from datetime import date, timedelta

from sendco.domain import sen_codes

from ..draws import school_day, weighted_choice
from ..plan_types import PupilPlan
from ..shares import PAST_K_SHARE, RANK3_SHARE, SECONDARY_NEED_SHARE

ADDED_TO_K = "Added to SEN support after assess, plan, do, review"


class SenHistoryMixin:
    """Part of ``Planner``: each pupil's SEN status periods and needs."""

    def _sen_history(
        self, rng: random.Random, pupil: PupilPlan, phase: str, forced_needs: Sequence[str]
    ) -> None:
        """Dated status periods (never overlapping, the last one open) and needs."""
        today, admitted = self.today, pupil.admission_date
        span = (today - admitted).days
        days = timedelta
        steps: list[tuple[str, date, str]] = []  # (code, start, reason)
        if pupil.sen_status == "K":
            if span < 60 or rng.random() < 0.35:
                steps = [("K", admitted, "SEN support continued from previous setting")]
            else:
                steps = [
                    ("N", admitted, "No SEN identified on admission"),
                    ("K", school_day(rng, admitted + days(30), today - days(7)), ADDED_TO_K),
                ]
        elif pupil.sen_status == "E":
            if span < 240 or rng.random() < 0.3:
                steps = [("E", admitted, "Admitted with an EHC plan naming this school")]
            else:
                latest_k = today - days(150)
                if rng.random() < 0.5 or latest_k <= admitted + days(30):
                    k_start = admitted
                    steps = [("K", admitted, "SEN support continued from previous setting")]
                else:
                    k_start = school_day(rng, admitted + days(30), latest_k)
                    steps = [
                        ("N", admitted, "No SEN identified on admission"),
                        ("K", k_start, ADDED_TO_K),
                    ]
                e_start = school_day(rng, k_start + days(140), today - days(7))
                steps.append(("E", e_start, "EHC plan issued by the local authority"))
        elif span >= 365 and rng.random() < PAST_K_SHARE:
            latest_k = today - days(120)
            if rng.random() < 0.4:
                k_start = admitted
                steps = [("K", admitted, "SEN support continued from previous setting")]
            else:
                k_start = school_day(rng, admitted + days(30), latest_k)
                steps = [
                    ("N", admitted, "No SEN identified on admission"),
                    ("K", k_start, ADDED_TO_K),
                ]
            n_start = school_day(rng, k_start + days(90), today - days(14))
            steps.append(("N", n_start, "Removed from SEN support: needs now met by high-quality teaching"))

        for k, (code, start, reason) in enumerate(steps):
            end = steps[k + 1][1] - days(1) if k + 1 < len(steps) else None
            pupil.statuses.append((code, start, end, reason))
        if not steps:
            return

        if pupil.sen_status == "N":  # needs of the past K spell, closed when it ended
            k_periods = [(s, e) for c, s, e, _ in pupil.statuses if c == "K"]
            start, end = k_periods[-1]
            first = weighted_choice(rng, sen_codes.need_weights("K", phase))
            pupil.needs.append((first, 1, start, end))
            if first != "NSA" and rng.random() < 0.4:
                second = weighted_choice(rng, sen_codes.need_weights("K", phase), (first, "NSA"))
                pupil.needs.append((second, 2, start, end))
            return

        code = pupil.sen_status
        weights = sen_codes.need_weights(code, phase)
        spell_start = pupil.sen_start
        primary = forced_needs[0] if forced_needs else weighted_choice(rng, weights)
        used = [primary, "NSA"]
        e_start = pupil.statuses[-1][1]
        had_k = code == "E" and e_start > spell_start
        if had_k and not forced_needs and rng.random() < 0.2:
            # The assessment for the plan changed the primary need (e.g. SLCN, then ASD).
            earlier = weighted_choice(rng, sen_codes.need_weights("K", phase), used)
            used.append(earlier)
            pupil.needs.append((earlier, 1, spell_start, e_start - days(1)))
            pupil.needs.append((primary, 1, e_start, None))
        else:
            pupil.needs.append((primary, 1, spell_start, None))
        if len(forced_needs) > 1 or (
            not forced_needs and primary != "NSA" and rng.random() < SECONDARY_NEED_SHARE
        ):
            second = forced_needs[1] if len(forced_needs) > 1 else weighted_choice(rng, weights, used)
            used.append(second)
            second_start = spell_start if rng.random() < 0.7 else school_day(rng, spell_start, today)
            pupil.needs.append((second, 2, second_start, None))
            if not forced_needs and rng.random() < RANK3_SHARE:
                third = weighted_choice(rng, weights, used)
                pupil.needs.append((third, 3, school_day(rng, second_start, today), None))
