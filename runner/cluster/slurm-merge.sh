#!/bin/bash
# Merges the shards of slurm-sweep.sh into what one unsharded sweep would have written.
#SBATCH --job-name=conflictsim-merge
#SBATCH --time=00:20:00
#SBATCH --output=results/slurm-merge-%j.log
set -euo pipefail
OUT=${OUT:-results/sirte-sweep}
dotnet runner/bin/Release/net10.0/conflictsim.dll merge "${OUT}"/shard-* --out "${OUT}/merged"
