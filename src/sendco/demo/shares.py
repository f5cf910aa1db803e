"""How common things are in the demo data: the shares behind the SEND register and families.

Realism follows the national picture in the domain reference, section 8 (DfE "Special
educational needs in England", January 2025): SEN support (K) and EHC plans (E) are drawn per
pupil at ``sen_codes.PREVALENCE``, conditional on sex so that the share of boys matches
``sen_codes.BOY_SHARE``; the primary need comes from ``sen_codes.need_weights(provision, phase)``.
The other shares (EAL ~20%, FSM ~25%, siblings ~15%, ...) are round estimates for a typical
English school, not official figures.
"""

from __future__ import annotations

from sendco.domain import sen_codes

BOY_SHARE_ALL = 0.512  # boys among all pupils (England, roughly)
SIBLING_SHARE = 0.15  # pupils with a brother or sister at the same school
PAST_K_SHARE = 0.08  # pupils now N (on roll a year or more) who were on SEN support here before
SECONDARY_NEED_SHARE = 0.62  # K/E pupils (other than NSA) with a secondary need: ~60% of all K/E
RANK3_SHARE = 0.083  # of those with a secondary need: ~5% of all K/E have a rank-3 need
FSM_BASE, FSM_SEN = 0.22, 0.36  # families without / with a child on K or E: ~25% overall
EXTRA_PUPIL_PREMIUM = 0.06  # ever-6 FSM or service children who are not FSM now
LOOKED_AFTER, PREVIOUSLY_LOOKED_AFTER = 0.005, 0.005
MEDICAL_BASE, MEDICAL_SEN = 0.065, 0.14  # ~8% overall
KEY_ADULT_SHARE = {"E": 0.8, "K": 0.15}


def sen_rates(factor: float) -> dict[str, tuple[float, float]]:
    """P(K | sex) and P(E | sex), so that prevalence and the share of boys match the census."""
    k, e = sen_codes.PREVALENCE["K"] * factor, sen_codes.PREVALENCE["E"] * factor
    boys_k, boys_e = sen_codes.BOY_SHARE["K"], sen_codes.BOY_SHARE["E"]
    return {
        "M": (k * boys_k / BOY_SHARE_ALL, e * boys_e / BOY_SHARE_ALL),
        "F": (k * (1 - boys_k) / (1 - BOY_SHARE_ALL), e * (1 - boys_e) / (1 - BOY_SHARE_ALL)),
    }
