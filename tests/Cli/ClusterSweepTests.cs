using System.Diagnostics;
using ConflictSim.Cli.Commands;
using ConflictSim.Tests.Support;
using ConflictSim.Tests.Sweep;
using YamlDotNet.RepresentationModel;

namespace ConflictSim.Tests.Cli;

/// <summary>
/// `sweep … --slurm` and `--k8s` as far as they can be checked without a cluster: what they write, and the
/// written Slurm scripts run under plain bash as a cluster would run them. CI's .ci/slurm-e2e.sh does the rest on a
/// live Slurm.
/// </summary>
public class ClusterSweepTests
{
    private static string[] Lines(string text) => text.Split('\n');

    [Fact]
    public void Dry_run_prints_the_array_and_merge_scripts_and_writes_nothing()
    {
        using var dir = CliHarness.TempDir();
        string root = dir.File("cluster");
        var r = CliHarness.Run("sweep", SweepHarness.Duel, "--runs", "40", "--seed", "9", "--vary", "factions.red.morale=0.6,0.8",
            "--slurm", "--shards", "4", "--threads", "2", "--time", "1:30:00", "--partition", "short", "--dry-run", "--out", root);

        Assert.Equal(0, r.Exit);
        Assert.Equal("", r.Err);
        Assert.False(Directory.Exists(root), "a dry run must not create the output folder");
        var lines = Lines(r.Out);
        foreach (var expected in new[]
        {
            "#SBATCH --array=1-4", "#SBATCH --cpus-per-task=2", "#SBATCH --time=1:30:00", "#SBATCH --partition=short",
            "#SBATCH --requeue", "#SBATCH --signal=B:TERM@60", "#SBATCH --open-mode=append",
            $"#SBATCH --output={Path.Combine(root, "slurm", "logs", "shard-%a.log")}",
            $"#SBATCH --output={Path.Combine(root, "slurm", "logs", "merge.log")}",
            $"#SBATCH --chdir={Environment.CurrentDirectory}",
        })
            Assert.Contains(expected, lines);
        string exec = Assert.Single(lines, l => l.StartsWith("exec ") && l.Contains(" sweep "));
        Assert.Contains(" --runs 40 --seed 9 --vary factions.red.morale=0.6,0.8 --threads 2 --shard \"$shard/4\" ", exec);
        Assert.EndsWith(" --resume-or-start", exec);
        Assert.Contains("conflictsim.dll", exec);
        // The count comes from the script, so `sbatch --array=2` alone still runs shard 2 of 4.
        Assert.DoesNotContain("$SLURM_ARRAY_TASK_COUNT", r.Out);
        Assert.DoesNotContain("${SLURM_ARRAY_TASK_COUNT", r.Out);
        Assert.Contains(lines, l => l.StartsWith("exec ") && l.EndsWith($" merge {root} --out {root}"));
        Assert.Contains("sbatch --parsable --dependency=afterany:", r.Out);
    }

    [Fact]
    public void The_generated_scripts_run_under_bash_give_the_unsharded_sweep_with_an_awkward_scenario_path()
    {
        using var dir = CliHarness.TempDir();
        string spaced = Path.Combine(dir.Path, "my scenarios", "rock 'n' duel.yaml");
        Directory.CreateDirectory(Path.GetDirectoryName(spaced)!);
        File.Copy(SweepHarness.Duel, spaced);
        string root = dir.File("cluster");
        var request = new ClusterRequest
        {
            File = spaced, Runs = 31, Seed = 5, Varies = ["factions.red.morale=0.6,0.8"], Shards = 3, Threads = 1, Out = root,
        };
        var layout = new ClusterSweep.Layout(root);
        Directory.CreateDirectory(layout.Scripts);
        File.WriteAllText(layout.SweepScript, ClusterSweep.SweepScript(request, layout, "test"));
        File.WriteAllText(layout.MergeScript, ClusterSweep.MergeScript(layout, "test", 3));

        // As Slurm would: every array task, one of them interrupted and run again, then the merge.
        foreach (int k in new[] { 3, 1, 2 })
        {
            var (exit, output) = Bash(layout.SweepScript, k);
            Assert.True(exit == 0, $"shard {k}: exit {exit}\n{output}");
            Assert.Contains($"shard {k}/3", output);
        }
        var again = Bash(layout.SweepScript, 2);
        Assert.True(again.Exit == 0, again.Output);
        var merged = Bash(layout.MergeScript, null);
        Assert.True(merged.Exit == 0, merged.Output);
        Assert.Contains("all 3 shards done", merged.Output);

        string direct = dir.File("direct");
        var one = CliHarness.Run("sweep", spaced, "--runs", "31", "--seed", "5", "--vary", "factions.red.morale=0.6,0.8", "--out", direct);
        Assert.Equal(0, one.Exit);
        SweepHarness.AssertSameOutputs(direct, root);
    }

    [Fact]
    public void The_merge_script_refuses_unfinished_shards_and_says_how_to_resubmit()
    {
        using var dir = CliHarness.TempDir();
        string root = dir.File("cluster");
        var request = new ClusterRequest { File = SweepHarness.Duel, Runs = 20, Shards = 2, Threads = 1, Out = root };
        var layout = new ClusterSweep.Layout(root);
        Directory.CreateDirectory(layout.Scripts);
        Directory.CreateDirectory(layout.Shard(1, 2));
        Directory.CreateDirectory(layout.Shard(2, 2));
        File.WriteAllText(layout.SweepScript, ClusterSweep.SweepScript(request, layout, "test"));
        File.WriteAllText(layout.MergeScript, ClusterSweep.MergeScript(layout, "test", 2));
        Assert.Equal(0, Bash(layout.SweepScript, 1).Exit);

        var merged = Bash(layout.MergeScript, null);
        Assert.Equal(1, merged.Exit);
        Assert.Contains("shard 2/2  missing", merged.Output);
        Assert.Contains("not done: 2", merged.Output);
        Assert.Contains("not merged", merged.Output);
        Assert.False(File.Exists(Path.Combine(root, "summary.json")));
    }

    [Fact]
    public void K8s_dry_run_is_an_indexed_job_with_the_shard_from_the_completion_index_and_a_merge_job()
    {
        var r = CliHarness.Run("sweep", Repository.Scenario("sirte-2016.yaml"), "--runs", "1000", "--k8s", "--shards", "5", "--dry-run",
            "--out", "results/sirte", "--image", "example.org/conflictsim:1");
        Assert.Equal(0, r.Exit);

        var stream = new YamlStream();
        stream.Load(new StringReader(r.Out));
        Assert.Equal(2, stream.Documents.Count);
        var shards = (YamlMappingNode)stream.Documents[0].RootNode;
        var merge = (YamlMappingNode)stream.Documents[1].RootNode;
        foreach (var job in new[] { shards, merge })
        {
            Assert.Equal("batch/v1", Scalar(job, "apiVersion"));
            Assert.Equal("Job", Scalar(job, "kind"));
            Assert.Matches("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$", Scalar(Map(job, "metadata"), "name"));
            var pod = Map(Map(Map(job, "spec"), "template"), "spec");
            Assert.Contains(Scalar(pod, "restartPolicy"), new[] { "OnFailure", "Never" });
            var container = (YamlMappingNode)Seq(pod, "containers").Children.Single();
            Assert.Equal("example.org/conflictsim:1", Scalar(container, "image"));
            var mount = (YamlMappingNode)Seq(container, "volumeMounts").Children.Single();
            var volume = (YamlMappingNode)Seq(pod, "volumes").Children.Single();
            Assert.Equal(Scalar(volume, "name"), Scalar(mount, "name"));
            Assert.Equal("/app/results/sirte", Scalar(mount, "mountPath"));
            Assert.NotEmpty(Scalar(Map(volume, "persistentVolumeClaim"), "claimName"));
        }

        var spec = Map(shards, "spec");
        Assert.Equal("Indexed", Scalar(spec, "completionMode"));
        Assert.Equal("5", Scalar(spec, "completions"));
        Assert.Equal("5", Scalar(spec, "parallelism"));
        var shard = (YamlMappingNode)Seq(Map(Map(spec, "template"), "spec"), "containers").Children.Single();
        var env = (YamlMappingNode)Seq(shard, "env").Children.Single();
        Assert.Equal("JOB_COMPLETION_INDEX", Scalar(env, "name"));
        Assert.Equal("metadata.annotations['batch.kubernetes.io/job-completion-index']", Scalar(Map(Map(env, "valueFrom"), "fieldRef"), "fieldPath"));
        string args = Scalar(shard, "args", single: true);
        Assert.Contains("--shard $((JOB_COMPLETION_INDEX + 1))/5 ", args);
        Assert.Contains("--out /app/results/sirte/shards/shard-$((JOB_COMPLETION_INDEX + 1))-of-5 --resume-or-start", args);
        Assert.StartsWith("exec dotnet ", args);

        // Pod index i runs shard i+1: what the shell makes of the argument for every index.
        for (int i = 0; i < 5; i++)
        {
            var (exit, output) = Sh($"JOB_COMPLETION_INDEX={i}; echo \"{args.Replace("exec dotnet ", "").Replace("\"", "\\\"")}\"");
            Assert.Equal(0, exit);
            Assert.Contains($"--shard {i + 1}/5 --out /app/results/sirte/shards/shard-{i + 1}-of-5 ", output);
        }
        string mergeArgs = Scalar((YamlMappingNode)Seq(Map(Map(Map(merge, "spec"), "template"), "spec"), "containers").Children.Single(), "args", single: true);
        Assert.EndsWith("merge /app/results/sirte --out /app/results/sirte", mergeArgs);
    }

    [Theory]
    [InlineData("--shards", "4")]
    [InlineData("--dry-run")]
    [InlineData("--slurm", "--k8s", "--dry-run")]
    [InlineData("--slurm", "--shard", "1/2", "--dry-run")]
    [InlineData("--slurm", "--time", "soon", "--dry-run")]
    [InlineData("--k8s")]
    [InlineData("--slurm", "--image", "x", "--dry-run")]
    [InlineData("--slurm", "--shards", "0", "--dry-run")]
    [InlineData("--slurm", "--shards", "50", "--runs", "10", "--dry-run")]
    public void Cluster_options_misused_are_one_line_usage_errors(params string[] extra)
    {
        var r = CliHarness.Run(["sweep", SweepHarness.Duel, .. extra]);
        Assert.Equal(2, r.Exit);
        Assert.StartsWith("conflictsim: ", r.Err);
        Assert.Single(r.Err.TrimEnd('\n').Split('\n'));
        Assert.Equal("", r.Out);
    }

    [Fact]
    public void A_bad_scenario_fails_before_anything_is_submitted()
    {
        var r = CliHarness.Run("sweep", CliHarness.Fixture("invalid.yaml"), "--slurm", "--dry-run");
        Assert.Equal(1, r.Exit);
        Assert.Equal("", r.Out);
        Assert.DoesNotContain("   at ", r.Err);
    }

    [Fact]
    public void A_path_sbatch_cannot_take_is_refused()
    {
        using var dir = CliHarness.TempDir();
        var r = CliHarness.Run("sweep", SweepHarness.Duel, "--slurm", "--dry-run", "--out", dir.File("with space"));
        Assert.Equal(2, r.Exit);
        Assert.Contains("#SBATCH", r.Err);
    }

    private static YamlMappingNode Map(YamlMappingNode m, string key) => (YamlMappingNode)m.Children[new YamlScalarNode(key)];

    private static YamlSequenceNode Seq(YamlMappingNode m, string key) => (YamlSequenceNode)m.Children[new YamlScalarNode(key)];

    private static string Scalar(YamlMappingNode m, string key, bool single = false) =>
        single ? ((YamlScalarNode)Seq(m, key).Children.Single()).Value! : ((YamlScalarNode)m.Children[new YamlScalarNode(key)]).Value!;

    private static (int Exit, string Output) Bash(string script, int? arrayTask)
    {
        var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(script);
        start.Environment.Remove("SLURM_ARRAY_TASK_ID");
        if (arrayTask is { } k) start.Environment["SLURM_ARRAY_TASK_ID"] = k.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return Start(start);
    }

    private static (int Exit, string Output) Sh(string command)
    {
        var start = new ProcessStartInfo("/bin/sh") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(command);
        return Start(start);
    }

    private static (int Exit, string Output) Start(ProcessStartInfo start)
    {
        using var p = Process.Start(start)!;
        var err = p.StandardError.ReadToEndAsync();
        string output = p.StandardOutput.ReadToEnd();
        if (!p.WaitForExit(TimeSpan.FromSeconds(120))) { p.Kill(); Assert.Fail($"{start.FileName} did not finish in 120 s"); }
        return (p.ExitCode, output + err.Result);
    }
}
