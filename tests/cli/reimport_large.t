# needs: db
# A library big enough that one import's writes pass 100 statements:
# imported, imported again (nothing changes, nothing is written), then
# imported with a note added to every entry (300 stored works updated).
# FerretDB v1.24 holds a SQLite connection for every statement of an
# update command that changes a stored document; a command of 100 of them
# waited forever (core/store_priv.h, COLO_BULK_CHUNK).  Each step has its
# own time limit so a hang fails here instead of at the suite's timeout.

$ python3 "$SRC/bench/gen_bib.py" 300 > lib.bib; timeout 120 colophon import bibtex lib.bib
> imported lib.bib: 300 works (300 new, 0 merged, 0 versions linked); 0 skipped

$ timeout 120 colophon import bibtex lib.bib
> imported lib.bib: 300 works (0 new, 300 merged, 0 versions linked); 0 skipped

$ sed 's/^\(@[A-Za-z]*{[^,]*,\)$/\1\n  note = {seen again},/' lib.bib > noted.bib; grep -c 'seen again' noted.bib
> 300

$ timeout 120 colophon import bibtex noted.bib
> imported noted.bib: 300 works (0 new, 300 merged, 0 versions linked); 0 skipped

$ colophon db status | grep -E '^works:'
> works:        300

$ colophon export csljson --all | grep -c '"note": "seen again"'
> 300
