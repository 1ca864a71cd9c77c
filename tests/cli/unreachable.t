# An unreachable database gives a clear error and exit 4 well within 10 s,
# and never prints the URI's password.
$ timeout 10 colophon --db 'mongodb://alice:s3cret@127.0.0.1:1/colophon?serverSelectionTimeoutMS=1500' works Farley 2>&1 | grep -c 's3cret'
> 0
? 1

$ timeout 10 colophon --db 'mongodb://alice:s3cret@127.0.0.1:1/colophon?serverSelectionTimeoutMS=1500' works Farley 2>&1 | grep -o '^colophon: cannot reach the database at mongodb://alice:\*\*\*\*@127.0.0.1:1/'
> colophon: cannot reach the database at mongodb://alice:****@127.0.0.1:1/

$ timeout 10 colophon --db 'mongodb://127.0.0.1:1/colophon' works Farley 2>/dev/null
? 4
