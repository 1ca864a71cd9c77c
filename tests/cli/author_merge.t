# needs: db
# Correcting people by hand: `author merge A B` when automatic matching
# made two people of one, `author split NAME --works KEYS` when it made one
# of two.  Both keep the sources.

# "Robert Farley" and "R. Farley" have different name keys: two people.
$ printf 'Robert Farley is a senior lecturer at the Patterson School. He is the author of Grounded (University Press of Kentucky, 2014) and The Battleship Book (Wildside, 2016).\n' > a.txt; colophon import bio a.txt >/dev/null

$ printf 'Dr. R. Farley writes for The Diplomat. He is the author of Patents for Power (University of Chicago Press, 2020).\n' > b.txt; colophon import bio b.txt >/dev/null

$ colophon works Farley
! colophon: 2 people match 'Farley'; choose one with --person ID:
!   --person name:farley|r  R. Farley: 1 work (2020)
!   --person name:farley|robert  Robert Farley: 2 works (2014-2016); Patterson School
? 1

# Names that could be either person are not guessed.
$ colophon author merge Farley Farley
! colophon: 2 people match 'Farley'; choose one with --person-a ID:
!   --person-a name:farley|r  R. Farley
!   --person-a name:farley|robert  Robert Farley
? 1

# A dry run writes nothing.
$ colophon author merge "Robert Farley" "R. Farley" --dry-run
> would merge name:farley|r (R. Farley) into name:farley|robert (Robert Farley): 1 work, 1 link, 5 facts

$ colophon works Farley 2>&1 | head -1
> colophon: 2 people match 'Farley'; choose one with --person ID:

$ colophon author merge "Robert Farley" "R. Farley"
> merged name:farley|r (R. Farley) into name:farley|robert (Robert Farley): 1 work, 1 link, 5 facts

# One person with all the works, both name variants, R. Farley's facts
# and their evidence.
$ colophon works Farley
> 2020  book             Patents for Power (University of Chicago Press)
> 2016  book             The Battleship Book (Wildside)
> 2014  book             Grounded (University Press of Kentucky)

$ colophon author show Farley
> Dr. Robert Farley
> id:           name:farley|robert
> variants:     Robert Farley
>               R. Farley
> affiliations: Patterson School (senior lecturer)
> venues:       writes-for: The Diplomat
> works:        3 (book 3)
> per year:     2014  # 1
>               2016  # 1
>               2020  # 1

$ colophon show 'name:farley|robert' | grep -A2 '^  name'
>   name         Robert Farley
>       a.txt:0-13 "Robert Farley"
>       b.txt:4-13 "R. Farley"

# Running the merge again finds no second person.
$ colophon author merge "Robert Farley" "R. Farley"
! colophon: no person other than 'name:farley|robert' matches 'R. Farley' (merged already?)
? 6

$ colophon author merge "Robert Farley" "R. Farley" --person-b 'name:farley|r'
! colophon: no person with id 'name:farley|r' matches 'R. Farley'
? 6

# Importing the merged person's bio again lands on the person it was
# merged into: the merge stays done and the name stays the first one.
$ colophon import bio b.txt | sed 's/^imported [^:]*: //'
> 1 people (0 new), 1 works (0 new), 1 venues (0 new), 1 links (0 new); 0 skipped

$ colophon works Farley | wc -l
> 3

# Split one work back off: same name, key with "#2".
$ colophon author split Farley --works farley2020patents,nosuchkey
! colophon: no work with citation key 'nosuchkey'
? 6

$ colophon author split Farley --works farley2020patents --dry-run
> would split 1 work off name:farley|robert (Robert Farley) into name:farley|robert#2 (Robert Farley)

$ colophon author split Farley --works farley2020patents
> split 1 work off name:farley|robert (Robert Farley) into name:farley|robert#2 (Robert Farley)

$ colophon works Farley
! colophon: 2 people match 'Farley'; choose one with --person ID:
!   --person name:farley|robert  Robert Farley: 2 works (2014-2016); Patterson School
!   --person name:farley|robert#2  Robert Farley: 1 work (2020)
? 1

$ colophon works Farley --person 'name:farley|robert#2'
> 2020  book             Patents for Power (University of Chicago Press)

$ colophon author show Farley --person 'name:farley|robert#2'
> Robert Farley
> id:           name:farley|robert#2
> variants:     R. Farley
>               Robert Farley
> works:        1 (book 1)
> per year:     2020  # 1

$ colophon author split Farley --person 'name:farley|robert' --works farley2020patents
! colophon: work 'farley2020patents' is not among the works of 'name:farley|robert'
? 6

# Or under a new name; a name that is taken is refused.
$ colophon author split Farley --person 'name:farley|robert' --works farley2014grounded --as 'Rupert Farley'
> split 1 work off name:farley|robert (Robert Farley) into name:farley|rupert (Rupert Farley)

$ colophon works Rupert\ Farley
> 2014  book             Grounded (University Press of Kentucky)

$ colophon author split Farley --person 'name:farley|robert' --works farley2016battleship --as 'Rupert Farley'
! colophon: a person with key 'name:farley|rupert' exists already; move the works to them with 'author merge' instead
? 3

$ colophon author split Farley
! usage: colophon author split NAME --works KEY[,KEY...] [--as NAME] [--person ID] [--dry-run]
? 2

$ colophon author merge Farley
! usage: colophon author merge A B [--person-a ID] [--person-b ID] [--dry-run]
? 2

$ colophon author list Farley
! usage: colophon author show NAME [--json] [--person ID]
? 2

