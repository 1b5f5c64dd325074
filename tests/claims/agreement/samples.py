"""Random claims for checking one way of assessing agreement against another (unsaved: no
database needed): values near each other, every hedge, mixed units, stated periods and dates."""

import datetime
import random
from decimal import Decimal

from claims.models import Claim, Hedge

HEDGES = [
    Hedge.EXACT,
    Hedge.APPROX,
    Hedge.AT_LEAST,
    Hedge.MORE_THAN,
    Hedge.AT_MOST,
    Hedge.LESS_THAN,
    Hedge.RANGE,
]
PERIODS = [
    None,
    None,
    (datetime.date(2019, 1, 1), datetime.date(2019, 12, 31)),
    (datetime.date(2020, 1, 1), None),
]


def random_claims(n: int, seed: int) -> list[Claim]:
    rng = random.Random(seed)
    claims = []
    for i in range(n):
        hedge = rng.choice(HEDGES)
        value = Decimal(rng.randrange(90, 110) * 10)
        period = rng.choice(PERIODS)
        claims.append(
            Claim(
                pk=i + 1,
                quote="a figure",
                value=value,
                hedge=hedge,
                value_low=value if hedge == Hedge.RANGE else None,
                value_high=value + 50 if hedge == Hedge.RANGE else None,
                unit=rng.choice(["troops"] * 5 + ["migrants"]),
                claim_date=datetime.date(2019, 6, 1) + datetime.timedelta(days=rng.randrange(20)),
                period_start=period[0] if period else None,
                period_end=period[1] if period else None,
            )
        )
    return claims
