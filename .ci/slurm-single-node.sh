#!/usr/bin/env bash
# A single-node Slurm (Debian's 22.05) on this machine, without systemd: munged, slurmctld and slurmd run as
# plain daemons with pid files, so CI can stand a cluster up, submit to it and take it down again.
#
#   .ci/slurm-single-node.sh start   # install if needed, configure, start, wait until `srun hostname` answers
#   .ci/slurm-single-node.sh stop    # end the daemons by their pid files
#   .ci/slurm-single-node.sh status  # sinfo and the queue
#
# Exit codes of start: 0 ready; 3 Slurm cannot start here (the reason is printed, the caller decides to skip);
# anything else is a failure of this script.
set -euo pipefail

STATE=${SLURM_CI_STATE:-/var/lib/conflictsim-slurm}
CONF=/etc/slurm/slurm.conf
CTLD_PID=$STATE/slurmctld.pid
SLURMD_PID=$STATE/slurmd.pid
MUNGE_PID=/run/munge/munged.pid
READY_WAIT=${SLURM_CI_READY_WAIT:-60}

log() { echo "slurm-single-node: $*"; }
cannot() { log "cannot start Slurm here: $*"; exit 3; }

install() {
  if command -v slurmctld >/dev/null && command -v slurmd >/dev/null && command -v sbatch >/dev/null && command -v munged >/dev/null; then
    return
  fi
  [[ $(id -u) == 0 ]] || cannot "installing the Slurm packages needs root"
  command -v apt-get >/dev/null || cannot "no apt-get to install slurmctld, slurmd, slurm-client and munge"
  log "installing slurmctld slurmd slurm-client munge"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq || cannot "apt-get update failed"
  apt-get install -y -qq slurmctld slurmd slurm-client munge >/dev/null || cannot "apt-get install of the Slurm packages failed"
}

# proctrack/cgroup needs the cgroup v1 controllers it files jobs under; without them Slurm still tracks a job's
# processes by walking /proc, which is enough to signal and reap them on one node.
# SLURM_CI_PROCTRACK=linuxproc forces the fallback, to try it on a machine that has the controllers.
proctrack() {
  local c
  for c in freezer cpuset memory; do
    if [[ ${SLURM_CI_PROCTRACK:-} == linuxproc ]] || ! grep -qE "^cgroup /sys/fs/cgroup/([^ ]*,)?$c(,[^ ]*)? cgroup " /proc/mounts; then
      echo "ProctrackType=proctrack/linuxproc"
      echo "TaskPlugin=task/none"
      return
    fi
  done
  echo "ProctrackType=proctrack/cgroup"
  echo "TaskPlugin=task/none"
}

configure() {
  local host cpus mem
  host=$(hostname -s)
  cpus=$(nproc)
  # Leave a little memory to the daemons themselves; Slurm refuses a node that reports less than it is told.
  mem=$(( $(awk '/^MemTotal/ {print int($2 / 1024)}' /proc/meminfo) * 9 / 10 ))
  mkdir -p "$STATE/ctld" "$STATE/slurmd" /etc/slurm
  cat >"$CONF" <<EOF
# Written by .ci/slurm-single-node.sh: one node that is its own controller.
ClusterName=ci
SlurmctldHost=$host(127.0.0.1)
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
StateSaveLocation=$STATE/ctld
SlurmdSpoolDir=$STATE/slurmd
SlurmctldPidFile=$CTLD_PID
SlurmdPidFile=$SLURMD_PID
SlurmctldLogFile=$STATE/slurmctld.log
SlurmdLogFile=$STATE/slurmd.log
$(proctrack)
MpiDefault=none
ReturnToService=2
SchedulerType=sched/backfill
# Cores, not whole nodes, are what jobs get: array tasks of one CPU each run side by side.
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
# A cancelled sweep gets SIGTERM and this long to checkpoint before SIGKILL; a finished job stays visible to
# scontrol this long, so CI can read how it ended.
KillWait=30
MinJobAge=60
NodeName=$host NodeAddr=127.0.0.1 CPUs=$cpus RealMemory=$mem State=UNKNOWN
PartitionName=ci Nodes=ALL Default=YES MaxTime=INFINITE State=UP
EOF
  if grep -q proctrack/cgroup "$CONF"; then
    cat >/etc/slurm/cgroup.conf <<EOF
CgroupPlugin=cgroup/v1
CgroupAutomount=no
EOF
  else
    rm -f /etc/slurm/cgroup.conf
  fi
}

running() { [[ -f $1 ]] && kill -0 "$(cat "$1")" 2>/dev/null; }

start() {
  install
  configure
  if ! running "$MUNGE_PID"; then
    [[ -s /etc/munge/munge.key ]] || { command -v mungekey >/dev/null && mungekey --create >/dev/null 2>&1 || create-munge-key -f >/dev/null 2>&1 || true; }
    [[ -s /etc/munge/munge.key ]] || cannot "no munge key and none could be made"
    mkdir -p /run/munge /var/log/munge /var/lib/munge
    chown munge:munge /etc/munge/munge.key /run/munge /var/log/munge /var/lib/munge 2>/dev/null || true
    chmod 0400 /etc/munge/munge.key
    if id munge >/dev/null 2>&1; then
      runuser -u munge -- munged || cannot "munged did not start"
    else
      munged --force || cannot "munged did not start"
    fi
  fi
  munge -n | unmunge >/dev/null || cannot "munge cannot encode and decode a credential"
  # -c: a fresh controller forgets the jobs of an earlier start, which would otherwise run again and take the cores.
  running "$CTLD_PID" || slurmctld -c || cannot "slurmctld did not start (see $STATE/slurmctld.log)"
  running "$SLURMD_PID" || slurmd || cannot "slurmd did not start (see $STATE/slurmd.log)"

  local deadline=$(( SECONDS + READY_WAIT ))
  until timeout 10 srun --quiet -N1 -n1 hostname >/dev/null 2>&1; do
    if (( SECONDS >= deadline )); then
      log "srun hostname did not answer within ${READY_WAIT}s; slurmd's log ends:"
      tail -n 15 "$STATE/slurmd.log" 2>/dev/null || true
      tail -n 15 "$STATE/slurmctld.log" 2>/dev/null || true
      stop
      exit 3
    fi
    # A node that came up before the controller knew it stays down until told otherwise.
    scontrol update nodename="$(hostname -s)" state=resume >/dev/null 2>&1 || true
    sleep 1
  done
  log "ready: $(sinfo -h -o '%P %D node(s) %c CPUs %t') ($(grep ProctrackType "$CONF"))"
}

stop_one() {
  local name=$1 pidfile=$2 pid i
  [[ -f $pidfile ]] || return 0
  pid=$(cat "$pidfile")
  if kill "$pid" 2>/dev/null; then
    for (( i = 0; i < 100; i++ )); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -0 "$pid" 2>/dev/null && { log "$name ($pid) did not stop; killing it"; kill -9 "$pid" 2>/dev/null || true; }
  fi
  rm -f "$pidfile"
}

stop() {
  stop_one slurmd "$SLURMD_PID"
  stop_one slurmctld "$CTLD_PID"
  stop_one munged "$MUNGE_PID"
  log "stopped"
}

case ${1:-} in
  start) start ;;
  stop) stop ;;
  status) sinfo; squeue ;;
  *) echo "usage: $0 start|stop|status" >&2; exit 2 ;;
esac
