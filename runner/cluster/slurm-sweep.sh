#!/bin/bash
# A sweep split over a Slurm job array: one shard per array task, then one merge.
#
#   sbatch --array=1-16 runner/cluster/slurm-sweep.sh                # the shards
#   sbatch --dependency=afterok:<jobid> runner/cluster/slurm-merge.sh  # the merge
#
# Shards are 1-based, like SLURM_ARRAY_TASK_ID here. A preempted or timed-out task gets SIGTERM, checkpoints and
# exits 130; resubmitting the same array index with --resume (below, always on) continues where it stopped.
#SBATCH --job-name=conflictsim-sweep
#SBATCH --cpus-per-task=2
#SBATCH --time=02:00:00
#SBATCH --signal=TERM@60
#SBATCH --output=results/slurm-%A_%a.log
set -euo pipefail

SHARDS=${SLURM_ARRAY_TASK_COUNT:?run as a job array, e.g. sbatch --array=1-16}
SHARD=${SLURM_ARRAY_TASK_ID:?}
OUT=${OUT:-results/sirte-sweep}

dotnet runner/bin/Release/net10.0/conflictsim.dll sweep scenarios/sirte-2016.yaml \
  --runs 100000 --seed 2016 \
  --vary factions.isis.morale=0.5,0.6,0.7 \
  --threads "${SLURM_CPUS_PER_TASK}" \
  --shard "${SHARD}/${SHARDS}" \
  --out "${OUT}/shard-${SHARD}" \
  --resume
