#!/usr/bin/env python3
"""Field-level precision, recall and F1 of the reference labeller.

Compares what Colophon makes of labelled reference strings with their `norm`
(the cleaned gold fields of ../shared/data/refs, see the README there):
author, title, container-title, publisher, location, year, volume, issue,
pages and DOI, then the micro-average over those fields.

Modes:
  (default)       the labeller's segments, from `colophon-refs-train --label`
                  with a model file, on the held-out split (--holdout K: the
                  records whose id hashes to 0 mod K, which the shipped model
                  never saw);
  --cross         trains a model on one corpus and scores it on the other,
                  both ways (needs only the trainer);
  --end-to-end    the importer's CSL-JSON items, from
                  `colophon import refs --lines --dry-run --json FILE`.

A value counts when its normalised form equals the gold one: edge
punctuation stripped, case and runs of spaces ignored, the year taken from a
date, the first number of a volume, first-last of pages, a DOI without its
prefix, a leading "In" dropped from a container.  Each field's values in
one reference are compared as a multiset.

--min-micro X and --min-field NAME=X turn it into a check (exit 1 below a
floor); --skip-missing exits 77 when the data directory is absent.
Standard library only.
"""
import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
import unicodedata

FIELDS = ["author", "title", "container-title", "publisher", "location",
          "year", "volume", "issue", "pages", "doi"]

# The labeller's label for each scored field.
SEG_LABEL = {"author": "author", "title": "title",
             "container-title": "container-title", "publisher": "publisher",
             "location": "location", "year": "date", "volume": "volume",
             "issue": "issue", "pages": "pages", "doi": "doi"}

# The key in a record's `norm` for each scored field.
NORM_KEY = {"author": "author", "title": "title",
            "container-title": "container", "publisher": "publisher",
            "location": "location", "year": "year", "volume": "volume",
            "issue": "issue", "pages": "pages", "doi": "doi"}


def fnv1a32(s):
    h = 2166136261
    for b in s.encode("utf-8"):
        h = ((h ^ b) * 16777619) & 0xFFFFFFFF
    return h


def strip_edges(s):
    def edge(c):
        cat = unicodedata.category(c)
        return cat[0] in "PZ" or c.isspace() or c in "+`\u00b4"
    i, j = 0, len(s)
    while i < j and edge(s[i]):
        i += 1
    while j > i and edge(s[j - 1]):
        j -= 1
    return s[i:j]


def squash(s):
    s = unicodedata.normalize("NFKC", s).casefold()
    return " ".join(s.split())


YEAR_RE = re.compile(r"(?<!\d)(1[5-9]\d\d|20\d\d)(?!\d)")
NUM_RE = re.compile(r"\d+")
PAGE_RE = re.compile(
    r"([A-Za-z]?\d+[A-Za-z]?)(?:\s*[-\u2010-\u2015\u2212]+\s*([A-Za-z]?\d+[A-Za-z]?))?")
DOI_RE = re.compile(r"10\.\d+/\S+")
KEYWORD_RE = re.compile(
    r"^(pp?|pages?|pgs?|vols?|volume|no|nos|nr|issue|iss|number|num)\b\.?\s*",
    re.I)


def canon(field, value):
    """The comparable form of one value, or None when nothing is left."""
    if value is None:
        return None
    if field == "year":
        if isinstance(value, int):
            return str(value)
        m = YEAR_RE.search(str(value))
        return m.group(1) if m else None
    s = str(value)
    if field == "doi":
        m = DOI_RE.search(s)
        if not m:
            return None
        d = m.group(0).rstrip(".,;")
        while d.endswith(")") and d.count(")") > d.count("("):
            d = d[:-1]
        return d.lower()
    s = strip_edges(s)
    if field == "volume":
        m = NUM_RE.search(s)
        return m.group(0) if m else (squash(s) or None)
    if field == "issue":
        s = KEYWORD_RE.sub("", s)
        s = strip_edges(s)
        return "".join(squash(s).split()) or None
    if field == "pages":
        s = KEYWORD_RE.sub("", s)
        m = PAGE_RE.search(s)
        if not m:
            return squash(s) or None
        return m.group(1) + ("-" + m.group(2) if m.group(2) else "")
    if field == "container-title":
        s = re.sub(r"^in\s*:?\s+", "", s, flags=re.I)
    s = squash(s)
    return s or None


def as_list(v):
    if v is None:
        return []
    return v if isinstance(v, list) else [v]


def gold_values(rec, field):
    out = []
    for v in as_list(rec.get("norm", {}).get(NORM_KEY[field])):
        c = canon(field, v)
        if c is not None:
            out.append(c)
    return out


def seg_values(segments, field):
    label = SEG_LABEL[field]
    vals = [canon(field, text) for lab, text in segments if lab == label]
    vals = [v for v in vals if v is not None]
    if field == "year":
        return vals[:1]
    return vals


def csl_values(item, field):
    """A CSL-JSON item's values for a scored field but author
    (--end-to-end)."""
    if item is None:
        return []
    if field == "year":
        issued = item.get("issued") or {}
        parts = issued.get("date-parts") or []
        if parts and parts[0]:
            return [str(parts[0][0])]
        return []
    key = {"container-title": "container-title", "publisher": "publisher",
           "location": "publisher-place", "title": "title",
           "volume": "volume", "issue": "issue", "pages": "page",
           "doi": "DOI"}[field]
    vals = [canon(field, v) for v in as_list(item.get(key))]
    return [v for v in vals if v is not None]


INITIALS_RE = re.compile(r"^(?:[A-Z\u00c0-\u00de][.\-]?\s*){1,4}$")
WORD_RE = re.compile(r"[^\W\d_]+(?:['\u2019-][^\W\d_]+)*")


def gold_authors(rec):
    """The gold author string's name words and an estimate of how many
    authors it lists (--end-to-end).  The string is cut at ';', '&', 'and'
    and commas; a piece of initials only ("J. A.", "ML") belongs to the
    name before it.  Approximate: "Okafor, Chinwe" counts as two."""
    words, count = set(), 0
    for v in as_list(rec.get("norm", {}).get("author")):
        v = re.sub(r"\bet\.? al\b\.?", "", v)
        for w in WORD_RE.findall(v):
            words.add(squash(w))
        pieces = [p.strip() for p in re.split(r"[;,&]|\band\b", v)]
        for i, piece in enumerate(p for p in pieces if p):
            if i and INITIALS_RE.match(piece):
                continue
            count += 1
    return words, count


def score_authors(t, rec, item):
    """Family names of the item's authors against the gold author string:
    a family name counts when all its words are name words of the gold."""
    words, count = gold_authors(rec)
    fams = []
    for n in (item or {}).get("author") or []:
        f = n.get("family") or n.get("literal") or ""
        if f.strip():
            fams.append([squash(w) for w in WORD_RE.findall(f)])
    tp = sum(1 for f in fams if f and all(w in words for w in f))
    tp = min(tp, count)
    t.c["author"][0] += tp
    t.c["author"][1] += len(fams) - tp
    t.c["author"][2] += max(count - tp, 0)


class Tally:
    def __init__(self):
        self.c = {f: [0, 0, 0] for f in FIELDS}  # tp, fp, fn

    def add(self, field, gold, pred):
        g = list(gold)
        tp = 0
        for p in pred:
            if p in g:
                g.remove(p)
                tp += 1
        self.c[field][0] += tp
        self.c[field][1] += len(pred) - tp
        self.c[field][2] += len(gold) - tp

    @staticmethod
    def prf(tp, fp, fn):
        p = tp / (tp + fp) if tp + fp else 0.0
        r = tp / (tp + fn) if tp + fn else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return p, r, f

    def table(self):
        rows = {}
        tot = [0, 0, 0]
        for f in FIELDS:
            tp, fp, fn = self.c[f]
            rows[f] = dict(zip(("p", "r", "f1"), self.prf(tp, fp, fn)),
                           support=tp + fn)
            for i in range(3):
                tot[i] += self.c[f][i]
        rows["micro"] = dict(zip(("p", "r", "f1"), self.prf(*tot)),
                             support=tot[0] + tot[2])
        return rows


def print_table(title, rows, out=sys.stdout):
    print(title, file=out)
    print("  %-16s %6s %6s %6s %7s" % ("field", "P", "R", "F1", "gold"),
          file=out)
    for f in FIELDS + ["micro"]:
        r = rows[f]
        print("  %-16s %6.3f %6.3f %6.3f %7d" % (f, r["p"], r["r"], r["f1"],
                                                 r["support"]), file=out)


def load_jsonl(paths):
    recs = []
    for p in paths:
        with open(p, encoding="utf-8") as fh:
            for line in fh:
                if line.strip():
                    recs.append(json.loads(line))
    return recs


def run_label(binary, model, files, holdout):
    cmd = [binary, "--label", "--model", model]
    if holdout > 1:
        cmd += ["--holdout", str(holdout)]
    out = subprocess.run(cmd + files, check=True, capture_output=True,
                         text=True).stdout
    return {o["id"]: o["segments"] for o in map(json.loads, out.splitlines())}


def score_segments(recs, labelled):
    t = Tally()
    n = 0
    for rec in recs:
        if rec["id"] not in labelled:
            continue
        n += 1
        segs = labelled[rec["id"]]
        for f in FIELDS:
            t.add(f, gold_values(rec, f), seg_values(segs, f))
    return t.table(), n


def score_end_to_end(colophon, recs):
    t = Tally()
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "refs.txt")
        with open(path, "w", encoding="utf-8") as fh:
            for rec in recs:
                fh.write(" ".join(rec["text"].split()) + "\n")
        proc = subprocess.run([colophon, "import", "refs", "--lines",
                               "--dry-run", "--json", path],
                              capture_output=True, text=True)
        if proc.returncode != 0:
            sys.exit("refs-score: colophon import refs failed (%d): %s" %
                     (proc.returncode, proc.stderr.strip()[:300]))
        items = json.loads(proc.stdout)
    if isinstance(items, dict):
        items = items.get("items") or items.get("works") or []
    # A reference the importer skips is reported on stderr as
    # "FILE:LINE:COL: ... skipped ..."; the items are the other lines, in
    # order.  A skipped reference scores as all its gold fields missed.
    skipped = set()
    for line in proc.stderr.splitlines():
        m = re.search(r":(\d+):\d+: .*skipped", line)
        if m:
            skipped.add(int(m.group(1)))
    kept = [i for i in range(len(recs)) if i + 1 not in skipped]
    if len(items) != len(kept):
        sys.exit("refs-score: %d items for %d references not skipped; "
                 "cannot pair them" % (len(items), len(kept)))
    by_rec = dict(zip(kept, items))
    print("refs-score: %d of %d references skipped by the importer"
          % (len(skipped), len(recs)), file=sys.stderr)
    for i, rec in enumerate(recs):
        item = by_rec.get(i)
        score_authors(t, rec, item)
        for f in FIELDS[1:]:
            t.add(f, gold_values(rec, f), csl_values(item, f))
    return t.table(), len(recs)


def check(rows, min_micro, min_fields):
    bad = []
    if min_micro is not None and rows["micro"]["f1"] < min_micro:
        bad.append("micro F1 %.3f < %.3f" % (rows["micro"]["f1"], min_micro))
    for spec in min_fields:
        name, _, val = spec.partition("=")
        if name not in rows:
            sys.exit("refs-score: unknown field in --min-field: " + name)
        if rows[name]["f1"] < float(val):
            bad.append("%s F1 %.3f < %s" % (name, rows[name]["f1"], val))
    return bad


def main():
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--bin", help="colophon-refs-train (default: on PATH or "
                    "build/colophon-refs-train)")
    ap.add_argument("--model", default=os.path.join(root, "importers", "refs",
                                                    "model.txt"))
    ap.add_argument("--data", default=os.path.join(root, "..", "shared",
                                                   "data", "refs"))
    ap.add_argument("--holdout", type=int, default=10)
    ap.add_argument("--cross", action="store_true")
    ap.add_argument("--end-to-end", action="store_true")
    ap.add_argument("--colophon", help="the colophon binary (--end-to-end)")
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--min-micro", type=float)
    ap.add_argument("--min-field", action="append", default=[])
    ap.add_argument("--skip-missing", action="store_true")
    ap.add_argument("files", nargs="*", help="JSONL files (default: the "
                    "two corpora in --data)")
    a = ap.parse_args()

    files = a.files or [os.path.join(a.data, "anystyle-core.jsonl"),
                        os.path.join(a.data, "grobid-corpus.jsonl")]
    missing = [f for f in files if not os.path.exists(f)]
    if missing:
        if a.skip_missing:
            print("refs-score: %s not found; skipping" % missing[0])
            sys.exit(77)
        sys.exit("refs-score: %s not found" % missing[0])

    binary = a.bin
    if not binary:
        for cand in [os.path.join(root, "build", "colophon-refs-train")]:
            if os.path.exists(cand):
                binary = cand
        binary = binary or "colophon-refs-train"

    results = {}
    if a.cross:
        pairs = [(f, [g for g in files if g != f]) for f in files]
        with tempfile.TemporaryDirectory() as tmp:
            for test, train in pairs:
                model = os.path.join(tmp, "model.txt")
                subprocess.run([binary, "--quiet", "-o", model] + train,
                               check=True)
                recs = load_jsonl([test])
                lab = run_label(binary, model, [test], 0)
                rows, n = score_segments(recs, lab)
                name = "train %s -> score %s (%d refs)" % (
                    "+".join(os.path.basename(t) for t in train),
                    os.path.basename(test), n)
                results[name] = rows
    elif a.end_to_end:
        recs = load_jsonl(files)
        if a.holdout > 1:
            recs = [r for r in recs if fnv1a32(r["id"]) % a.holdout == 0]
        colophon = a.colophon or "colophon"
        rows, n = score_end_to_end(colophon, recs)
        results["end to end, held-out split 1/%d (%d refs)" % (a.holdout, n)] = rows
    else:
        recs = load_jsonl(files)
        lab = run_label(binary, a.model, files, a.holdout)
        rows, n = score_segments(recs, lab)
        what = ("held-out split 1/%d" % a.holdout if a.holdout > 1
                else "all records")
        results["labeller, %s (%d refs)" % (what, n)] = rows

    if a.json:
        json.dump(results, sys.stdout, indent=1)
        print()
    else:
        for title, rows in results.items():
            print_table(title, rows)
    bad = []
    for rows in results.values():
        bad += check(rows, a.min_micro, a.min_field)
    if bad:
        print("refs-score: below the floor: " + "; ".join(bad),
              file=sys.stderr)
        sys.exit(1)


if __name__ == "__main__":
    main()
