# needs: localdb
# With no URI, Colophon starts its own server on demand under
# $XDG_DATA_HOME/colophon/server, reports it, and stops it cleanly.
$ colophon db status | head -1 | sed 's/: [a-z]*,/: BACKEND,/'
> local server: BACKEND, not running

$ colophon db start | sed 's|at mongodb://.*|at URI|'
> local server running at URI

$ colophon db start | sed 's|at mongodb://.*|at URI|'
> local server running at URI

$ colophon import bio $SRC/examples/bio-miriam-okafor.txt | sed 's/^imported [^:]*:/imported EXAMPLE:/'
> imported EXAMPLE: 1 people (1 new), 3 works (3 new), 4 venues (4 new), 5 links (5 new); 0 skipped

$ colophon db status | grep -E '^(people|works|venues|links|sources|schema):'
> schema:       3
> people:       1
> works:        3
> venues:       4
> links:        5
> sources:      1

$ colophon db status --json | grep -c '"running": true'
> 1

$ colophon db stop
> local server stopped

$ colophon db stop
> local server was not running

# Any command that needs the store starts it again on demand.
$ colophon works Okafor | head -1
> 2021  book             Tidal States: Ports, Customs and the Making of West African Trade (Cambridge University Press)

$ colophon db stop
> local server stopped
