using System.Reflection;
using ConflictSim.Tests.Support;

namespace ConflictSim.Tests.Engine;

/// <summary>The world state is declared once; copy, reset, save, fingerprint and comparison all come from that declaration.</summary>
public class StateRegistryTests
{
    private static readonly Scenario Front = Scenario.Compile(TestScenarios.Front());

    [Fact]
    public void Every_array_of_the_state_is_in_the_registry()
    {
        var state = new Simulation(Front, 1).State;
        var registered = state.Fields.Select(f => f.Array).ToHashSet(ReferenceEqualityComparer.Instance);
        var fields = typeof(WorldState).GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic);
        foreach (var field in fields)
        {
            if (field.FieldType.IsArray)
                Assert.True(registered.Contains(field.GetValue(state)!), $"WorldState.{field.Name} is not declared through Field<T>(), so copy, save and fingerprint skip it");
            else
                // Anything else must be structure fixed at construction, or a backing field of one.
                Assert.True(field.IsInitOnly || field.Name.Contains("k__BackingField"), $"WorldState.{field.Name} is mutable state outside the registry");
        }
        Assert.Equal(state.Fields.Count, state.Fields.Select(f => f.Name).Distinct().Count());
    }

    [Fact]
    public void Fingerprint_and_comparison_see_every_field_including_streams_and_pools()
    {
        var sim = new Simulation(Front, 3);
        for (int d = 0; d < 12; d++) sim.Step();
        var copy = sim.Snapshot();
        Assert.Null(sim.State.FirstDifference(copy));
        Assert.Equal(sim.State.Fingerprint(), copy.Fingerprint());
        foreach (var field in copy.Fields)
        {
            var bytes = field.Bytes(copy);
            if (bytes.Length == 0) continue;
            bytes[0] ^= 0x01;
            Assert.Equal(field.Name, sim.State.FirstDifference(copy));
            Assert.NotEqual(sim.State.Fingerprint(), copy.Fingerprint());
            bytes[0] ^= 0x01;
        }
        Assert.Contains("streams", sim.State.FieldNames());
        Assert.Contains("blockade", sim.State.FieldNames());
        Assert.Contains("pending_orders", sim.State.FieldNames());
    }

    [Fact]
    public void Reset_equals_a_fresh_simulation_and_restore_continues_identically()
    {
        var fresh = new Simulation(Front, 9);
        var reused = new Simulation(Front, 1);
        reused.Run();
        reused.Reset(9);
        Assert.Null(fresh.State.FirstDifference(reused.State));

        for (int d = 0; d < 15; d++) fresh.Step();
        var at15 = fresh.Snapshot();
        fresh.Run();
        reused.Restore(at15);
        reused.Run();
        Assert.Null(fresh.State.FirstDifference(reused.State));
    }

    [Fact]
    public void A_saved_state_loads_and_continues_bit_for_bit()
    {
        var live = new Simulation(Front, 5);
        for (int d = 0; d < 20; d++) live.Step();
        using var file = new MemoryStream();
        live.Save(file);
        live.Run();

        var loaded = new Simulation(Front, 999);
        file.Position = 0;
        loaded.Load(file);
        Assert.Equal(20, loaded.View.Day);
        Assert.Equal(5UL, loaded.Seed);
        loaded.Run();
        Assert.Null(live.State.FirstDifference(loaded.State));
    }

    [Fact]
    public void A_damaged_or_foreign_state_file_is_refused_and_the_live_state_kept()
    {
        var sim = new Simulation(Front, 5);
        for (int d = 0; d < 5; d++) sim.Step();
        var bytes = Save(sim);
        ulong before = sim.State.Fingerprint();

        var flipped = (byte[])bytes.Clone();
        flipped[flipped.Length / 2] ^= 0x40;
        Assert.Contains("checksum", Assert.Throws<InvalidDataException>(() => sim.Load(new MemoryStream(flipped))).Message);
        Assert.Contains("ends early", Assert.Throws<InvalidDataException>(() => sim.Load(new MemoryStream(bytes[..(bytes.Length / 3)]))).Message);
        Assert.Contains("not a ConflictSim state", Assert.Throws<InvalidDataException>(() => sim.Load(new MemoryStream("hello world, not a state"u8.ToArray()))).Message);

        var other = new Simulation(Scenario.Compile(TestScenarios.Duel(100, 100, 0.1, 0.1)), 1);
        Assert.Contains("another scenario", Assert.Throws<InvalidDataException>(() => other.Load(new MemoryStream(bytes))).Message);
        Assert.Equal(before, sim.State.Fingerprint());
    }

    private static byte[] Save(Simulation sim)
    {
        using var ms = new MemoryStream();
        sim.Save(ms);
        return ms.ToArray();
    }
}
