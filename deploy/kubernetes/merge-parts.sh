#!/bin/sh
# merge-parts.sh N DIR: merge DIR/part-0.json .. DIR/part-(N-1).json, the
# reports of the N shards of one scan, into DIR/merged.json and
# DIR/merged.html. Each part's persons file is the one its report names.
#
# The parts are listed by index rather than globbed: a missing part is an
# error (exit 2, as alcance merge gives for an unreadable part), never a
# merged report that quietly lacks a shard, and parts left by an earlier run
# with a larger N are not merged in. POSIX sh, built-ins only: the image has
# a shell and alcance, nothing else. ALCANCE names the binary (tests set it).
set -eu
alcance=${ALCANCE:-/usr/local/bin/alcance}

if [ "$#" -ne 2 ]; then
    echo "usage: merge-parts.sh N DIR" >&2
    exit 2
fi
shards=$1
dir=$2
case $shards in
'' | *[!0-9]* | 0*)
    echo "merge-parts.sh: the shard count must be a whole number from 1, not '$shards'" >&2
    exit 2
    ;;
esac

set --
i=0
while [ "$i" -lt "$shards" ]; do
    part="$dir/part-$i.json"
    if [ ! -f "$part" ]; then
        echo "merge-parts.sh: $part is missing: shard $i of $shards has not finished (kubectl get job alcance-scan)" >&2
        exit 2
    fi
    set -- "$@" "$part"
    i=$((i + 1))
done

echo "merge-parts.sh: merging $shards parts from $dir" >&2
exec "$alcance" merge -o "$dir/merged.json" -o "$dir/merged.html" "$@"
