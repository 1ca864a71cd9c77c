#!/usr/bin/env python3
"""bio_score.py - field-level precision, recall and F1 of the bio importer.

Runs `colophon import bio --dry-run --json` on every tests/bio_corpus/<n>.txt
and compares what it found with the hand-written <n>.expected.json beside
it.  Facts are compared per file as multisets after normalisation (case,
accents, punctuation, "&" read as "and", a leading "The" dropped):

  names         the person's name
  honorifics    the honorific ("Dr.", "Col. (Ret.)"; "Professor" = "Prof.")
  books         title + publisher + year (the subtitle is not scored)
  degrees       normalised degree + institution + year
  affiliations  organisation + start year + end year
  periodicals   venue name (an edition in parentheses is ignored)
  roles         role + organisation

Organisations match when one normalised name equals the other or holds it
as a run of whole words of at least two words ("Calder Center" matches
"Energy Program at the Calder Center"); roles match when one holds the
other ("poetry editor" / "editor").  It does not score which person of a
multi-person page a fact went to, only the facts of the page.

  bio_score.py [--bin COLOPHON] [--corpus DIR] [-v] [--check FLOORS.json]

With --check, exits 1 (and names the field) when any F1 is below its floor
in FLOORS.json ({"books": 0.9, ...}); prints one line when all pass.
Python 3 standard library only.
"""
import argparse
import glob
import json
import os
import re
import subprocess
import sys
import unicodedata

FIELDS = ["names", "honorifics", "books", "degrees", "affiliations",
          "periodicals", "roles"]


def norm(s):
    if s is None:
        return ""
    s = unicodedata.normalize("NFKD", str(s))
    s = "".join(ch for ch in s if not unicodedata.combining(ch)).lower()
    s = s.replace("&", " and ")
    s = re.sub(r"[^\w]+", " ", s).strip()
    s = re.sub(r"^the ", "", s)
    return s


# Honorifics compare in their short forms: "Professor" is "Prof.".
SHORT = {"professor": "prof", "ambassador": "amb", "doctor": "dr",
         "captain": "capt", "general": "gen", "colonel": "col",
         "lieutenant": "lt", "admiral": "adm", "major": "maj",
         "reverend": "rev", "senator": "sen", "sergeant": "sgt",
         "commander": "cmdr", "retired": "ret"}


def norm_honorific(s):
    return " ".join(SHORT.get(w, w) for w in norm(s).split())


def contains_words(big, small):
    if not small:
        return not big
    if big == small:
        return True
    return len(small.split()) >= 2 and f" {small} " in f" {big} "


def org_match(a, b):
    a, b = norm(a), norm(b)
    return contains_words(a, b) or contains_words(b, a)


def role_match(a, b):
    a, b = norm(a), norm(b)
    return a == b or f" {a} " in f" {b} " or f" {b} " in f" {a} "


def facts(doc):
    """Per field, a list of comparable tuples."""
    out = {f: [] for f in FIELDS}
    for p in doc.get("people", []):
        if p.get("name"):
            out["names"].append(norm(p["name"]))
        if p.get("honorific"):
            out["honorifics"].append(norm_honorific(p["honorific"]))
        for b in p.get("books", []):
            out["books"].append((norm(b.get("title")), b.get("publisher"),
                                 b.get("year")))
        for d in p.get("degrees", []):
            out["degrees"].append((d.get("degree_norm"), d.get("institution"),
                                   d.get("year")))
        for a in p.get("affiliations", []):
            out["affiliations"].append((a.get("org"), a.get("since"),
                                        a.get("until")))
        for v in p.get("periodicals", []):
            out["periodicals"].append(norm(re.sub(r"\s*\([^)]*\)$", "", v)))
        for r in p.get("roles", []):
            out["roles"].append((r.get("role"), r.get("org")))
    return out


def same(field, e, g):
    if field in ("names", "honorifics", "periodicals"):
        return e == g
    if field == "books":
        return (e[0] == g[0] and norm(e[1]) == norm(g[1])
                and (e[2] or None) == (g[2] or None))
    if field == "degrees":
        return (e[0] == g[0] and e[2] == g[2] and
                (org_match(e[1], g[1]) if e[1] or g[1] else True))
    if field == "affiliations":
        return org_match(e[0], g[0]) and e[1] == g[1] and e[2] == g[2]
    if field == "roles":
        return role_match(e[0], g[0]) and org_match(e[1], g[1])
    raise ValueError(field)


def compare(field, exp, got):
    """(true positives, misses, extras) by greedy one-to-one matching."""
    left = list(got)
    misses = []
    tp = 0
    for e in exp:
        for i, g in enumerate(left):
            if same(field, e, g):
                tp += 1
                del left[i]
                break
        else:
            misses.append(e)
    return tp, misses, left


def run(binary, path):
    d, name = os.path.split(path)
    binary = os.path.abspath(binary) if os.sep in binary else binary
    r = subprocess.run([binary, "import", "bio", "--dry-run", "--json", name],
                       cwd=d or ".", capture_output=True, timeout=60)
    if r.returncode != 0:
        return {"people": []}
    return json.loads(r.stdout.decode("utf-8"))


def prf(tp, ne, ng):
    p = tp / ng if ng else 1.0
    r = tp / ne if ne else 1.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--bin", default=os.environ.get("COLOPHON_BIN", "colophon"))
    ap.add_argument("--corpus", default=os.path.join(here, "..", "tests", "bio_corpus"))
    ap.add_argument("--check", metavar="FLOORS.json")
    ap.add_argument("-v", "--verbose", action="store_true")
    a = ap.parse_args()

    inputs = sorted(glob.glob(os.path.join(a.corpus, "*.txt")))
    if not inputs:
        sys.exit(f"bio_score: no corpus files in {a.corpus}")
    tot = {f: [0, 0, 0] for f in FIELDS}  # tp, expected, got
    for path in inputs:
        with open(path[:-4] + ".expected.json", encoding="utf-8") as fh:
            exp = facts(json.load(fh))
        got = facts(run(a.bin, path))
        for f in FIELDS:
            tp, misses, extras = compare(f, exp[f], got[f])
            tot[f][0] += tp
            tot[f][1] += len(exp[f])
            tot[f][2] += len(got[f])
            if a.verbose and (misses or extras):
                for m in misses:
                    print(f"{os.path.basename(path)}: {f}: missed {m}")
                for x in extras:
                    print(f"{os.path.basename(path)}: {f}: extra  {x}")
    scores = {}
    all_tp = all_e = all_g = 0
    for f in FIELDS:
        scores[f] = prf(*tot[f])
        all_tp += tot[f][0]
        all_e += tot[f][1]
        all_g += tot[f][2]
    scores["overall"] = prf(all_tp, all_e, all_g)

    if a.check:
        with open(a.check, encoding="utf-8") as fh:
            floors = json.load(fh)
        bad = [f"{f}: F1 {scores[f][2]:.3f} < floor {fl:.3f}"
               for f, fl in floors.items() if scores[f][2] < fl]
        for b in bad:
            print(f"bio_score: {b}", file=sys.stderr)
        if bad:
            return 1
        print(f"bio corpus: {len(inputs)} bios, every field at or above its floor")
        return 0
    print(f"{len(inputs)} bios")
    print(f"{'field':<13} {'P':>6} {'R':>6} {'F1':>6} {'exp':>5} {'got':>5}")
    for f in FIELDS + ["overall"]:
        p, r, f1 = scores[f]
        e = tot[f][1] if f in tot else all_e
        g = tot[f][2] if f in tot else all_g
        print(f"{f:<13} {p:6.3f} {r:6.3f} {f1:6.3f} {e:5d} {g:5d}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
