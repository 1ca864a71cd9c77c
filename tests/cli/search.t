# needs: db
# needs: seed
# Search over titles, subtitles, creators and venues: case-folded,
# accent-stripped, lightly stemmed; title hits first, then newest first.

$ cp "$SEED" seed.txt; colophon import bio seed.txt >/dev/null
$ printf 'Prof. Anna M\xc3\xbcller is a senior fellow at the Danube Institute. She is the author of Battleships of the Danube Flotilla (Ostwind Verlag, 2019).\n' > anna.txt; colophon import bio anna.txt >/dev/null

$ colophon search BATTLESHIPS
> 2019  muller2019battleships  Battleships of the Danube Flotilla — Anna Müller
> 2016  farley2016battleship   The Battleship Book — Robert Farley

$ colophon search muller
> 2019  muller2019battleships  Battleships of the Danube Flotilla — Anna Müller

$ colophon search author:farley year:2014..2020 type:book
> 2020  farley2020patents      Patents for Power: Intellectual Property Law and the Diffusion of Military Technology — Robert Farley
> 2016  farley2016battleship   The Battleship Book — Robert Farley
> 2014  farley2014grounded     Grounded: The Case for Abolishing the United States Air Force — Robert Farley

# A title hit ranks above a newer work that matches elsewhere (here the
# publisher).
$ printf 'Dr. Jane Roe is a professor of geography at Keswick University. She is the author of Rivers of Europe (Danube Press, 2022).\n' > jane.txt; colophon import bio jane.txt >/dev/null
$ colophon search danube
> 2019  muller2019battleships  Battleships of the Danube Flotilla — Anna Müller
> 2022  roe2022rivers          Rivers of Europe — Jane Roe

$ colophon search danube battleship --json | grep -c '"citation-key"'
> 1

$ colophon search venue:wildside
> 2016  farley2016battleship   The Battleship Book — Robert Farley

$ colophon search colour:red
! colophon: unknown search field 'colour' (author, title, venue, year, type)
? 2

$ colophon search nothingmatchesthis | wc -l
> 0

# export --query exports what search finds.
$ colophon export bibtex --query "author:farley year:2014..2016" | grep '^@'
> @book{farley2016battleship,
> @book{farley2014grounded,

$ colophon export bibtex --query "colour:red"
! colophon: unknown search field 'colour' (author, title, venue, year, type)
? 2
