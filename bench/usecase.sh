# Sourced by bench/load.sh and bench/cluster.sh: a public tabular use case made through the REST API at $api, with a
# 300-row table, two teams (alice's, bob's) and, with make_submission, alice's scored submission.
#   make_use_case SLUG DIR      (DIR: where the table is written)
json() { python3 -c "import json,sys; print(json.load(sys.stdin)$1)"; }
call() { curl -sf -u "$1" -H 'Content-Type: application/json' -X "$2" "$api/$3" ${4:+-d "$4"}; }

make_use_case() {
    local slug=$1 dir=$2 upload version
    call hana:hana POST use-cases "{\"slug\":\"$slug\",\"title\":\"Bench\",\"category\":\"TABULAR_CLASSIFICATION\",\"primaryMetric\":\"accuracy\"}" > /dev/null
    python3 - > "$dir/table.csv" <<'PY'
import random
random.seed(3)
print("x1,x2,kind")
for i in range(300):
    k = i % 3
    print(f"{k + random.gauss(0, .4):.3f},{random.gauss(0, 1):.3f},{'abc'[k]}")
PY
    upload=$(curl -sf -u hana:hana -H 'Content-Type: text/csv' --data-binary @"$dir/table.csv" "$api/uploads?name=table.csv" | json "['id']")
    call hana:hana PUT "use-cases/$slug/dataset" "{\"format\":\"CSV\",\"targetColumn\":\"kind\",\"files\":{\"table\":$upload}}" > /dev/null
    for _ in $(seq 1 60); do
        [ "$(call hana:hana GET "use-cases/$slug/dataset" | json "['profileStatus']")" != PENDING ] && break
        sleep 1
    done
    version=$(call hana:hana GET "use-cases/$slug" | json "['version']")
    call hana:hana PUT "use-cases/$slug" "{\"status\":\"ACTIVE\",\"visibility\":\"PUBLIC\",\"version\":$version}" > /dev/null
    call alice:alice POST "use-cases/$slug/participation" '{"acceptRules":true}' > /dev/null
    call bob:bob POST "use-cases/$slug/participation" '{"acceptRules":true}' > /dev/null
}

# waits until experiment $2 of use case $1 (alice's) has ended; prints its status
await_experiment() {
    local status
    for _ in $(seq 1 600); do
        status=$(call alice:alice GET "use-cases/$1/experiments/$2" | json "['status']")
        case "$status" in QUEUED|RUNNING) sleep 0.5 ;; *) echo "$status"; return 0 ;; esac
    done
    echo TIMEOUT
}

make_submission() {
    local slug=$1 experiment
    experiment=$(call alice:alice POST "use-cases/$slug/experiments" '{"title":"base","model":"softmax-regression","epochs":2}' | json "['id']")
    [ "$(await_experiment "$slug" "$experiment")" = COMPLETED ] || { echo "the base experiment did not complete" >&2; return 1; }
    call alice:alice POST "use-cases/$slug/submissions" "{\"experimentId\":$experiment}" > /dev/null
    sleep 5
}
