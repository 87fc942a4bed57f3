using BenchmarkDotNet.Running;
using ConflictSim.Benchmarks.Regression;

// `dotnet run -c Release --project benchmarks -- --filter '*'` runs everything; `-- quick` is the regression check
// against benchmarks/baseline.json. See benchmarks/README.md.
if (args.Length > 0 && args[0] == QuickCommand.Name) return QuickCommand.Run(args[1..], Console.Out, Console.Error);
BenchmarkSwitcher.FromAssembly(typeof(ConflictSim.Benchmarks.ScenarioFiles).Assembly).Run(args);
return 0;
