using ConflictSim.Benchmarks.Regression;
using ConflictSim.Tests.Cli;

namespace ConflictSim.Tests.Benchmarks;

/// <summary>The regression check's arithmetic and its baseline file, without running a benchmark.</summary>
public class BaselineComparisonTests
{
    private static Baseline Make(params BaselineEntry[] entries) => new(Baseline.CurrentFormat,
        new DateTimeOffset(2026, 11, 21, 8, 44, 13, TimeSpan.Zero), "AMD EPYC, 2 cores", ".NET 10.0.12", "0.14.0",
        "ShortRun, in-process", "dotnet run -c Release --project benchmarks -- quick --write-baseline", entries);

    private static CaseComparison One(double baseNs, long? baseBytes, double nowNs, long? nowBytes) =>
        BaselineComparison.Compare(Make(new BaselineEntry("b", baseNs, baseBytes)), [new BaselineEntry("b", nowNs, nowBytes)]).Single();

    [Fact]
    public void Ratio_is_now_over_baseline_and_flags_only_beyond_the_threshold()
    {
        var same = One(4000, 0, 4000, 0);
        Assert.Equal(1.0, same.Ratio);
        Assert.False(same.Flagged);

        var atThreshold = One(4000, 0, 5000, 0);
        Assert.Equal(1.25, atThreshold.Ratio);
        Assert.False(atThreshold.Slower);

        var beyond = One(4000, 0, 5001, 0);
        Assert.True(beyond.Slower);
        Assert.True(beyond.Flagged);
        Assert.Equal("REGRESSION: slower", BaselineComparison.Verdict(beyond));

        var faster = One(4000, 0, 1000, 0);
        Assert.Equal(0.25, faster.Ratio);
        Assert.False(faster.Flagged);
    }

    [Fact]
    public void An_allocation_increase_beyond_measurement_noise_is_flagged_even_when_faster()
    {
        Assert.False(One(100, 0, 100, BaselineComparison.AllocationNoiseBytes).AllocatesMore);
        var oneObject = One(100, 0, 90, 24);
        Assert.True(oneObject.AllocatesMore);
        Assert.True(oneObject.Flagged);
        Assert.Equal("REGRESSION: allocates more", BaselineComparison.Verdict(oneObject));
        Assert.Equal("REGRESSION: slower, allocates more", BaselineComparison.Verdict(One(100, 0, 200, 24)));
        Assert.False(One(100, 4096, 100, 0).AllocatesMore);
        // Without MemoryDiagnoser figures there is nothing to compare.
        Assert.False(One(100, null, 100, 4096).AllocatesMore);
        Assert.False(One(100, 0, 100, null).AllocatesMore);
    }

    [Fact]
    public void Exit_code_is_3_when_any_case_is_flagged_and_0_otherwise()
    {
        var baseline = Make(new BaselineEntry("a", 1000, 0), new BaselineEntry("b", 2000, 0));
        Assert.Equal(0, BaselineComparison.ExitCode(BaselineComparison.Compare(baseline, [new("a", 1100, 0), new("b", 2400, 0)])));
        Assert.Equal(3, BaselineComparison.ExitCode(BaselineComparison.Compare(baseline, [new("a", 1100, 0), new("b", 2600, 0)])));
        Assert.Equal(3, BaselineComparison.ExitCode(BaselineComparison.Compare(baseline, [new("a", 1000, 32), new("b", 2000, 0)])));
    }

    [Fact]
    public void On_another_machine_a_slowdown_is_not_a_regression_but_an_allocation_still_is()
    {
        var baseline = Make(new BaselineEntry("a", 1000, 0), new BaselineEntry("b", 2000, 0));

        var slower = BaselineComparison.Compare(baseline, [new("a", 1600, 0), new("b", 2000, 0)], sameMachine: false);
        var allocates = BaselineComparison.Compare(baseline, [new("a", 1600, 0), new("b", 2000, 64)], sameMachine: false);

        Assert.True(slower[0].Slower);
        Assert.False(slower[0].Flagged);
        Assert.Equal("slower, on another machine", BaselineComparison.Verdict(slower[0]));
        Assert.Equal("ok (times from another machine)", BaselineComparison.Verdict(slower[1]));
        // 4: no allocation regression, and the times were not judged; never 0, which would certify them.
        Assert.Equal(4, BaselineComparison.ExitCode(slower));
        Assert.Equal("REGRESSION: allocates more", BaselineComparison.Verdict(allocates[1]));
        Assert.Equal(3, BaselineComparison.ExitCode(allocates));
        Assert.Equal(3, BaselineComparison.ExitCode(BaselineComparison.Compare(baseline, [new("a", 1600, 0), new("b", 2000, 0)], sameMachine: true)));
    }

    [Fact]
    public void A_case_that_allocates_by_design_is_flagged_only_beyond_its_share_of_noise()
    {
        // LoadBenchmarks.Load at 10,000 regions: 90,718,835 B, then 90,719,488 B with the same code.
        var baseline = Make(new BaselineEntry("load", 1e8, 90_718_835));

        Assert.False(BaselineComparison.Compare(baseline, [new("load", 1e8, 90_719_488)])[0].AllocatesMore);
        Assert.True(BaselineComparison.Compare(baseline, [new("load", 1e8, 90_718_835 + 24 * 10_000)])[0].AllocatesMore);
        Assert.Equal(8, BaselineComparison.AllocationNoise(0));
    }

    [Fact]
    public void New_and_unmeasured_cases_are_listed_but_not_flagged()
    {
        var rows = BaselineComparison.Compare(Make(new BaselineEntry("a", 1000, 0), new BaselineEntry("gone", 5, 0)),
            [new BaselineEntry("fresh", 9e9, 1 << 20), new BaselineEntry("a", 1000, 0)]);
        Assert.Equal(["a", "gone", "fresh"], rows.Select(r => r.Name));
        Assert.Equal(["ok", "not measured", "new: no baseline"], rows.Select(BaselineComparison.Verdict));
        Assert.All(rows.Skip(1), r => Assert.Null(r.Ratio));
        Assert.Equal(0, BaselineComparison.ExitCode(rows));
        Assert.Equal(0, BaselineComparison.ExitCode(BaselineComparison.Compare(null, [new BaselineEntry("a", 1, 0)])));
    }

    [Fact]
    public void Table_shows_both_figures_the_ratio_and_the_verdict()
    {
        var writer = new StringWriter();
        BaselineComparison.WriteTable(BaselineComparison.Compare(Make(new BaselineEntry("Tick(Mode: Stochastic)", 5130, 0)),
            [new BaselineEntry("Tick(Mode: Stochastic)", 7695, 48)]), writer);
        string line = writer.ToString().Split('\n')[2];
        Assert.Matches(@"^\s*Tick\(Mode: Stochastic\)\s+5\.13 µs\s+7\.70 µs\s+1\.50\s+0 B\s+48 B\s+REGRESSION: slower, allocates more$", line);
    }

    [Fact]
    public void Baseline_survives_a_round_trip_through_its_file_bit_for_bit()
    {
        var baseline = Make(new BaselineEntry("ConflictSim.Benchmarks.TickBenchmarks.Tick(Mode: \"Stochastic\")", 1953006.5416666667, 0),
            new BaselineEntry("x<y>", 0.1 + 0.2, null), new BaselineEntry("big", double.MaxValue, long.MaxValue));
        using var dir = CliHarness.TempDir();
        string path = dir.File("baseline.json");
        baseline.Write(path);
        Assert.Equal([path], Directory.GetFiles(dir.Path));

        var read = Baseline.Read(path);
        Assert.Equal(baseline with { Benchmarks = [] }, read with { Benchmarks = [] });
        Assert.Equal(baseline.Benchmarks, read.Benchmarks);
        Assert.Equal(baseline.ToJson(), File.ReadAllText(path));
        Assert.Contains("\"benchmarkdotnet\": \"0.14.0\"", read.ToJson());
    }

    [Theory]
    [InlineData("{\n  \"format\": \"conflictsim-bench-baseline/1\",\n  \"date\": oops\n}", "b.json:3:")]
    [InlineData("{\"format\": \"conflictsim-bench-baseline/1\"}", "b.json")]
    [InlineData("null", "b.json:1:1: the file holds null")]
    public void A_malformed_baseline_is_one_line_naming_the_file(string json, string start)
    {
        var e = Assert.Throws<BaselineFormatException>(() => Baseline.FromJson(json, "b.json"));
        Assert.StartsWith(start, e.Message);
        Assert.DoesNotContain('\n', e.Message);
    }

    [Fact]
    public void A_baseline_of_another_format_is_refused()
    {
        string json = Make().ToJson().Replace(Baseline.CurrentFormat, "conflictsim-bench-baseline/0");
        var e = Assert.Throws<BaselineFormatException>(() => Baseline.FromJson(json, "b.json"));
        Assert.Equal("b.json: format is \"conflictsim-bench-baseline/0\"; expected \"conflictsim-bench-baseline/1\"", e.Message);
    }
}
