#!/usr/bin/env python3
"""gen_refs.py - writes a reference list for bench_refs (and by hand).

    gen_refs.py N [--seed S] [--style mixed|apa|mla|chicago|harvard|ieee|
                   vancouver|acm|cv] [--lines] > refs.txt

N references in the given style (mixed: each reference in a style drawn
at random), numbered "[n]" for IEEE and "n." for Vancouver, a heading
every few hundred references, blank lines between references unless
--lines.  Names, titles and venues are drawn from small invented word
lists; the output is deterministic for a seed.
"""
import argparse
import random
import sys

FAMILY = ["Farley", "Okafor", "Lindqvist", "Moreau", "Tanaka", "Novak",
          "Haddad", "Castillo", "O'Neill", "Kowalski", "Brennan", "Ivanova",
          "Achebe", "Delgado", "Fischer", "Mbeki", "Sato", "Varga",
          "Whitfield", "Zhou", "van der Berg", "Quispe", "Nakamura"]
GIVEN = ["Robert", "Amara", "Johan", "Claire", "Kenji", "Petra", "Samir",
         "Lucia", "Siobhan", "Marek", "Aoife", "Elena", "Chidi", "Rosa",
         "Lena", "Thabo", "Yuki", "Zsofia", "Harriet", "Wei", "Pieter"]
WORDS = ["naval", "power", "finance", "strategy", "airpower", "deterrence",
         "logistics", "alliances", "maritime", "security", "industry",
         "doctrine", "coalitions", "blockades", "markets", "innovation",
         "carriers", "drones", "budgets", "sanctions", "war", "peace",
         "institutions", "memory", "empire", "trade", "networks"]
JOURNALS = ["Journal of Strategic Studies", "Naval War College Review",
            "International Security", "Security Studies",
            "Journal of Maritime History", "Defence Economics Quarterly"]
PUBLISHERS = [("University Press of Kentucky", "Lexington"),
              ("Lynne Rienner", "Boulder"), ("Routledge", "London"),
              ("Naval Institute Press", "Annapolis"),
              ("Cambridge University Press", "Cambridge"),
              ("Oxford University Press", "Oxford")]
STYLES = ["apa", "mla", "chicago", "chicago-nb", "harvard", "ieee",
          "vancouver", "acm", "cv"]
HEADINGS = ["Books", "Journal Articles", "Book Chapters", "Op-Eds",
            "Edited Volumes", "Selected Publications"]


def title(r):
    words = r.sample(WORDS, r.randint(3, 7))
    t = " ".join(words).capitalize()
    if r.random() < 0.4:
        t += ": " + " ".join(r.sample(WORDS, r.randint(2, 5)))
    return t


def people(r):
    return [(r.choice(GIVEN), r.choice(FAMILY)) for _ in range(r.randint(1, 4))]


def initials(g):
    return g[0] + "."


def ref(r, style, n):
    ps = people(r)
    t = title(r)
    year = r.randint(1950, 2025)
    vol, iss = r.randint(1, 120), r.randint(1, 12)
    first = r.randint(1, 900)
    pages = (first, first + r.randint(5, 40))
    journal = r.choice(JOURNALS)
    pub, place = r.choice(PUBLISHERS)
    book = r.random() < 0.35
    doi = "10.%d/%s.%d" % (r.randint(1000, 9999), r.choice(WORDS), r.randint(1, 99999))
    if style == "apa":
        names = ", ".join("%s, %s" % (f, initials(g)) for g, f in ps[:-1])
        last = "%s, %s" % (ps[-1][1], initials(ps[-1][0]))
        names = (names + ", & " + last) if len(ps) > 1 else last
        if book:
            return "%s (%d). %s. %s." % (names, year, t, pub)
        return "%s (%d). %s. %s, %d(%d), %d–%d. https://doi.org/%s" % (
            names, year, t, journal, vol, iss, pages[0], pages[1], doi)
    if style == "mla":
        g, f = ps[0]
        names = "%s, %s" % (f, g)
        if len(ps) == 2:
            names += ", and %s %s" % ps[1]
        elif len(ps) > 2:
            names += ", et al"
        if book:
            return "%s. %s. %s, %d." % (names, t, pub, year)
        return '%s. "%s." %s, vol. %d, no. %d, %d, pp. %d-%d.' % (
            names, t, journal, vol, iss, year, pages[0], pages[1])
    if style in ("chicago", "harvard"):
        names = "%s, %s" % (ps[0][1], ps[0][0])
        for g, f in ps[1:]:
            names += ", and %s %s" % (g, f)
        if style == "harvard":
            names = ", ".join("%s, %s" % (f, initials(g)) for g, f in ps)
            if book:
                return "%s (%d) %s. %s: %s." % (names, year, t, place, pub)
            return "%s (%d) '%s', %s, %d(%d), pp. %d-%d." % (
                names, year, t, journal, vol, iss, pages[0], pages[1])
        if book:
            return "%s. %d. %s. %s: %s." % (names, year, t, place, pub)
        return '%s. %d. "%s." %s %d (%d): %d–%d.' % (
            names, year, t, journal, vol, iss, pages[0], pages[1])
    if style == "chicago-nb":
        names = " and ".join("%s %s" % p for p in ps[:2])
        if book:
            return "%s, %s (%s: %s, %d)." % (names, t, place, pub, year)
        return '%s, "%s," %s %d, no. %d (%d): %d.' % (
            names, t, journal, vol, iss, year, pages[0])
    if style == "ieee":
        names = ", ".join("%s %s" % (initials(g), f) for g, f in ps)
        if book:
            return "[%d] %s, %s. %s: %s, %d." % (n, names, t, place, pub, year)
        return '[%d] %s, "%s," %s, vol. %d, no. %d, pp. %d–%d, %d, doi: %s.' % (
            n, names, t, journal, vol, iss, pages[0], pages[1], year, doi)
    if style == "vancouver":
        names = ", ".join("%s %s" % (f.replace(" ", ""), g[0]) for g, f in ps)
        if book:
            return "%d. %s. %s. %s: %s; %d." % (n, names, t, place, pub, year)
        return "%d. %s. %s. %s. %d;%d(%d):%d-%d." % (
            n, names, t, journal, year, vol, iss, pages[0], pages[1])
    if style == "acm":
        names = ", ".join("%s %s" % p for p in ps[:-1])
        names = (names + ", and " if names else "") + "%s %s" % ps[-1]
        if book:
            return "%s. %d. %s. %s, %s." % (names, year, t, pub, place)
        return "%s. %d. %s. %s %d, %d (%d), %d–%d. https://doi.org/%s" % (
            names, year, t, journal, vol, iss, year, pages[0], pages[1], doi)
    # cv: "Title (Publisher, Year)"
    return "%s (%s, %d)" % (t, pub, year)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("n", type=int)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--style", default="mixed", choices=["mixed"] + STYLES)
    ap.add_argument("--lines", action="store_true")
    a = ap.parse_args()
    r = random.Random(a.seed)
    out = sys.stdout
    for i in range(1, a.n + 1):
        if not a.lines and i % 300 == 1:
            out.write("%s\n\n" % r.choice(HEADINGS))
        style = a.style if a.style != "mixed" else r.choice(STYLES)
        out.write(ref(r, style, i) + "\n")
        if not a.lines:
            out.write("\n")


if __name__ == "__main__":
    main()
