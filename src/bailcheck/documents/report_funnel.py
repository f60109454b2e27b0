"""Control limits for the report's funnel plots: exact binomial quantiles, no approximation.

For a unit that decided n conditions, when each is flagged (disproportionate or unlawful) with
the overall share p, the limits are the counts that chance alone passes less than once in 40
(95%) or once in 1,000 (99.8%) times on either side.
"""

from __future__ import annotations

import math

LIMITS = ((0.025, 0.975), (0.001, 0.999))  # 95% and 99.8%, two-sided


def binomial_limit(n: int, p: float, q: float) -> float:
    """The exact q-quantile of Binomial(n, p) as a share of n (see binomial_count)."""
    if n <= 0 or p <= 0.0 or p >= 1.0:
        return min(1.0, max(0.0, p))
    return binomial_count(n, p, q) / n


def binomial_count(n: int, p: float, q: float) -> int:
    """The smallest count r with P(X <= r) >= q for X ~ Binomial(n, p). A unit of n conditions
    with k flagged is above the upper limit (q = 0.999) when k exceeds it, which chance alone
    does with probability under 0.1%, and below the lower one (q = 0.001) when k falls short of
    it, with probability under 0.1%: exact limits, not a normal approximation."""
    return binomial_counts(n, p, [q])[0]


def binomial_counts(n: int, p: float, qs: list[float]) -> list[int]:
    """binomial_count for each of `qs`, in one walk up the distribution."""
    if p <= 0.0:
        return [0] * len(qs)
    if p >= 1.0:
        return [n] * len(qs)
    order = sorted(range(len(qs)), key=qs.__getitem__)
    out = [n] * len(qs)
    log_p, log_q = math.log(p), math.log1p(-p)
    mean, sd = n * p, math.sqrt(n * p * (1 - p))
    start = max(0, int(mean - 8 * sd) - 1)  # the mass below is under 1e-15
    log_n = math.lgamma(n + 1)
    cumulative, i = 0.0, 0
    for r in range(start, n + 1):
        cumulative += math.exp(log_n - math.lgamma(r + 1) - math.lgamma(n - r + 1)
                               + r * log_p + (n - r) * log_q)
        while i < len(order) and cumulative >= qs[order[i]] - 1e-12:
            out[order[i]] = r
            i += 1
        if i == len(order):
            break
    return out
