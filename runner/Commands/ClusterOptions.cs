using System.CommandLine;
using System.Text.RegularExpressions;

namespace ConflictSim.Cli.Commands;

/// <summary>
/// The options that turn `sweep` into a cluster submission. They sit on `sweep` itself so the cluster runs
/// exactly the sweep typed, with every sweep option parsed and checked the same way.
/// </summary>
internal sealed partial class ClusterOptions
{
    public const int DefaultShards = 8;

    private readonly Option<bool> _slurm = new("--slurm")
    {
        Description = "Submit the sweep to Slurm as a job array of --shards tasks and a merge job, instead of running it here.",
    };
    private readonly Option<bool> _k8s = new("--k8s") { Description = "Print the sweep as a Kubernetes Indexed Job and a merge Job (with --dry-run)." };
    private readonly Option<int?> _shards = new("--shards")
    {
        Description = $"Shards (array tasks or pods) for --slurm or --k8s; default {DefaultShards}. Each uses --threads CPUs (default 1 there).",
        HelpName = "M",
        CustomParser = r => OptionValues.Whole(r, "--shards", 1, 100_000),
    };
    private readonly Option<bool> _dryRun = new("--dry-run") { Description = "With --slurm or --k8s: print what would be submitted, and submit nothing." };
    private readonly Option<string?> _time = new("--time")
    {
        Description = "With --slurm: each task's time limit, as sbatch takes it (e.g. 2:00:00 or 1-12:00:00); default: the partition's.",
        HelpName = "LIMIT",
    };
    private readonly Option<string?> _partition = new("--partition") { Description = "With --slurm: the partition to submit to; default: the cluster's.", HelpName = "NAME" };
    private readonly Option<string?> _image = new("--image") { Description = $"With --k8s: the container image; default conflictsim:{Cli.Version}.", HelpName = "IMAGE" };

    public static ClusterOptions Create() => new();

    public void AddTo(Command command)
    {
        foreach (var o in new Option[] { _slurm, _k8s, _shards, _dryRun, _time, _partition, _image }) command.Options.Add(o);
    }

    /// <summary>Any cluster option, so that one given without --slurm or --k8s is refused rather than ignored.</summary>
    public bool Requested(ParseResult p) =>
        p.GetValue(_slurm) || p.GetValue(_k8s) || new Option[] { _shards, _dryRun, _time, _partition, _image }.Any(o => p.GetResult(o) is { Implicit: false });

    [GeneratedRegex(@"^(\d+-)?\d+(:\d+){0,2}$")]
    private static partial Regex TimeLimit();

    public int Run(ParseResult p, Option<(int, int)?> shard, TextWriter stdout, TextWriter stderr, ClusterRequest request)
    {
        bool slurm = p.GetValue(_slurm), k8s = p.GetValue(_k8s);
        string? problem =
            slurm && k8s ? "--slurm and --k8s exclude each other; pick one"
            : !slurm && !k8s ? "--shards, --dry-run, --time, --partition and --image go with --slurm or --k8s"
            : p.GetResult(shard) is { Implicit: false } ? "--shard is for one shard; with --slurm or --k8s give the shard count as --shards M"
            : p.GetValue(_time) is { } t && !TimeLimit().IsMatch(t) ? $"--time must be a Slurm time limit like 30:00, 2:00:00 or 1-12:00:00, not '{t}'"
            : k8s && (p.GetValue(_time) is not null || p.GetValue(_partition) is not null) ? "--time and --partition are for --slurm"
            : slurm && p.GetValue(_image) is not null ? "--image is for --k8s"
            : null;
        if (problem is not null)
        {
            stderr.WriteLine($"{Cli.Name}: {problem} (see '{Cli.Name} sweep --help')");
            return ExitCodes.Usage;
        }
        request = request with
        {
            Shards = p.GetValue(_shards) ?? DefaultShards,
            Time = p.GetValue(_time),
            Partition = p.GetValue(_partition),
            Image = p.GetValue(_image) ?? request.Image,
            DryRun = p.GetValue(_dryRun),
        };
        return slurm ? ClusterSweep.Slurm(request, stdout, stderr) : ClusterSweep.Kubernetes(request, stdout, stderr);
    }
}
