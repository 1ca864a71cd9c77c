# Bad input: one line naming the file and the problem, exit code 3.  These
# fail before any database is opened (the unreachable URI proves it).
$ : > empty.txt; COLOPHON_DB=mongodb://127.0.0.1:1/ colophon import bio empty.txt
! colophon: empty.txt: empty input
? 3

$ printf '  \n\n \t\n' > blank.txt; colophon import bio blank.txt
! colophon: blank.txt: empty input
? 3

$ printf 'About the Author\n\x00\x01\x02\x7fELF' > binary.bin; colophon import bio binary.bin
! colophon: binary.bin:2:1: binary data, not text (NUL byte)
? 3

$ printf 'Dr. Jane Roe received her BA from\n the University of Le\xe9n in 2001.\n' > latin1.txt; colophon import bio latin1.txt
! colophon: latin1.txt:2:22: invalid UTF-8 (byte 0xe9)
? 3

$ printf 'Shopping list: eggs, milk, bread.\nCall the plumber on Tuesday.\n' > nobio.txt; colophon import bio nobio.txt
! colophon: nobio.txt: no author bio found
? 3

$ colophon import bio does-not-exist.txt
! colophon: does-not-exist.txt: cannot open: No such file or directory
? 3

$ colophon import bio - < /dev/null
! colophon: -: empty input
? 3
