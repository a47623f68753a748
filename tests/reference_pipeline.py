"""An independent, plain-Python reimplementation of the pipeline, used to cross-check
the bundled example (tests/test_example.py). It shares no code with partnerfit.

Loads the criteria set and the example candidates with yaml.safe_load, runs the
staged formula by hand (plain Python) and asserts the behaviours the example is
meant to show:

1. the screen eliminates 2-3 candidates, each for a different knock-out;
2. the desk-review shortlist cuts at least one candidate by min_score and at
   least one by top (rank > top while total >= min_score);
3. due diligence reorders the finalists: the desk-review leader is not first.

Usage: python tests/reference_pipeline.py [examples/<scenario>/candidates.yaml]
"""

from __future__ import annotations

import math
import re
import statistics
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
DEFAULT = ROOT / "examples" / "apac-medtech-entry" / "candidates.yaml"


COMPUTED = {"coverage", "overlap", "alignment", "similarity", "ratio", "balance"}


def value_of(score):
    if isinstance(score, dict):
        if "by" in score:  # several assessors: the median (the bundled set's aggregation)
            return statistics.median(score["by"].values())
        return score["value"]
    return score


def load(path: Path):
    cands = yaml.safe_load(path.read_text(encoding="utf-8"))
    crit_path = (path.parent / cands["criteria"]).resolve()
    crit = yaml.safe_load(crit_path.read_text(encoding="utf-8"))
    profile = yaml.safe_load((path.parent / cands["profile"]).read_text(encoding="utf-8"))
    return crit, cands, profile


def name_key(text, aliases):
    """Case, spaces, hyphens and underscores do not matter; synonyms map to one name."""
    key = re.sub(r"[\s_-]+", " ", text.lower()).strip()
    return aliases.get(key, key)


def add_computed_scores(crit, cands, profile):
    """Write each computed criterion's 0..100 score into the candidates' scores, by hand."""
    assert crit["assessors"]["aggregation"] == "median"
    aliases = {}
    for canonical, names in crit.get("synonyms", {}).items():
        for alias in [names] if isinstance(names, str) else names:
            aliases[name_key(alias, {})] = name_key(canonical, {})
    needs = {name_key(k, aliases): v for k, v in profile["needs"].items()}
    strengths = {name_key(k, aliases) for k in profile["strengths"]}
    ours = {name_key(k, aliases) for k in profile["objectives"]}
    culture = crit["culture"]
    span = culture["scale"]["max"] - culture["scale"]["min"]
    for cand in cands["candidates"]:
        caps = {name_key(k, aliases) for k in cand.get("capabilities", [])}
        objectives = {name_key(k, aliases) for k in cand.get("objectives", [])}
        items = [c for d in crit["dimensions"] for c in d["criteria"]]
        for c in [*items, *crit.get("facts", [])]:
            kind = c.get("kind", "rating")
            if kind not in COMPUTED:
                continue
            if kind == "coverage" and "capabilities" in cand:
                counted = {n: w for n, w in needs.items() if w >= c.get("min_importance", 0)}
                got = sum(w for n, w in counted.items() if n in caps)
                cand["scores"][c["id"]] = 100 * got / sum(counted.values())
            elif kind == "overlap" and "capabilities" in cand:
                cand["scores"][c["id"]] = 100 * len(caps & strengths) / len(caps)
            elif kind == "alignment" and "objectives" in cand:
                cand["scores"][c["id"]] = 100 * len(objectives & ours) / len(objectives | ours)
            elif kind == "similarity" and "culture" in cand:
                num = den = 0.0
                for dim in culture["dimensions"]:
                    w, tol = dim.get("weight", 1), dim.get("tolerance", 0)
                    theirs = value_of(cand["culture"][dim["id"]])
                    diff = abs(theirs - profile["culture"][dim["id"]])
                    num += w * min(1.0, max(0.0, diff - tol) / (span - tol))
                    den += w
                cand["scores"][c["id"]] = 100 * (1 - num / den)
            elif kind == "ratio" and c["of"] in cand.get("financials", {}):
                r = value_of(cand["financials"][c["of"]]) / profile["financials"][c["of"]]
                lo, hi = c.get("band", [0.5, 2])
                off = lo / r if r < lo else r / hi if r > hi else 1.0
                fall = c.get("falloff", 10)
                cand["scores"][c["id"]] = 100 * max(0.0, 1 - math.log(off) / math.log(fall))
            elif kind == "balance" and "proposal" in cand:
                give = sum(x["value"] for x in cand["proposal"].get("we_give", []))
                get = sum(x["value"] for x in cand["proposal"].get("we_receive", []))
                cand["scores"][c["id"]] = 100 * min(give, get) / max(give, get)


def index(crit):
    criteria, dims = {}, {}
    for d in crit["dimensions"]:
        dims[d["id"]] = d
        for c in d["criteria"]:
            criteria[c["id"]] = {**c, "dimension": d["id"]}
    facts = {f["id"]: f for f in crit.get("facts", [])}
    return dims, criteria, facts


def check_weights(dims):
    total = sum(d.get("weight", 1) for d in dims.values())
    assert total == 100, f"dimension weights sum to {total}"
    for d in dims.values():
        s = sum(c.get("weight", 1) for c in d["criteria"])
        assert s == 100, f"criterion weights in {d['id']} sum to {s}"


def normalise(crit_def, values, scale, cid):
    """Normalised 0..100 scores for one criterion over the stage's candidates."""
    kind = crit_def.get("kind", "rating")
    out = {}
    if kind == "rating":
        lo, hi = scale["min"], scale["max"]
        for k, v in values.items():
            out[k] = (v - lo) / (hi - lo) * 100
    elif kind == "flag":
        for k, v in values.items():
            out[k] = 100.0 if v else 0.0
    elif kind in COMPUTED:  # already 0..100
        out = dict(values)
    elif kind == "measure":
        if "bounds" in crit_def:
            lo, hi = crit_def["bounds"]
            for k, v in values.items():
                v = min(max(v, lo), hi)
                out[k] = (v - lo) / (hi - lo) * 100
        else:
            lo, hi = min(values.values()), max(values.values())
            for k, v in values.items():
                out[k] = 50.0 if hi == lo else (v - lo) / (hi - lo) * 100
    else:
        raise ValueError(f"{cid}: unknown kind {kind}")
    if crit_def.get("direction", "benefit") == "cost":
        out = {k: 100 - v for k, v in out.items()}
    return out


def worst_value(crit_def, scale, present):
    kind = crit_def.get("kind", "rating")
    cost = crit_def.get("direction", "benefit") == "cost"
    if kind == "rating":
        return scale["max"] if cost else scale["min"]
    if kind == "flag":
        return cost
    lo, hi = crit_def["bounds"] if "bounds" in crit_def else (min(present), max(present))
    return hi if cost else lo


def score_stage(stage, entrants, dims, criteria, scale):
    """Return (totals, dimension scores, incomplete {id: [criteria]})."""
    stage_dims = stage.get("dimensions") or list(dims)
    crit_ids = [c["id"] for d in stage_dims for c in dims[d]["criteria"]]
    incomplete = {}
    for cand in entrants:
        missing = [
            cid
            for cid in crit_ids
            if cid not in cand["scores"] and criteria[cid].get("missing", "exclude") == "exclude"
        ]
        if missing:
            incomplete[cand["id"]] = missing
    scored = [c for c in entrants if c["id"] not in incomplete]
    norm = {}
    for cid in crit_ids:
        cdef = criteria[cid]
        present = {c["id"]: value_of(c["scores"][cid]) for c in scored if cid in c["scores"]}
        policy = cdef.get("missing", "exclude")
        if policy == "worst":
            w = worst_value(cdef, scale, list(present.values()))
            present.update({c["id"]: w for c in scored if c["id"] not in present})
        norm[cid] = normalise(cdef, present, scale, cid)
    dim_total = sum(dims[d].get("weight", 1) for d in stage_dims)
    totals, dim_scores = {}, {}
    for cand in scored:
        k = cand["id"]
        dim_scores[k] = {}
        total = 0.0
        for d in stage_dims:
            used = [c for c in dims[d]["criteria"] if k in norm[c["id"]]]  # 'skip' drops
            wsum = sum(c.get("weight", 1) for c in used)
            ds = sum(c.get("weight", 1) * norm[c["id"]][k] for c in used) / wsum
            dim_scores[k][d] = ds
            total += dims[d].get("weight", 1) / dim_total * ds
        totals[k] = total
    return totals, dim_scores, incomplete


def rank(totals):
    rounded = {k: round(v, 6) for k, v in totals.items()}
    order = sorted(rounded, key=lambda k: (-rounded[k], k))
    return {k: 1 + sum(1 for o in rounded.values() if o > rounded[k]) for k in order}, order


def gate_fails(gate, value):
    fails = []
    if "equals" in gate and value != gate["equals"]:
        fails.append(f"{gate['criterion']} = {value}, needs {gate['equals']}")
    if "min" in gate and value < gate["min"]:
        fails.append(f"{gate['criterion']} = {value}, needs >= {gate['min']}")
    if "max" in gate and value > gate["max"]:
        fails.append(f"{gate['criterion']} = {value}, needs <= {gate['max']}")
    return fails


def main(path: Path) -> None:
    crit, cands, profile = load(path)
    add_computed_scores(crit, cands, profile)
    dims, criteria, _facts = index(crit)
    check_weights(dims)
    scale = crit["scale"]
    short = {d: dims[d].get("short", d[:8]) for d in dims}
    names = {c["id"]: c["name"] for c in cands["candidates"]}
    types = {c["id"]: c["type"] for c in cands["candidates"]}
    alive = list(cands["candidates"])
    print(f"{crit['name']} / {path.relative_to(ROOT)}: {len(alive)} candidates")
    log = {}
    for stage in crit["stages"]:
        sid = stage["id"]
        print(f"\n== {sid}: {stage.get('name', sid)} ({len(alive)} entrants)")
        out, incomplete_ids = [], []
        # gates: every failed gate recorded; a gate on a missing value -> incomplete
        survivors = []
        for cand in alive:
            reasons, missing = [], []
            for gate in stage.get("gates", []):
                cid = gate["criterion"]
                if cid not in cand["scores"]:
                    missing.append(cid)
                    continue
                f = gate_fails(gate, value_of(cand["scores"][cid]))
                if f:
                    reasons.append(f"{gate['reason']} ({'; '.join(f)})")
            if missing:
                incomplete_ids.append(cand["id"])
                print(f"  INCOMPLETE {cand['id']}: gate value missing: {', '.join(missing)}")
            elif reasons:
                out.append((cand["id"], reasons))
                for r in reasons:
                    print(f"  OUT {cand['id']} [{types[cand['id']]}]: {r}")
            else:
                survivors.append(cand)
        alive = survivors
        stage_log = {"gated_out": out, "incomplete": incomplete_ids, "cut": []}
        if "method" in stage:
            totals, dscores, incomplete = score_stage(stage, alive, dims, criteria, scale)
            for k, miss in incomplete.items():
                print(f"  INCOMPLETE {k}: missing {', '.join(miss)}")
                stage_log["incomplete"].append(k)
            ranks, order = rank(totals)
            stage_dims = stage.get("dimensions") or list(dims)
            header = "  rank  id".ljust(30) + "".join(f"{short[d]:>9}" for d in stage_dims)
            print(header + "    total  outcome")
            sl = stage.get("shortlist")
            kept = []
            for k in order:
                outcome = "kept"
                why = []
                if sl:
                    if ranks[k] > sl["top"]:
                        why.append(f"rank {ranks[k]} > top {sl['top']}")
                    if round(totals[k], 6) < sl["min_score"]:
                        why.append(f"total < min_score {sl['min_score']}")
                    if why:
                        outcome = "cut: " + "; ".join(why)
                        stage_log["cut"].append((k, why))
                if not why:
                    kept.append(k)
                row = f"  {ranks[k]:>4}  {k}".ljust(30)
                row += "".join(f"{dscores[k][d]:>9.1f}" for d in stage_dims)
                print(row + f"  {totals[k]:>7.2f}  {outcome}")
            stage_log["ranks"], stage_log["order"], stage_log["totals"] = ranks, order, totals
            alive = [c for c in alive if c["id"] in kept]
        log[sid] = stage_log

    final = log[crit["stages"][-1]["id"]]
    print("\nFinal ranking:")
    for k in final["order"]:
        print(f"  {final['ranks'][k]}. {names[k]} ({types[k]})  {final['totals'][k]:.2f}")

    # -- the behaviours the example must show --
    screen = log["screen"]["gated_out"]
    assert 3 <= len(screen) <= 5, f"screen eliminated {len(screen)}"
    reasons = {r.split(" (")[0] for _, rs in screen for r in rs}
    gates = {g["reason"] for g in crit["stages"][0]["gates"]}
    assert reasons == gates, f"gates that eliminate nobody: {gates - reasons}"
    assert any(len(r) > 1 for _, r in screen), "no screened-out candidate shows several reasons"
    desk = log["desk_review"]
    by_min = [k for k, why in desk["cut"] if any("min_score" in w for w in why)]
    by_top_only = [k for k, why in desk["cut"] if all("top" in w for w in why)]
    assert by_min, "no candidate cut by min_score"
    assert by_top_only, "no candidate cut by top alone"
    assert not desk["incomplete"] and not log["due_diligence"]["incomplete"], "incomplete"
    desk_leader = desk["order"][0]
    dd = log["due_diligence"]
    assert dd["order"][0] != desk_leader, "due diligence did not unseat the desk leader"
    assert len(cands["candidates"]) == 12
    assert len({c["type"] for c in cands["candidates"]}) >= 6, "too few alliance types"
    print(
        f"\nOK: screen out {len(screen)} ({', '.join(k for k, _ in screen)}); "
        f"desk cut by min_score {by_min}, by top only {by_top_only}; "
        f"desk leader {desk_leader} finishes {dd['ranks'][desk_leader]} "
        f"after due diligence, behind {dd['order'][0]}."
    )


if __name__ == "__main__":
    main(Path(sys.argv[1]).resolve() if len(sys.argv) > 1 else DEFAULT)
