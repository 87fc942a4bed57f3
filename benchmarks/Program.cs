using BenchmarkDotNet.Running;

// `dotnet run -c Release --project benchmarks -- --filter '*'` runs everything; see benchmarks/README.md.
BenchmarkSwitcher.FromAssembly(typeof(ConflictSim.Benchmarks.ScenarioFiles).Assembly).Run(args);
