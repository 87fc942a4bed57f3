#!/usr/bin/env bash
# End to end on a live single-node Slurm: `sweep … --slurm` must give byte for byte what one unsharded sweep gives,
# also after a task is cancelled mid-run and another requeued, and the shards the status names are resubmitted.
# Needs a Release build of the runner. Skips, saying why, only when Slurm cannot start on this machine.
set -euo pipefail
cd "$(dirname "$0")/.."

CS=(dotnet runner/bin/Release/net10.0/conflictsim.dll)
SCENARIO=scenarios/sirte-2016.yaml
WAIT=${SLURM_E2E_WAIT:-240}
started=$SECONDS

say() { echo "slurm-e2e: [$(( SECONDS - started ))s] $*"; }
fail() {
  say "FAILED: $*"
  squeue 2>/dev/null || true
  for f in "$WORK"/*/slurm/logs/*.log; do [[ -f $f ]] && { echo "--- $f"; tail -n 20 "$f"; }; done
  exit 1
}

rc=0
.ci/slurm-single-node.sh start || rc=$?
if (( rc == 3 )); then
  say "SKIPPED: Slurm cannot start on this machine (reason above); the cluster path was not tested"
  exit 0
elif (( rc != 0 )); then
  exit "$rc"
fi
WORK=$(mktemp -d /tmp/conflictsim-slurm-e2e.XXXXXX)
cleanup() {
  # A failed check can leave tasks running; they are cancelled before the daemons go, or their dotnet outlives them.
  local deadline=$(( SECONDS + 40 ))
  scancel --user="$(id -un)" 2>/dev/null || true
  while squeue -h 2>/dev/null | grep -q . && (( SECONDS < deadline )); do sleep 1; done
  .ci/slurm-single-node.sh stop
  rm -rf "$WORK"
}
trap cleanup EXIT

# JobState of a job that squeue no longer lists is still known to scontrol for MinJobAge seconds.
job_state() { scontrol show job "$1" -o 2>/dev/null | grep -o 'JobState=[A-Z_]*' | head -n 1 | cut -d= -f2; }

wait_done() {
  local id=$1 deadline=$(( SECONDS + WAIT ))
  while squeue -h -j "$id" 2>/dev/null | grep -q .; do
    (( SECONDS < deadline )) || fail "job $id still queued or running after ${WAIT}s"
    sleep 1
  done
  say "job $id ended $(job_state "$id")"
}

same() {
  local f
  for f in runs.csv summary.json timeseries.csv control.csv runs.parquet timeseries.parquet; do
    cmp -s "$1/$f" "$2/$f" || fail "$2/$f differs from the unsharded sweep's $1/$f"
  done
  say "runs.csv, summary.json, timeseries.csv, control.csv, runs.parquet and timeseries.parquet are byte-identical to the unsharded sweep"
}

# The job id printed after a phrase in the submit command's output.
id_after() { sed -n "s/.*$1 \([0-9][0-9]*\).*/\1/p" <<<"$2" | head -n 1; }

# Runs done by one shard, from `merge --check`, as soon as its checkpoint shows progress.
progress() { "${CS[@]}" merge --check "$1" 2>/dev/null | sed -n "s|^shard $2/4  unfinished  \([0-9]*\)/.*|\1|p" || true; }

task_state() { squeue -h -j "$1" -o %T 2>/dev/null | head -n 1; }

wait_running_with_progress() {
  local task=$1 dir=$2 shard=$3 deadline=$(( SECONDS + WAIT )) n
  while :; do
    (( SECONDS < deadline )) || fail "task $task never showed progress"
    if [[ $(task_state "$task") == RUNNING ]]; then
      n=$(progress "$dir" "$shard")
      [[ -n $n && $n -gt 0 ]] && { say "task $task (shard $shard) is running, $n runs checkpointed"; return; }
    fi
    sleep 0.5
  done
}

say "1. a 4-shard sweep through Slurm against one unsharded sweep"
ARGS=("$SCENARIO" --runs 2000 --seed 7)
"${CS[@]}" sweep "${ARGS[@]}" --out "$WORK/direct-1" >"$WORK/direct-1.log" 2>&1 || fail "the unsharded sweep failed: $(tail -n 3 "$WORK/direct-1.log")"
out=$("${CS[@]}" sweep "${ARGS[@]}" --slurm --shards 4 --out "$WORK/slurm-1")
echo "$out"
merge=$(id_after "the merge as job" "$out")
[[ -n $merge ]] || fail "no merge job id in the submit output"
wait_done "$merge"
[[ $(job_state "$merge") == COMPLETED ]] || fail "merge job $merge ended $(job_state "$merge")"
same "$WORK/direct-1" "$WORK/slurm-1"

say "2. cancel one task mid-run, requeue another, resubmit what the status says is not done"
ARGS=("$SCENARIO" --runs 6000 --seed 7 --vary "factions.isis.morale=0.5,0.7")
out=$("${CS[@]}" sweep "${ARGS[@]}" --slurm --shards 4 --out "$WORK/slurm-2")
echo "$out"
array=$(id_after "as job array" "$out")
merge=$(id_after "the merge as job" "$out")
[[ -n $array && -n $merge ]] || fail "no job ids in the submit output"

wait_running_with_progress "${array}_1" "$WORK/slurm-2" 1
scancel "${array}_1"
wait_running_with_progress "${array}_2" "$WORK/slurm-2" 2
scontrol requeue "${array}_2"
# Slurm holds a requeued job back for two minutes (Reason=BeginTime); CI has no reason to wait that long.
deadline=$(( SECONDS + 60 ))
until [[ $(squeue -h -j "${array}_2" -o %r 2>/dev/null) == BeginTime ]]; do
  (( SECONDS < deadline )) || fail "requeued task ${array}_2 never went back to pending"
  sleep 0.5
done
scontrol update JobId="${array}_2" StartTime=now
say "cancelled ${array}_1, requeued ${array}_2"

wait_done "$merge"
[[ $(job_state "$merge") == FAILED ]] || fail "the merge after a cancelled shard should fail, but ended $(job_state "$merge")"
grep -q "not merged" "$WORK/slurm-2/slurm/logs/merge.log" || fail "the merge log does not say why it did not merge"
say "the merge refused, as it must with shard 1 cancelled:"
status_rc=0
status=$("${CS[@]}" merge --check "$WORK/slurm-2") || status_rc=$?
echo "$status"
(( status_rc == 1 )) || fail "merge --check exited $status_rc with a shard not done, expected 1"
grep -q "^shard 1/4  unfinished .*interrupted" <<<"$status" \
  || fail "shard 1 should be unfinished and interrupted (SIGTERM reached dotnet, which checkpointed)"
grep -q "not done: 1$" <<<"$status" || fail "only shard 1 should be not done"
starts=$(grep -c "^conflictsim: shard 2/4" "$WORK/slurm-2/slurm/logs/shard-2.log")
(( starts == 2 )) || fail "shard 2's log shows $starts starts, expected 2 (requeued, log appended)"
again=$(sed -n 's/.*; \([0-9]*\) this time).*/\1/p' "$WORK/slurm-2/slurm/logs/shard-2.log" | tail -n 1)
[[ -n $again && $again -lt 3000 ]] || fail "requeued shard 2 redid ${again:-?} of its 3000 runs instead of resuming its checkpoint"
say "requeued shard 2 resumed: $again of its 3000 runs done after the requeue"

out=$("${CS[@]}" sweep "${ARGS[@]}" --slurm --shards 4 --out "$WORK/slurm-2")
echo "$out"
grep -q "^submitted shards 1 of 4 " <<<"$out" || fail "the resubmission should be shard 1 alone"
merge=$(id_after "the merge as job" "$out")
wait_done "$merge"
[[ $(job_state "$merge") == COMPLETED ]] || fail "merge job $merge ended $(job_state "$merge")"
"${CS[@]}" sweep "${ARGS[@]}" --out "$WORK/direct-2" >"$WORK/direct-2.log" 2>&1 || fail "the unsharded sweep failed: $(tail -n 3 "$WORK/direct-2.log")"
same "$WORK/direct-2" "$WORK/slurm-2"

say "passed in $(( SECONDS - started ))s"
