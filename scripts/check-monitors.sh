#!/usr/bin/env bash
# Checks kept apart from the tests: imports monitors' control maps as they
# publish them (which Frontline does not ship: none has an open licence) and
# compares them. Download the exports yourself, lay them out as below, and run
#
#     scripts/check-monitors.sh FOLDER [path/to/frontline]
#
#   FOLDER/deepstate/*.geojson     DeepState raw exports (…_<unix seconds>.geojson)
#   FOLDER/deepstate-totals.csv    optional: date,km2 as DeepState published them
#   FOLDER/isw/*.geojson           ISW control-of-terrain layers (datetime in epoch ms)
#   FOLDER/nzz/*.json              NZZ/Liveuamap answers ({"value": …}), dated by name
#
# It says how many GeometryCollections each export holds, imports each with its
# preset (and NZZ again with repeated --where), checks each DeepState snapshot
# against DeepState's own total on the sphere DeepState measures on (within
# 0.1%), merges the monitors into one dataset and compares DeepState with ISW
# on every date both have. Exit 1 when a check fails.
set -euo pipefail
folder=${1:?usage: scripts/check-monitors.sh FOLDER [frontline]}
frontline=${2:-target/release/frontline}
out=$(mktemp -d)
failed=0
imported=()

collections() {
    local n
    n=$(cat "$@" 2>/dev/null | grep -o '"GeometryCollection"' | wc -l)
    echo "$n"
}

if compgen -G "$folder/deepstate/*.geojson" >/dev/null; then
    echo "DeepState: $(collections "$folder"/deepstate/*.geojson) GeometryCollections"
    "$frontline" import geojson "$folder/deepstate" --actor ru --name Russia \
        --org DeepState --scope Ukraine --preset deepstate -o "$out/deepstate.ron"
    imported+=("$out/deepstate.ron")
    "$frontline" areas "$out/deepstate.ron" --earth sphere >"$out/deepstate-areas.csv"
    if [[ -f "$folder/deepstate-totals.csv" ]]; then
        # date,km2 published against date,area on DeepState's sphere.
        if ! awk -F, '
            NR == FNR { if (FNR > 1) published[$1] = $2; next }
            FNR > 1 && ($4 in published) {
                checked++
                off = ($5 - published[$4]) / published[$4]
                if (off < 0) off = -off
                printf "  %s: computed %s km², published %s km² (%.3f%%)\n", $4, $5, published[$4], off * 100
                if (off > 0.001) bad++
            }
            END { printf "  %d snapshots checked against the totals\n", checked; exit bad > 0 }
        ' "$folder/deepstate-totals.csv" "$out/deepstate-areas.csv"; then
            echo "DeepState: a snapshot is off its published total by over 0.1%"
            failed=1
        fi
    fi
fi

if compgen -G "$folder/isw/*.geojson" >/dev/null; then
    echo "ISW: $(collections "$folder"/isw/*.geojson) GeometryCollections"
    "$frontline" import geojson "$folder/isw" --actor ru --name Russia --org ISW \
        --scope Ukraine --preset isw --date-property datetime -o "$out/isw.ron"
    imported+=("$out/isw.ron")
fi

if compgen -G "$folder/nzz/*.json" >/dev/null; then
    echo "NZZ: $(collections "$folder"/nzz/*.json) GeometryCollections"
    "$frontline" import geojson "$folder"/nzz/*.json --actor ru --name Russia --org NZZ \
        --scope Ukraine --preset nzz -o "$out/nzz.ron"
    "$frontline" import geojson "$folder"/nzz/*.json --actor ru --name Russia --org NZZ \
        --scope Ukraine --where type=nochange --where type=gains -o "$out/nzz-where.ron"
    if ! cmp -s <("$frontline" areas "$out/nzz.ron") <("$frontline" areas "$out/nzz-where.ron"); then
        echo "NZZ: the preset and the repeated --where keep different ground"
        failed=1
    fi
    imported+=("$out/nzz.ron")
fi

if (( ${#imported[@]} >= 2 )); then
    "$frontline" merge "${imported[@]}" -o "$out/monitors.ron"
    if [[ -f "$out/deepstate.ron" && -f "$out/isw.ron" ]]; then
        # Every date both have a snapshot for.
        comm -12 <(cut -d, -f4 "$out/deepstate-areas.csv" | tail -n +2 | sort -u) \
            <("$frontline" areas "$out/isw.ron" | cut -d, -f4 | tail -n +2 | sort -u) |
            while read -r date; do
                "$frontline" compare "$out/monitors.ron" --actor ru --org DeepState --org ISW \
                    --date "$date" | tail -n 1
            done
    fi
fi
echo "Results in $out"
exit "$failed"
