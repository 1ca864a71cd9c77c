# needs: db
# needs: seed
# One venue however it is spelled: the bio's "Lawyers, Guns and Money" and
# the pingback's "Lawyers, Guns & Money" are one record; the first name
# seen stays (the article's own bio comes before its pingbacks), later
# spellings become aliases, and re-importing in any order changes nothing.

$ cp "$SEED" seed.txt; colophon import bio seed.txt >/dev/null; colophon import article seed.txt >/dev/null; colophon import bio seed.txt | sed 's/^imported [^:]*: //'
> 1 people (0 new), 4 works (0 new), 5 venues (0 new), 6 links (0 new); 0 skipped

$ colophon graph "Robert Farley" --format json | grep -c '"label": "Lawyers, Guns and Money"'
> 1

$ colophon graph "Robert Farley" --format json | grep -c 'Lawyers, Guns & Money'
> 0
? 1

$ colophon db status | grep '^venues:'
> venues:       6

$ colophon db drop --force >/dev/null; colophon import article seed.txt >/dev/null; colophon import bio seed.txt >/dev/null; colophon graph "Robert Farley" --format json | grep -c '"label": "Lawyers, Guns and Money"'
> 1

$ colophon db status | grep '^venues:'
> venues:       6
