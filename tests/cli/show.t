# needs: db
# `colophon show ID|KEY|NAME`: one stored record and, under each value,
# its evidence: ORIGIN:START-END (bytes of the imported source) and the
# quoted bytes while ORIGIN still holds the same text (same sha256).  The
# bio is HTML, so the spans must land on the page's own bytes, tags and
# entities included.

$ printf '<html><body>\n<h1>Naomi Feld</h1>\n<p>Naomi Feld is a professor of economics at Corwin University. She holds a B.A. from Brandeis University (1995). She is the co-author of <i>Markets &amp; Morals</i> (Princeton University Press, 2014) and writes for <em>The Atlantic</em>.</p>\n</body></html>\n' > feld.html; colophon import bio feld.html
> imported feld.html: 1 people (1 new), 1 works (1 new), 1 venues (1 new), 1 links (1 new); 0 skipped

$ colophon show "Naomi Feld"
> person name:feld|naomi
>   name         Naomi Feld
>       feld.html:17-27 "Naomi Feld"
>   degree       BA, Brandeis University, 1995
>       feld.html:109-144 "B.A. from Brandeis University (1995"
>   affiliation  professor of economics, Corwin University
>       feld.html:47-95 "is a professor of economics at Corwin University"
>   writes-for   venue The Atlantic
>       feld.html:248-270 "<em>The Atlantic</em>"
> sources
>   sha256:84617467e3b8df0d62a1abeeeacd02a6caf687e8a5afa6c3e5291722edd9e58a bio feld.html

$ colophon show feld2014markets --json
> {
>   "kind": "work",
>   "id": "t:markets and morals|2014|feld",
>   "key": "t:markets and morals|2014|feld",
>   "values": [
>     {
>       "field": "title",
>       "path": "work",
>       "value": "Markets & Morals",
>       "evidence": [
>         {
>           "source": "sha256:84617467e3b8df0d62a1abeeeacd02a6caf687e8a5afa6c3e5291722edd9e58a",
>           "origin": "feld.html",
>           "start": 174,
>           "end": 233,
>           "text": "Markets &amp; Morals</i> (Princeton University Press, 2014)"
>         }
>       ]
>     },
>     {
>       "field": "author",
>       "path": "creator",
>       "value": "Naomi Feld",
>       "evidence": []
>     },
>     {
>       "field": "published",
>       "path": "published",
>       "value": "book, Princeton University Press, 2014",
>       "evidence": []
>     },
>     {
>       "field": "citekey",
>       "path": "citekey",
>       "value": "feld2014markets",
>       "evidence": []
>     }
>   ],
>   "links": [],
>   "sources": [
>     {
>       "id": "sha256:84617467e3b8df0d62a1abeeeacd02a6caf687e8a5afa6c3e5291722edd9e58a",
>       "kind": "bio",
>       "origin": "feld.html",
>       "text_available": true
>     }
>   ]
> }

# The file changed since: the spans are still shown, the text is not.
$ echo changed >> feld.html; colophon show "Dr. Naomi Feld"
> person name:feld|naomi
>   name         Naomi Feld
>       feld.html:17-27 (text not available)
>   degree       BA, Brandeis University, 1995
>       feld.html:109-144 (text not available)
>   affiliation  professor of economics, Corwin University
>       feld.html:47-95 (text not available)
>   writes-for   venue The Atlantic
>       feld.html:248-270 (text not available)
> sources
>   sha256:84617467e3b8df0d62a1abeeeacd02a6caf687e8a5afa6c3e5291722edd9e58a bio feld.html (text not available)

$ printf 'Ruth Feld is a senior fellow at the Harlow Institute.\n' > ruth.txt; colophon import bio ruth.txt >/dev/null; colophon show Feld
! colophon: 2 records match 'Feld'; show one by its id:
!   person name:feld|naomi  Naomi Feld
!   person name:feld|ruth  Ruth Feld
? 1

$ colophon show 'name:feld|ruth'
> person name:feld|ruth
>   name         Ruth Feld
>       ruth.txt:0-9 "Ruth Feld"
>   affiliation  senior fellow, Harlow Institute
>       ruth.txt:10-52 "is a senior fellow at the Harlow Institute"
> sources
>   sha256:810c61b8af895df8ce1906b5093fc68e6a88fd557ce4b4628e9495247502ac94 bio ruth.txt

$ colophon show "Nobody Atall"
! colophon: no person or work matches 'Nobody Atall'
? 6

$ colophon show
! usage: colophon show ID|KEY|NAME [--json]
? 2

