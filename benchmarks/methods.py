"""Benchmark section `methods`: each decision method against a hand-written numpy version of
the same formula (checked to agree first), and against pymcdm and scikit-criteria where
they implement the method. The libraries are imported here only (the `bench` extra).

Data: uniform values in [1, 100], 20 criteria, every fourth a cost criterion, random
weights (seed 11). Library times include building their inputs from the same arrays.
"""

from __future__ import annotations

import tracemalloc
import warnings
from collections.abc import Callable
from functools import partial

import numpy as np

from partnerfit.mcda.promethee import gaussian, linear, promethee_ii
from partnerfit.mcda.topsis import topsis
from partnerfit.mcda.vikor import vikor
from partnerfit.mcda.weighted_product import weighted_product

Timer = Callable[[Callable[[], object], int], float]
M = 20
Q, P = 5.0, 30.0  # PROMETHEE linear thresholds, in the data's units
S = 15.0  # PROMETHEE gaussian inflection point
TARGET_VS_NUMPY = 1.5


def data(n: int, seed: int = 11) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed)
    matrix = rng.uniform(1.0, 100.0, (n, M))
    raw = rng.uniform(1.0, 10.0, M)
    benefit = np.array([j % 4 != 3 for j in range(M)])
    return matrix, raw / raw.sum(), benefit


# --------------------------------------------------------------- hand-written numpy versions
# Each returns the method's scores; `ranked` adds the ranking (one stable argsort), since a
# method's output is a ranking and partnerfit's functions return one.


def ranked(
    method: Callable[..., np.ndarray], higher_is_better: bool = True
) -> Callable[..., object]:
    def run(x: np.ndarray, w: np.ndarray, b: np.ndarray) -> object:
        scores = method(x, w, b)
        return scores, np.argsort(-scores if higher_is_better else scores, kind="stable")

    return run


def numpy_wpm(x: np.ndarray, w: np.ndarray, benefit: np.ndarray) -> np.ndarray:
    best = np.where(benefit, x.max(axis=0), x.min(axis=0))
    ratios = np.where(benefit, x / best, best / x)
    return 100.0 * np.exp(np.log(ratios) @ w)


def numpy_topsis(x: np.ndarray, w: np.ndarray, benefit: np.ndarray) -> np.ndarray:
    v = x / np.sqrt((x * x).sum(axis=0)) * w
    hi, lo = v.max(axis=0), v.min(axis=0)
    ideal, anti = np.where(benefit, hi, lo), np.where(benefit, lo, hi)
    d_plus = np.sqrt(((v - ideal) ** 2).sum(axis=1))
    d_minus = np.sqrt(((v - anti) ** 2).sum(axis=1))
    return d_minus / (d_plus + d_minus)


def numpy_vikor(x: np.ndarray, w: np.ndarray, benefit: np.ndarray) -> np.ndarray:
    best = np.where(benefit, x.max(axis=0), x.min(axis=0))
    worst = np.where(benefit, x.min(axis=0), x.max(axis=0))
    d = w * (best - x) / (best - worst)
    s, r = d.sum(axis=1), d.max(axis=1)
    return 0.5 * (s - s.min()) / (s.max() - s.min()) + 0.5 * (r - r.min()) / (r.max() - r.min())


def numpy_promethee(x: np.ndarray, w: np.ndarray, benefit: np.ndarray) -> np.ndarray:
    """The definition: every pair, one criterion at a time, rows in blocks of 4M values."""
    o = np.where(benefit, x, -x)
    n = o.shape[0]
    rows = max(1, (1 << 22) // n)
    plus, minus = np.zeros(n), np.zeros(n)
    for j in range(o.shape[1]):
        for start in range(0, n, rows):
            d = o[start : start + rows, None, j] - o[None, :, j]
            pref = np.clip((d - Q) / (P - Q), 0.0, 1.0)
            plus[start : start + rows] += w[j] * pref.sum(axis=1)
            minus += w[j] * pref.sum(axis=0)
    return (plus - minus) / (n - 1)


def numpy_promethee_gaussian(x: np.ndarray, w: np.ndarray, benefit: np.ndarray) -> np.ndarray:
    """The gaussian function has no sorted shortcut: every pair, in the same blocks."""
    o = np.where(benefit, x, -x)
    n = o.shape[0]
    rows = max(1, (1 << 22) // n)
    plus, minus = np.zeros(n), np.zeros(n)
    for j in range(o.shape[1]):
        for start in range(0, n, rows):
            d = o[start : start + rows, None, j] - o[None, :, j]
            pref = np.where(d > 0, -np.expm1(-(d * d) / (2 * S * S)), 0.0)
            plus[start : start + rows] += w[j] * pref.sum(axis=1)
            minus += w[j] * pref.sum(axis=0)
    return (plus - minus) / (n - 1)


# --------------------------------------------------------------------------- libraries


def pymcdm_runners() -> dict[str, Callable[..., np.ndarray]]:
    from pymcdm import methods, normalizations

    def types(benefit: np.ndarray) -> np.ndarray:
        return np.where(benefit, 1, -1)

    wpm = methods.WPM()
    top = methods.TOPSIS(normalization_function=normalizations.vector_normalization)
    vik = methods.VIKOR(v=0.5)

    def prom(x: np.ndarray, w: np.ndarray, b: np.ndarray) -> np.ndarray:
        n = x.shape[0]
        # pymcdm's name for the linear (type V) function is vshape_2
        method = methods.PROMETHEE_II("vshape_2", q=np.full(M, Q), p=np.full(M, P))
        return -np.asarray(method(x, w, types(b)))[:n]

    # each runner returns a key per candidate, lower is better (scores negated)
    return {
        "weighted_product": lambda x, w, b: -wpm(x, w, types(b)),
        "topsis": lambda x, w, b: -top(x, w, types(b)),
        "vikor": lambda x, w, b: vik(x, w, types(b)),
        "promethee_ii": prom,
    }


def skcriteria_runners() -> dict[str, Callable[..., np.ndarray]]:
    # skcriteria warns about its own module renames and about TOPSIS with cost criteria
    warnings.filterwarnings("ignore", module="skcriteria")
    warnings.filterwarnings("ignore", message=".*minimization objectives.*")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        import skcriteria as skc
        from skcriteria.agg.simple import WeightedProductModel
        from skcriteria.agg.topsis import TOPSIS
        from skcriteria.agg.vikor import VIKOR
        from skcriteria.pipeline import mkpipe
        from skcriteria.preprocessing.invert_objectives import InvertMinimize
        from skcriteria.preprocessing.scalers import VectorScaler

    wpm = mkpipe(InvertMinimize(), WeightedProductModel())
    top = mkpipe(VectorScaler(target="matrix"), TOPSIS())
    vik = VIKOR(v=0.5)

    def run(pipe: object) -> Callable[..., np.ndarray]:
        def call(x: np.ndarray, w: np.ndarray, b: np.ndarray) -> np.ndarray:
            dm = skc.mkdm(x, objectives=np.where(b, 1, -1), weights=w)
            return np.asarray(pipe.evaluate(dm).rank_)  # type: ignore[attr-defined]

        return call

    return {"weighted_product": run(wpm), "topsis": run(top), "vikor": run(vik)}


# ---------------------------------------------------------------------------- the section


def _ranks_agree(ours: np.ndarray, theirs: np.ndarray, higher_is_better: bool) -> float:
    """Spearman correlation between our scores and a library's keys (lower is better)."""
    a = np.argsort(np.argsort(-ours if higher_is_better else ours))
    b = np.argsort(np.argsort(theirs))
    return float(np.corrcoef(a, b)[0, 1])


def _line(label: str, seconds: float, baseline: float, target: str = "") -> None:
    print(f"  {label:<50} {seconds * 1000:9.1f} ms  {seconds / baseline:5.2f}x  {target}")


def peak_mib(fn: Callable[[], object]) -> float:
    """Peak memory allocated while fn runs (tracemalloc sees numpy's buffers), in MiB."""
    tracemalloc.start()
    tracemalloc.reset_peak()
    fn()
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return peak / 2**20


def section(quick: bool, best_of: Timer) -> None:
    sizes = [1_000] if quick else [10_000, 100_000]
    repeat = 3 if quick else 7
    libraries = {"pymcdm": pymcdm_runners(), "scikit-criteria": skcriteria_runners()}
    ours: dict[str, tuple[Callable[..., object], Callable[..., np.ndarray], bool]] = {
        # method -> (partnerfit, our scores for comparison, higher is better)
        "weighted_product": (
            weighted_product,
            lambda x, w, b: np.asarray(weighted_product(x, w, b).scores),
            True,
        ),
        "topsis": (topsis, lambda x, w, b: np.asarray(topsis(x, w, b).closeness), True),
        "vikor": (vikor, lambda x, w, b: np.asarray(vikor(x, w, b).q), False),
    }
    hand = {"weighted_product": numpy_wpm, "topsis": numpy_topsis, "vikor": numpy_vikor}
    for n in sizes:
        x, w, b = data(n)
        print(f"Methods, {n:,} candidates x {M} criteria (best of {repeat}):")
        for name, (run, scores, higher) in ours.items():
            np.testing.assert_allclose(scores(x, w, b), hand[name](x, w, b), rtol=1e-9, atol=1e-12)
            hand_ranked = ranked(hand[name], higher)
            baseline = best_of(partial(hand_ranked, x, w, b), repeat)
            _line(f"{name}: baseline hand-written numpy + argsort", baseline, baseline)
            mine = best_of(partial(run, x, w, b), repeat)
            verdict = "met" if mine / baseline <= TARGET_VS_NUMPY else "MISSED"
            _line(f"{name}: partnerfit", mine, baseline, f"target <= 1.5x: {verdict}")
            for library, runners in libraries.items():
                if name not in runners:
                    continue
                rho = _ranks_agree(scores(x, w, b), runners[name](x, w, b), higher)
                theirs = best_of(partial(runners[name], x, w, b), max(1, repeat // 2))
                verdict = "met" if mine < theirs else "MISSED"
                _line(
                    f"{name}: {library} (rank rho {rho:.3f})",
                    theirs,
                    baseline,
                    f"partnerfit faster: {verdict}",
                )
    promethee(quick, best_of, libraries["pymcdm"]["promethee_ii"])
    promethee_gaussian(quick, best_of)


def promethee(quick: bool, best_of: Timer, library: Callable[..., np.ndarray]) -> None:
    """PROMETHEE II is quadratic by definition: time and peak memory at growing sizes."""
    sizes = [500, 1_000] if quick else [1_000, 5_000, 20_000]
    functions = [linear(Q, P)] * M
    for n in sizes:
        x, w, b = data(n)
        repeat = 3 if n <= 5_000 else 1
        print(
            f"PROMETHEE II (linear q={Q:g} p={P:g}), {n:,} x {M} "
            f"(best of {repeat}; peak memory by tracemalloc):"
        )
        flows = np.asarray(promethee_ii(x, w, b, functions).net_flow)
        np.testing.assert_allclose(flows, numpy_promethee(x, w, b), atol=1e-9)
        baseline = best_of(partial(numpy_promethee, x, w, b), repeat)
        base_mem = peak_mib(partial(numpy_promethee, x, w, b))
        _line(f"baseline: hand-written pairwise, {base_mem:.0f} MiB", baseline, baseline)
        mine = best_of(partial(promethee_ii, x, w, b, functions), repeat)
        mem = peak_mib(partial(promethee_ii, x, w, b, functions))
        verdict = "met" if mine / baseline <= TARGET_VS_NUMPY else "MISSED"
        _line(
            f"partnerfit promethee_ii, {mem:.0f} MiB", mine, baseline, f"target <= 1.5x: {verdict}"
        )
        if n <= 1_000:
            rho = _ranks_agree(flows, library(x, w, b), True)
            theirs = best_of(partial(library, x, w, b), repeat)
            lib_mem = peak_mib(partial(library, x, w, b))
            verdict = "met" if mine < theirs else "MISSED"
            _line(
                f"pymcdm PROMETHEE_II (rho {rho:.3f}), {lib_mem:.0f} MiB",
                theirs,
                baseline,
                f"partnerfit faster: {verdict}",
            )
        else:
            need = M * n * n * 8 / 2**30
            print(f"  pymcdm PROMETHEE_II not run: it keeps {M} n x n tables ({need:.0f} GiB)")


def promethee_gaussian(quick: bool, best_of: Timer) -> None:
    """The pairwise path (gaussian): same algorithm as the baseline, memory in blocks."""
    functions = [gaussian(S)] * M
    for n in [500] if quick else [1_000, 5_000]:
        x, w, b = data(n)
        repeat = 3
        print(f"PROMETHEE II (gaussian s={S:g}, pairwise blocks), {n:,} x {M} (best of {repeat}):")
        flows = np.asarray(promethee_ii(x, w, b, functions).net_flow)
        np.testing.assert_allclose(flows, numpy_promethee_gaussian(x, w, b), atol=1e-9)
        baseline = best_of(partial(numpy_promethee_gaussian, x, w, b), repeat)
        base_mem = peak_mib(partial(numpy_promethee_gaussian, x, w, b))
        _line(f"baseline: hand-written pairwise, {base_mem:.0f} MiB", baseline, baseline)
        mine = best_of(partial(promethee_ii, x, w, b, functions), repeat)
        mem = peak_mib(partial(promethee_ii, x, w, b, functions))
        verdict = "met" if mine / baseline <= TARGET_VS_NUMPY else "MISSED"
        _line(
            f"partnerfit promethee_ii, {mem:.0f} MiB", mine, baseline, f"target <= 1.5x: {verdict}"
        )
