# The bio importer against its hand-written corpus (tests/bio_corpus/ and
# its second round, tests/bio_corpus/round2/): field-level F1 per fact
# kind must stay at or above the floors in each floors.json, so a change
# that makes the importer worse at real-looking bios fails here.  Needs
# python3 (standard library only); no database.
$ python3 "$SRC/bench/bio_score.py" --bin "$(command -v colophon)" --corpus "$SRC/tests/bio_corpus" --check "$SRC/tests/bio_corpus/floors.json"
> bio corpus: 66 bios, every field at or above its floor

$ python3 "$SRC/bench/bio_score.py" --bin "$(command -v colophon)" --corpus "$SRC/tests/bio_corpus/round2" --check "$SRC/tests/bio_corpus/round2/floors.json"
> bio corpus: 12 bios, every field at or above its floor
