# needs: db
# A library big enough that the lookup writes of one import (names,
# citation keys, each person's works) pass 100 statements, imported and
# then imported again.  FerretDB v1.24 holds a SQLite connection for every
# statement of an update command that changes a stored document; a
# command of 100 of them waited forever (core/store.c, BULK_CHUNK).  Each
# step has its own time limit so a hang fails here instead of at the
# suite's timeout.

$ python3 "$SRC/bench/gen_bib.py" 300 > lib.bib; timeout 120 colophon import bibtex lib.bib
> imported lib.bib: 300 works (300 new, 0 merged, 0 versions linked); 0 skipped

$ timeout 120 colophon import bibtex lib.bib
> imported lib.bib: 300 works (0 new, 300 merged, 0 versions linked); 0 skipped

$ colophon db status | grep -E '^works:'
> works:        300
