using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using ConflictSim.Cli.Output;
using ConflictSim.Analysis;
using ConflictSim.Cli.Sweep;

namespace ConflictSim.Cli.Commands;

/// <summary>The sweep the user asked for, as it is to be repeated on every shard.</summary>
internal sealed record ClusterRequest
{
    public required string File { get; init; }
    public required int Runs { get; init; }
    public ulong? Seed { get; init; }
    public int? Days { get; init; }
    public bool Deterministic { get; init; }
    public IReadOnlyList<string> Sets { get; init; } = [];
    public IReadOnlyList<string> Varies { get; init; } = [];
    public IReadOnlyList<string> Lhs { get; init; } = [];
    public int? Samples { get; init; }
    /// <summary>As the user gave it, or empty for the default results/&lt;scenario id&gt;.</summary>
    public string Out { get; init; } = "";
    public required int Shards { get; init; }
    /// <summary>Threads per shard, which is also what each task asks the scheduler for.</summary>
    public required int Threads { get; init; }
    public string? Time { get; init; }
    public string? Partition { get; init; }
    public string Image { get; init; } = $"conflictsim:{Cli.Version}";
    public bool DryRun { get; init; }
}

/// <summary>
/// `sweep … --slurm` and `sweep … --k8s`: the same sweep split into shards, one per array task or indexed pod,
/// each resuming its own checkpoint, and a merge that refuses anything unfinished.
/// </summary>
internal static class ClusterSweep
{
    public const string ScriptsFolder = "slurm";

    /// <summary>Where the scripts, logs and shards of a cluster sweep rooted at <c>root</c> go.</summary>
    internal sealed record Layout(string Root)
    {
        public string Scripts => Path.Combine(Root, ScriptsFolder);
        public string Logs => Path.Combine(Scripts, "logs");
        public string SweepScript => Path.Combine(Scripts, "sweep.sbatch");
        public string MergeScript => Path.Combine(Scripts, "merge.sbatch");
        public string Shards => Path.Combine(Root, ShardStatus.ShardsFolder);
        public string Shard(int k, int m) => Path.Combine(Shards, ShardStatus.ShardDirName(k, m));
    }

    public static int Slurm(ClusterRequest r, TextWriter stdout, TextWriter stderr)
    {
        if (Plan(r, stderr, out var root) is { } failed) return failed;
        var layout = new Layout(Path.GetFullPath(root));
        string name = JobName(layout.Root, root);
        foreach (var path in new[] { Environment.CurrentDirectory, layout.Root })
            if (!SbatchSafe(path))
            {
                stderr.WriteLine($"{Cli.Name}: Slurm cannot take the path '{path}' in an #SBATCH line; use one without spaces or quotes");
                return ExitCodes.Usage;
            }
        string sweepScript = SweepScript(r, layout, name), mergeScript = MergeScript(layout, name, r.Shards);

        if (r.DryRun)
        {
            stdout.WriteLine($"# {layout.SweepScript}, submitted as: sbatch --parsable --array=1-{r.Shards} {Shell.Quote(layout.SweepScript)}");
            stdout.Write(sweepScript);
            stdout.WriteLine();
            stdout.WriteLine($"# {layout.MergeScript}, submitted as: sbatch --parsable --dependency=afterany:<array job id> {Shell.Quote(layout.MergeScript)}");
            stdout.Write(mergeScript);
            return ExitCodes.Ok;
        }

        // Submitting again with the same arguments is how a cluster sweep is resumed, so an existing script is fine
        // as long as it is this sweep's; anything else would mix two sweeps' shards under one folder.
        // The merge writes into the folder itself, so a sweep already there would be overwritten.
        if (!System.IO.File.Exists(layout.SweepScript) && System.IO.File.Exists(Path.Combine(layout.Root, SweepOutputs.Checkpoint)))
            return Fail(stderr, $"'{root}' already holds a sweep that is not a cluster sweep; choose another --out");
        if (System.IO.File.Exists(layout.SweepScript) && System.IO.File.ReadAllText(layout.SweepScript) != sweepScript)
            return Fail(stderr, $"'{root}' holds a different cluster sweep ({layout.SweepScript} differs); " +
                "submit again with the arguments that made it, or choose another --out");
        try
        {
            Directory.CreateDirectory(layout.Logs);
            // The shard directories exist before any task runs, so a shard that never started shows as missing.
            for (int k = 1; k <= r.Shards; k++) Directory.CreateDirectory(layout.Shard(k, r.Shards));
            WriteText(layout.SweepScript, sweepScript);
            WriteText(layout.MergeScript, mergeScript);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return Fail(stderr, $"cannot write '{root}': {e.Message}");
        }

        var reports = ShardStatus.Inspect(ShardStatus.Expand([layout.Root]), out var problem);
        if (problem is not null) return Fail(stderr, problem);
        if (!Scheduler(["squeue", "-h", "-r", $"--name={name}", "-o", "%K"], stderr, out string queuedText)) return ExitCodes.BadInput;
        var queued = queuedText.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(s => int.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out int k) ? k : 0).Where(k => k > 0).ToHashSet();
        var todo = reports.Where(x => x.State != ShardState.Done && x.Shard is { } k && !queued.Contains(k)).Select(x => x.Shard!.Value).ToList();

        string? arrayJob = null;
        if (todo.Count > 0)
        {
            if (!Scheduler(["sbatch", "--parsable", $"--array={ShardStatus.CompactList(todo)}", layout.SweepScript], stderr, out string id))
                return ExitCodes.BadInput;
            arrayJob = id.Split(';')[0].Trim();
        }
        // A merge still waiting on an earlier submission would run before the shards resubmitted now are done.
        Scheduler(["scancel", $"--name={name}-merge", "--state=PENDING"], TextWriter.Null, out _);
        if (!Scheduler(["squeue", "-h", $"--name={name}", "-o", "%F"], stderr, out string arrays)) return ExitCodes.BadInput;
        var waitFor = arrays.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Distinct().ToList();
        if (arrayJob is not null && !waitFor.Contains(arrayJob)) waitFor.Add(arrayJob);
        var mergeArgs = new List<string> { "sbatch", "--parsable" };
        if (waitFor.Count > 0) mergeArgs.Add($"--dependency=afterany:{string.Join(':', waitFor)}");
        mergeArgs.Add(layout.MergeScript);
        if (!Scheduler(mergeArgs, stderr, out string mergeId)) return ExitCodes.BadInput;
        mergeId = mergeId.Split(';')[0].Trim();

        int done = reports.Count(x => x.State == ShardState.Done);
        stdout.WriteLine(arrayJob is not null
            ? $"submitted shards {ShardStatus.CompactList(todo)} of {r.Shards} as job array {arrayJob}" +
              (done > 0 ? $" ({done} already done)" : "") + (queued.Count > 0 ? $" ({queued.Count} still queued or running)" : "")
            : $"no shard to submit: {done} of {r.Shards} done, {queued.Count} still queued or running");
        stdout.WriteLine($"submitted the merge as job {mergeId}, after {(waitFor.Count > 0 ? $"job{(waitFor.Count > 1 ? "s" : "")} {string.Join(", ", waitFor)}" : "nothing")}");
        stdout.WriteLine($"watch:   squeue --name={name},{name}-merge   and   {Cli.Name} merge --check {Shell.Quote(root)}");
        stdout.WriteLine($"logs:    {Path.Combine(layout.Logs, "shard-K.log")}, {Path.Combine(layout.Logs, "merge.log")}");
        stdout.WriteLine($"result:  {Shell.Quote(root)}/summary.json once job {mergeId} completes; after a cancelled or failed task, " +
            "run this same command again: it submits only the shards that are not done, and a new merge");
        return ExitCodes.Ok;
    }

    public static int Kubernetes(ClusterRequest r, TextWriter stdout, TextWriter stderr)
    {
        if (!r.DryRun)
        {
            stderr.WriteLine($"{Cli.Name}: --k8s only prints the Jobs, for kubectl apply: add --dry-run (see '{Cli.Name} sweep --help')");
            return ExitCodes.Usage;
        }
        if (Plan(r, stderr, out var root) is { } failed) return failed;
        stdout.Write(KubernetesJobs(r, root));
        return ExitCodes.Ok;
    }

    /// <summary>Checks the sweep itself before anything is submitted: a typo should fail here, not in every task.</summary>
    private static int? Plan(ClusterRequest r, TextWriter stderr, out string root)
    {
        root = r.Out;
        SweepPlan plan;
        try
        {
            plan = SweepPlan.Build(r.File, r.Sets, r.Varies, r.Lhs, r.Samples, r.Seed);
        }
        catch (SweepPlanException e)
        {
            stderr.WriteLine(e.Located ? e.Message : $"{Cli.Name}: {e.Message}");
            return e.ExitCode();
        }
        if (root.Length == 0) root = Path.Combine("results", plan.BaseSpec.Id);
        if (r.Shards > r.Runs)
        {
            stderr.WriteLine($"{Cli.Name}: --shards {r.Shards} is more than --runs {r.Runs}; some shards would have no runs");
            return ExitCodes.Usage;
        }
        return null;
    }

    /// <summary>The sweep's own arguments, as every shard repeats them; the shard, output and resume come after.</summary>
    internal static List<string> SweepArgs(ClusterRequest r)
    {
        var a = new List<string> { "sweep", r.File, "--runs", r.Runs.ToString(CultureInfo.InvariantCulture) };
        if (r.Seed is { } seed) a.AddRange(["--seed", seed.ToString(CultureInfo.InvariantCulture)]);
        if (r.Days is { } days) a.AddRange(["--days", days.ToString(CultureInfo.InvariantCulture)]);
        if (r.Deterministic) a.Add("--deterministic");
        foreach (var s in r.Sets) a.AddRange(["--set", s]);
        foreach (var v in r.Varies) a.AddRange(["--vary", v]);
        foreach (var l in r.Lhs) a.AddRange(["--lhs", l]);
        if (r.Samples is { } k) a.AddRange(["--samples", k.ToString(CultureInfo.InvariantCulture)]);
        a.AddRange(["--threads", r.Threads.ToString(CultureInfo.InvariantCulture)]);
        return a;
    }

    internal static string SweepScript(ClusterRequest r, Layout layout, string name)
    {
        int m = r.Shards;
        var s = new StringBuilder();
        s.Append("#!/bin/bash\n");
        s.Append($"# Written by '{Cli.Name} sweep … --slurm': array task K runs shard K of {m} of the sweep below, resuming\n");
        s.Append("# its checkpoint, so a task that is cancelled, requeued or timed out loses nothing when it runs again.\n");
        s.Append($"# Resubmit shards on their own with: sbatch --array=2,5 {Shell.Quote(layout.SweepScript)}\n");
        s.Append($"# ({m} is written below rather than read from SLURM_ARRAY_TASK_COUNT, which such a partial array makes smaller.)\n");
        s.Append($"#SBATCH --job-name={name}\n");
        s.Append($"#SBATCH --array=1-{m}\n");
        s.Append("#SBATCH --ntasks=1\n");
        s.Append($"#SBATCH --cpus-per-task={r.Threads}\n");
        if (r.Time is not null) s.Append($"#SBATCH --time={r.Time}\n");
        if (r.Partition is not null) s.Append($"#SBATCH --partition={r.Partition}\n");
        s.Append("#SBATCH --requeue\n");
        // B: signals the batch shell itself; with exec below that shell is dotnet, which checkpoints on SIGTERM.
        s.Append("#SBATCH --signal=B:TERM@60\n");
        s.Append("#SBATCH --open-mode=append\n");
        s.Append($"#SBATCH --chdir={Environment.CurrentDirectory}\n");
        s.Append($"#SBATCH --output={Path.Combine(layout.Logs, "shard-%a.log")}\n");
        s.Append("set -eu\n");
        s.Append($"shard=${{SLURM_ARRAY_TASK_ID:?submit as a job array: sbatch --array=1-{m} {Shell.Quote(layout.SweepScript)}}}\n");
        s.Append($"echo \"{Cli.Name}: shard $shard/{m}, job ${{SLURM_JOB_ID:-?}} on $(hostname), restart ${{SLURM_RESTART_COUNT:-0}}, $(date -Is)\"\n");
        s.Append("exec ").Append(Shell.Launcher()).Append(' ').Append(string.Join(' ', SweepArgs(r).Select(Shell.Quote)))
            .Append($" --shard \"$shard/{m}\" --out {Shell.Quote(Path.Combine(layout.Shards, "shard-"))}\"$shard\"-of-{m} --resume-or-start\n");
        return s.ToString();
    }

    internal static string MergeScript(Layout layout, string name, int m)
    {
        string root = Shell.Quote(layout.Root);
        var s = new StringBuilder();
        s.Append("#!/bin/bash\n");
        s.Append($"# Written by '{Cli.Name} sweep … --slurm': merges the {m} shards once the array has ended, however it ended.\n");
        s.Append("# afterany rather than afterok: a cancelled task keeps afterok unsatisfied even after it is rerun, so the\n");
        s.Append("# merge would wait forever. Instead the merge checks every shard and fails, naming them, if one is not done.\n");
        s.Append($"#SBATCH --job-name={name}-merge\n");
        s.Append("#SBATCH --ntasks=1\n");
        s.Append("#SBATCH --cpus-per-task=1\n");
        s.Append("#SBATCH --open-mode=append\n");
        s.Append($"#SBATCH --chdir={Environment.CurrentDirectory}\n");
        s.Append($"#SBATCH --output={Path.Combine(layout.Logs, "merge.log")}\n");
        s.Append("set -u\n");
        s.Append($"echo \"{Cli.Name}: merge, job ${{SLURM_JOB_ID:-?}}, $(date -Is)\"\n");
        s.Append($"if ! {Shell.Launcher()} merge --check {root}; then\n");
        s.Append($"  echo \"{Cli.Name}: not merged: resubmit the shards that are not done by running the same '{Cli.Name} sweep … --slurm' again,\"\n");
        s.Append($"  echo \"  or by hand: sbatch --array=<shards> {Shell.Quote(layout.SweepScript)}; sbatch --dependency=afterany:<job> {Shell.Quote(layout.MergeScript)}\"\n");
        s.Append("  exit 1\n");
        s.Append("fi\n");
        s.Append($"exec {Shell.Launcher()} merge {root} --out {root}\n");
        return s.ToString();
    }

    internal static string KubernetesJobs(ClusterRequest r, string root)
    {
        int m = r.Shards;
        // The volume is mounted where the sweep's folder is inside the pod, so --out needs no rewriting.
        string mount = Path.IsPathRooted(root) ? root : "/app/" + root.Replace('\\', '/').TrimStart('.', '/');
        string name = "conflictsim-" + Slug(Path.GetFileName(Path.TrimEndingDirectorySeparator(root)));
        string shardDir = Shell.Quote($"{mount}/{ShardStatus.ShardsFolder}/shard-") + $"$((JOB_COMPLETION_INDEX + 1))-of-{m}";
        string sweep = "exec dotnet /app/conflictsim.dll " + string.Join(' ', SweepArgs(r).Select(Shell.Quote)) +
            $" --shard $((JOB_COMPLETION_INDEX + 1))/{m} --out {shardDir} --resume-or-start";
        string merge = $"exec dotnet /app/conflictsim.dll merge {Shell.Quote(mount)} --out {Shell.Quote(mount)}";
        string cpu = r.Threads.ToString(CultureInfo.InvariantCulture);
        var y = new StringBuilder();
        y.Append($"# Written by '{Cli.Name} sweep … --k8s --dry-run': pod i of the Indexed Job runs shard i+1 of {m}\n");
        y.Append("# (JOB_COMPLETION_INDEX is 0-based, --shard 1-based) and resumes its checkpoint, so an evicted pod's\n");
        y.Append("# replacement loses nothing. The merge Job checks every shard and fails if one is not done. Apply in two steps:\n");
        y.Append($"#   kubectl apply -f jobs.yaml -l conflictsim/part=shards\n");
        y.Append($"#   kubectl wait --for=condition=complete job/{name}-shards --timeout=24h\n");
        y.Append($"#   kubectl apply -f jobs.yaml -l conflictsim/part=merge\n");
        y.Append($"# The image holds a .NET 10 runtime, conflictsim.dll and the scenarios in /app; the claim {name}-results is\n");
        y.Append("# a ReadWriteMany volume every pod can write. Unlike the Slurm scripts, this is not exercised in CI.\n");
        y.Append("apiVersion: batch/v1\n");
        y.Append("kind: Job\n");
        y.Append("metadata:\n");
        y.Append($"  name: {name}-shards\n");
        y.Append("  labels:\n");
        y.Append("    conflictsim/part: shards\n");
        y.Append("spec:\n");
        y.Append("  completionMode: Indexed\n");
        y.Append($"  completions: {m}\n");
        y.Append($"  parallelism: {m}\n");
        y.Append($"  backoffLimit: {Math.Max(6, 2 * m)}\n");
        y.Append("  template:\n");
        y.Append("    spec:\n");
        y.Append("      restartPolicy: OnFailure\n");
        y.Append("      terminationGracePeriodSeconds: 60\n");
        y.Append("      containers:\n");
        y.Append("        - name: shard\n");
        y.Append($"          image: {Yaml(r.Image)}\n");
        y.Append("          workingDir: /app\n");
        y.Append("          env:\n");
        y.Append("            - name: JOB_COMPLETION_INDEX\n");
        y.Append("              valueFrom:\n");
        y.Append("                fieldRef:\n");
        y.Append("                  fieldPath: metadata.annotations['batch.kubernetes.io/job-completion-index']\n");
        y.Append("          resources:\n");
        y.Append($"            requests: {{cpu: \"{cpu}\", memory: 512Mi}}\n");
        y.Append($"            limits: {{cpu: \"{cpu}\", memory: 1Gi}}\n");
        y.Append("          command: [\"/bin/sh\", \"-c\"]\n");
        y.Append($"          args: [{Yaml(sweep)}]\n");
        y.Append("          volumeMounts:\n");
        y.Append($"            - {{name: results, mountPath: {Yaml(mount)}}}\n");
        y.Append("      volumes:\n");
        y.Append("        - name: results\n");
        y.Append($"          persistentVolumeClaim: {{claimName: {name}-results}}\n");
        y.Append("---\n");
        y.Append("apiVersion: batch/v1\n");
        y.Append("kind: Job\n");
        y.Append("metadata:\n");
        y.Append($"  name: {name}-merge\n");
        y.Append("  labels:\n");
        y.Append("    conflictsim/part: merge\n");
        y.Append("spec:\n");
        y.Append("  backoffLimit: 2\n");
        y.Append("  template:\n");
        y.Append("    spec:\n");
        y.Append("      restartPolicy: Never\n");
        y.Append("      containers:\n");
        y.Append("        - name: merge\n");
        y.Append($"          image: {Yaml(r.Image)}\n");
        y.Append("          workingDir: /app\n");
        y.Append("          command: [\"/bin/sh\", \"-c\"]\n");
        y.Append($"          args: [{Yaml(merge)}]\n");
        y.Append("          volumeMounts:\n");
        y.Append($"            - {{name: results, mountPath: {Yaml(mount)}}}\n");
        y.Append("      volumes:\n");
        y.Append("        - name: results\n");
        y.Append($"          persistentVolumeClaim: {{claimName: {name}-results}}\n");
        return y.ToString();
    }

    /// <summary>
    /// The running binary, so the tasks run the build that was asked, under the same dotnet host when there is one.
    /// </summary>
    /// <summary>
    /// Unique per output folder, so that resubmitting finds this sweep's queued tasks and no other's, and short
    /// enough to read in squeue.
    /// </summary>
    internal static string JobName(string fullRoot, string root)
    {
        string hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(fullRoot)))[..6];
        return $"cs-{Slug(Path.GetFileName(Path.TrimEndingDirectorySeparator(root)))}-{hash}";
    }

    private static string Slug(string s)
    {
        var b = new StringBuilder();
        foreach (char c in s.ToLowerInvariant()) b.Append(char.IsAsciiLetterOrDigit(c) ? c : '-');
        string slug = b.ToString().Trim('-');
        return slug.Length == 0 ? "sweep" : slug.Length > 40 ? slug[..40].Trim('-') : slug;
    }

    /// <summary>A word for bash: left bare when it is plainly safe, otherwise single-quoted.</summary>
    /// <summary>#SBATCH lines are not parsed by a shell: a path with a space or a quote cannot be said there.</summary>
    private static bool SbatchSafe(string path) => !path.Any(c => char.IsWhiteSpace(c) || c is '"' or '\'' or '\\');

    /// <summary>A YAML double-quoted scalar: everything the shell sees survives unchanged.</summary>
    private static string Yaml(string s) => "\"" + s.Replace("\\", "\\\\").Replace("\"", "\\\"") + "\"";

    private static void WriteText(string path, string text)
    {
        using var file = new AtomicTextFile(path);
        file.Writer.Write(text);
        file.Commit();
    }

    private static bool Scheduler(IReadOnlyList<string> argv, TextWriter stderr, out string output)
    {
        output = "";
        var start = new ProcessStartInfo(argv[0]) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in argv.Skip(1)) start.ArgumentList.Add(a);
        try
        {
            using var p = Process.Start(start)!;
            var err = p.StandardError.ReadToEndAsync();
            output = p.StandardOutput.ReadToEnd();
            p.WaitForExit();
            if (p.ExitCode == 0) return true;
            string first = err.Result.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault() ?? $"exit {p.ExitCode}";
            stderr.WriteLine($"{Cli.Name}: {argv[0]} failed: {first}");
            return false;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            stderr.WriteLine($"{Cli.Name}: {argv[0]} not found; submit from a machine with the Slurm client, or print the scripts with --dry-run");
            return false;
        }
    }

    private static int Fail(TextWriter stderr, string message)
    {
        stderr.WriteLine($"{Cli.Name}: {message}");
        return ExitCodes.BadInput;
    }
}
