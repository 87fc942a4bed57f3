using System.Globalization;
using ConflictSim.Decisions;
using ConflictSim.Hosting;
using ConflictSim.Randomness;

namespace ConflictSim.Wargame.Game;

/// <summary>Rewinding to an earlier turn as a named branch, and forecasts from the current state.</summary>
public sealed partial class WargameSession
{
    private ActionResult Rewind(RewindTo r)
    {
        if (!IdPattern().IsMatch(r.Branch)) return ActionResult.Refused($"branch name '{r.Branch}': expected letters, digits, '-' or '_'");
        if (_branches.ContainsKey(r.Branch)) return ActionResult.Refused($"there is a branch '{r.Branch}' already");
        var from = _current;
        if (r.Turn < 0 || r.Turn > from.Engine.Turn) return ActionResult.Refused($"turn {r.Turn} is not between 0 and {from.Engine.Turn}");
        var engine = from.Engine.Copy();
        engine.Rewind(r.Turn);
        engine.Simulation.ClearOrders();
        var branch = new Branch { Name = r.Branch, Parent = from.Name, ForkTurn = r.Turn, Engine = engine };
        for (int k = 0; k <= r.Turn; k++) branch.Starts.Add(from.Starts[k]);
        for (int k = 0; k < r.Turn; k++) branch.Turns.Add(from.Turns[k]);
        _branches[r.Branch] = branch;
        _branchOrder.Add(r.Branch);
        _current = branch;
        return ActionResult.Ok($"branch '{r.Branch}' starts at turn {r.Turn + 1} (day {engine.Day}); '{from.Name}' stays playable");
    }

    // ---- Forecast ----

    private ActionResult ForecastFrom(Role actor, RequestForecast f, ref ulong? seed)
    {
        if (!actor.IsWhite && !_forecasters.Contains(actor.Id)) return ActionResult.Refused("White has not allowed your cell to ask for forecasts");
        int runs = f.Runs ?? DefaultForecastRuns;
        if (runs < 1 || runs > 20000) return ActionResult.Refused($"{runs} runs; expected 1..20000");
        var engine = _current.Engine;
        int to = f.ToDay ?? engine.Simulation.Days;
        if (to <= engine.Day || to > engine.Simulation.Days) return ActionResult.Refused($"day {to}: expected a day after today ({engine.Day}) up to the end ({engine.Simulation.Days})");
        ulong s = Xoshiro256StarStar.DeriveSeed(Setup.Seed, (ulong)_lines.Count, ForecastPurpose);
        seed = s;
        string message = $"{runs} runs from day {engine.Day} to day {to}";
        // A forecast changes nothing: a replay skips it rather than running it again.
        if (_replaying) return ActionResult.Ok(message);
        var request = new Analysis.ForecastRequest
        {
            Scenario = Scenario,
            Options = new SimulationOptions { Days = to, Mode = engine.Simulation.Mode },
            From = engine.Simulation.Snapshot(),
            Seed = s,
            Runs = runs,
            Threads = Threads > 0 ? Threads : Environment.ProcessorCount,
        };
        var cell = actor.IsWhite ? null : CellOf(actor.Id);
        _deferred = () => ActionResult.Ok(message, ForecastView.Of(Analysis.Forecast.Run(request), Scenario, cell));
        return ActionResult.Ok(message);
    }
}
