#!/usr/bin/env bash
# Seeds the fuzz corpora (fuzz/corpus/<target>/, not committed) from the
# fixtures: the PDFs for `pdf`, the seed transcripts and PDFs for `text`,
# and lines of the expected values and transcripts for `values`.
set -eu
cd "$(dirname "$0")"
ROOT=..
mkdir -p corpus/pdf corpus/text corpus/values
cp "$ROOT"/fixtures/pdf/*.pdf corpus/pdf/
# A few small real-world PDFs when the shared corpus is there (read, not copied into git).
if [ -d "$ROOT/../shared/corpus/pdf" ]; then
    find "$ROOT/../shared/corpus/pdf" -name '*.pdf' -size -20k | head -n 200 | xargs -r cp -t corpus/pdf/
fi
cp "$ROOT"/fixtures/pdf/*.pdf corpus/text/ 2>/dev/null | true
if [ -d "$ROOT/../shared/seeds" ]; then
    ls "$ROOT"/../shared/seeds/*.txt | head -n 50 | xargs -r cp -t corpus/text/
fi
i=0
for f in "$ROOT"/fixtures/expected/* "$ROOT"/../shared/seeds/*.txt; do
    [ -f "$f" ] || continue
    grep -oE '[^",:{}]{1,60}' "$f" | grep -E '[0-9@]' | head -n 40 | while IFS= read -r line; do
        printf '%s' "$line" > "corpus/values/$(printf '%s' "$line" | sha1sum | cut -c1-16)"
    done
    i=$((i + 1))
    [ $i -ge 60 ] && break
done
echo "seeded: $(ls corpus/pdf | wc -l) pdf, $(ls corpus/text | wc -l) text, $(ls corpus/values | wc -l) values"
