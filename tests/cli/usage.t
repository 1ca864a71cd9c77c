# Usage errors exit 2 and say what to do; help needs no database.
$ colophon --version | sed 's/[0-9][0-9.]*$/V/'
> colophon V

$ colophon
! usage: colophon [--db URI] COMMAND [ARGS]
! Run 'colophon --help' for the commands and options.
? 2
$ colophon --help >/dev/null && echo ok
> ok

$ colophon frobnicate
! colophon: unknown command 'frobnicate'
! Run 'colophon --help' for the list of commands.
? 2

$ colophon import bio
! colophon: import bio: missing FILE (use - for standard input)
? 2

$ colophon import poem x.txt
! colophon: unknown import kind 'poem' (see 'colophon import --help')
? 2

$ colophon works --bogus Farley
! colophon works: unknown option '--bogus'
! usage: colophon works AUTHOR [--json] [--person ID]
! try 'colophon works --help'
? 2

$ colophon export csv --author Farley
! colophon: unknown export format 'csv' (bibtex, biblatex, csljson, ris)
? 2

$ colophon db drop
! colophon: db drop deletes every record; add --force to confirm
? 2

# --help on every command works with no database reachable.
$ for c in import works export db; do COLOPHON_DB=mongodb://127.0.0.1:1/ colophon $c --help | head -1; done
> usage: colophon import [bio|refs|article|bibtex|ris|csljson] FILE|URL|- [--dry-run] [--json]
> usage: colophon works AUTHOR [--json] [--person ID]
> usage: colophon export bibtex|biblatex|csljson|ris [KEY...|-] [--aux FILE] [--author NAME] [--query TEXT] [--all] [-o FILE] [--ascii]
> usage: colophon db start|stop|status|init|drop [--json] [--force]

$ colophon --help | grep -E '^  [0-9]  '
>   0  success
>   1  failure (including several people matching a name)
>   2  usage error
>   3  bad input (empty, binary, invalid UTF-8, nothing found)
>   4  database unreachable or refusing
>   5  network error
>   6  not found (no such person or record)
