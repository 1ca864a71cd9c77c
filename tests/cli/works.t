# needs: db
# needs: seed
# Querying an author's works: name variants and accents, filters, sorting,
# formats, several people with one name, and the author profile.

$ cp "$SEED" seed.txt; colophon import bio seed.txt >/dev/null
$ printf 'Dr. Jane Farley is a professor of botany at Keswick University. She is the author of Mosses of the North (Fellside Press, 2011).\n' > jane.txt; colophon import bio jane.txt >/dev/null
$ printf 'Prof. Anna M\xc3\xbcller is a senior fellow at the Danube Institute. She is the author of Rivers and Borders (Ostwind Verlag, 2019), and co-author of Salt and Stone (with Pieter de Vries; Ostwind Verlag, 2021).\n' > anna.txt; colophon import bio anna.txt >/dev/null

# One family name, two people: listed with what tells them apart, exit 1.
$ colophon works Farley
! colophon: 2 people match 'Farley'; choose one with --person ID:
!   --person name:farley|jane  Jane Farley: 1 work (2011); Keswick University
!   --person name:farley|robert  Robert Farley: 4 works (2014-2023); Patterson School
? 1

$ colophon works Farley --person 'name:farley|robert' | wc -l
> 4

$ colophon works "R. Farley" --since 2016 --until 2020
> 2020  book             Patents for Power: Intellectual Property Law and the Diffusion of Military Technology (University of Chicago)
> 2016  book             The Battleship Book (Wildside)

$ colophon works "Robert Farley" --sort title | cut -c1-40
> 2014  book             Grounded: The Cas
> 2020  book             Patents for Power
> 2016  book             The Battleship Bo
> 2023  book             Waging War with G

$ colophon works "Dr. Robert Farley" --venue "lynne rienner" --format bibtex | head -1
> @book{farley2023waging,

$ colophon works "Farley, Robert" --type article-journal | wc -l
> 0

$ colophon works "Robert Farley" --role editor | wc -l
> 0

$ colophon works "Robert Farley" --format ris | grep -c '^TY  - BOOK'
> 4

$ colophon works "Robert Farley" --format csljson | grep -c '"type": "book"'
> 4

$ colophon works Farley --since soon
! colophon: --since wants a year, not 'soon'
? 2

# Accents do not matter.
$ colophon works Muller | cut -c1-40
> 2021  book             Salt and Stone (O
> 2019  book             Rivers and Border

$ colophon works "Anna Müller" | wc -l
> 2

$ colophon works 'M{\"u}ller, A.' | wc -l
> 2

$ colophon author show Müller
> Prof. Anna Müller
> id:           name:muller|anna
> variants:     Anna Müller
> affiliations: Danube Institute (senior fellow)
> works:        2 (book 2)
> per year:     2019  # 1
>               2021  # 1
> co-authors:   Pieter de Vries (1)

$ colophon author show "Robert Farley" --json | grep -E '"(works|name)"'
>   "name": "Robert Farley",
>   "works": 4,

$ colophon author list Farley
! usage: colophon author show NAME [--json] [--person ID]
? 2
