# needs: db
# Citation keys (issue 4): stored once, identical in every export and every
# format, changed only by `colophon key regen`, which gives collisions a,
# b, c and changes nothing when run twice.

$ cp "$SRC/examples/bio-miriam-okafor.txt" bio.txt; colophon import bio bio.txt >/dev/null; colophon export bibtex --all > one.bib; colophon import bio bio.txt >/dev/null; colophon export bibtex --all > two.bib; cmp one.bib two.bib && grep '^@' one.bib
> @book{okafor2009salt,
> @book{okafor2015lighthouse,
> @book{okafor2021tidal,

$ colophon key regen --all --dry-run --key-pattern '[auth:capitalize]:[year]'
> okafor2009salt -> Okafor:2009
> okafor2015lighthouse -> Okafor:2015
> okafor2021tidal -> Okafor:2021

$ colophon export bibtex --all | grep '^@'
> @book{okafor2009salt,
> @book{okafor2015lighthouse,
> @book{okafor2021tidal,

# One key for three works: the collisions get a, b.
$ colophon key regen --all --key-pattern '[auth]'
> okafor2009salt -> okafor
> okafor2015lighthouse -> okafora
> okafor2021tidal -> okaforb
! colophon: 3 of 3 keys changed

$ colophon key regen --all --key-pattern '[auth]'
! colophon: 0 of 3 keys changed

$ colophon export csljson okafora | grep '"id"'
>     "id": "okafora",

# Back to the default pattern, one key by name; then the rest from stdin.
$ colophon key regen okafor
> okafor -> okafor2009salt
! colophon: 1 of 1 keys changed

$ colophon key regen - nosuchkey
< okafora
< okaforb
> okafora -> okafor2015lighthouse
> okaforb -> okafor2021tidal
! colophon: not in the store: nosuchkey
! colophon: 2 of 2 keys changed
? 6

$ colophon export bibtex --all > three.bib; cmp one.bib three.bib && echo same
> same

$ colophon key regen --all okafor2009salt
! colophon: key regen: name the works (KEY... or '-') or say --all, not both
? 2

$ colophon key regen --all --key-pattern 'a b'
! colophon: --key-pattern 'a b': column 2: ' ' cannot be part of a citation key (letters, digits and _:.- only)
? 2

$ colophon export bibtex --all -o nodir/refs.bib
! colophon: nodir/refs.bib: cannot create a temporary file: No such file or directory
? 1
