# needs: db
# needs: seed
# The seed as an article, end to end on the test server: the article by
# Robert Farley (its first heading is the title: the text's first line is
# a lede paragraph), Farley with everything the bio importer finds, three
# citing works from the pingbacks each linked `cites` to the article, the
# Lawyers, Guns & Money pingback on the venue Farley founded, nothing from
# the reader comment; importing twice changes nothing; the graph.

$ cp "$SEED" seed.txt; colophon import article seed.txt
> imported seed.txt: 1 people (1 new), 8 works (8 new), 6 venues (6 new), 9 links (9 new); 0 skipped

$ colophon import article seed.txt
> imported seed.txt: 1 people (0 new), 8 works (0 new), 6 venues (0 new), 9 links (0 new); 0 skipped

$ colophon import seed.txt --json | grep -c '"new": 0'
> 4

$ colophon db status | grep -E '^(people|works|venues|links|sources):'
> people:       1
> works:        8
> venues:       6
> links:        9
> sources:      1

$ colophon works "Robert Farley"
> 2023  book             Waging War with Gold: National Security and the Finance Domain Across the Ages (Lynne Rienner)
> 2020  book             Patents for Power: Intellectual Property Law and the Diffusion of Military Technology (University of Chicago)
> 2016  book             The Battleship Book (Wildside)
> 2014  book             Grounded: The Case for Abolishing the United States Air Force (University Press of Kentucky)
> n.d.  article-magazine North Korea Enters the Ukraine War: Implications

$ colophon cited-by "North Korea Enters the Ukraine War: Implications"
> cites     anondonald                   Donald Trump’s Admiration for Authoritarian Leaders: A Threat to Democracy? - National Security Journal
> cites     anonnorth                    North Korean Missiles Are Attacking Ukraine: What If One Hit a NATO Member? - National Security Journal
> cites     anonnortha                   North Koreans on the Front - Lawyers, Guns and Money

$ colophon cites "North Korea Enters the Ukraine War: Implications"

$ colophon works bobb
! colophon: no person matches 'bobb'
? 6

$ colophon graph "Robert Farley" --format dot
> digraph colophon {
>   rankdir=LR;
>   node [fontname="Helvetica", fontsize=10];
>   edge [fontname="Helvetica", fontsize=9];
>   "name:farley|robert" [label="Robert Farley", shape=ellipse];
>   "t:donald trumps admiration for authoritarian leaders a threat to democracy|0|" [label="Donald Trump’s Admiration for Authoritarian Leaders: A Threat to Democracy?", shape=box];
>   "t:grounded case for abolishing the united states air force|2014|farley" [label="Grounded (2014)", shape=box];
>   "t:north korea enters the ukraine war implications|0|farley" [label="North Korea Enters the Ukraine War: Implications", shape=box];
>   "t:north korean missiles are attacking ukraine what if one hit a nato member|0|" [label="North Korean Missiles Are Attacking Ukraine: What If One Hit a NATO Member?", shape=box];
>   "t:north koreans on the front|0|" [label="North Koreans on the Front", shape=box];
>   "t:patents for power intellectual property law and the diffusion of military technology|2020|farley" [label="Patents for Power (2020)", shape=box];
>   "t:battleship book|2016|farley" [label="The Battleship Book (2016)", shape=box];
>   "t:waging war with gold national security and the finance domain across the ages|2023|farley" [label="Waging War with Gold (2023)", shape=box];
>   "name:americanprospect" [label="American Prospect", shape=hexagon];
>   "name:lawyersgunsandmoney" [label="Lawyers, Guns and Money", shape=hexagon];
>   "name:nationalinterest" [label="National Interest", shape=hexagon];
>   "name:nationalsecurityjournal" [label="National Security Journal", shape=hexagon];
>   "name:diplomat" [label="The Diplomat", shape=hexagon];
>   "name:worldpoliticsreview" [label="World Politics Review", shape=hexagon];
>   "name:farley|robert" -> "t:battleship book|2016|farley" [label="author"];
>   "name:farley|robert" -> "t:grounded case for abolishing the united states air force|2014|farley" [label="author"];
>   "name:farley|robert" -> "t:north korea enters the ukraine war implications|0|farley" [label="author"];
>   "name:farley|robert" -> "t:patents for power intellectual property law and the diffusion of military technology|2020|farley" [label="author"];
>   "name:farley|robert" -> "t:waging war with gold national security and the finance domain across the ages|2023|farley" [label="author"];
>   "name:farley|robert" -> "name:lawyersgunsandmoney" [label="edits"];
>   "name:farley|robert" -> "name:lawyersgunsandmoney" [label="founded"];
>   "name:farley|robert" -> "name:americanprospect" [label="writes-for"];
>   "name:farley|robert" -> "name:diplomat" [label="writes-for"];
>   "name:farley|robert" -> "name:nationalinterest" [label="writes-for"];
>   "name:farley|robert" -> "name:worldpoliticsreview" [label="writes-for"];
>   "t:donald trumps admiration for authoritarian leaders a threat to democracy|0|" -> "t:north korea enters the ukraine war implications|0|farley" [label="cites"];
>   "t:donald trumps admiration for authoritarian leaders a threat to democracy|0|" -> "name:nationalsecurityjournal" [label="published-in"];
>   "t:north korean missiles are attacking ukraine what if one hit a nato member|0|" -> "t:north korea enters the ukraine war implications|0|farley" [label="cites"];
>   "t:north korean missiles are attacking ukraine what if one hit a nato member|0|" -> "name:nationalsecurityjournal" [label="published-in"];
>   "t:north koreans on the front|0|" -> "t:north korea enters the ukraine war implications|0|farley" [label="cites"];
>   "t:north koreans on the front|0|" -> "name:lawyersgunsandmoney" [label="published-in"];
> }

$ colophon graph "Dr. Robert Farley" --format dot | dot -Tpng -o farley.png && test -s farley.png && echo rendered
> rendered

$ colophon graph "Robert Farley" --format json | python3 -c 'import json,sys; d=json.load(sys.stdin); print(sorted(d)); print(len(d["nodes"]), len(d["edges"])); print(sorted({n["kind"] for n in d["nodes"]})); print(sorted({tuple(sorted(n)) for n in d["nodes"]}), sorted({tuple(sorted(e)) for e in d["edges"]}))'
> ['edges', 'nodes']
> 15 17
> ['person', 'venue', 'work']
> [('id', 'kind', 'label')] [('from', 'rel', 'to')]

# The article's text, kept for link: its body names none of the stored
# works or venues (the books are named only in the bio, which is not
# scanned), so linking finds nothing and changes nothing.
$ colophon link --text seed.txt
> linked 1 texts (6814 bytes): 0 links (0 new)

$ colophon db status | grep -E '^links:'
> links:        9
