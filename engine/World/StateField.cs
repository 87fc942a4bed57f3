using System.Runtime.InteropServices;

namespace ConflictSim;

/// <summary>Writes a field's starting values into its array when a run is reset.</summary>
internal delegate void FieldStart<T>(Scenario scenario, Span<T> values) where T : unmanaged;

/// <summary>
/// One array of the world state, declared once in <see cref="WorldState"/>: its name, its array, how it starts,
/// and how much of it is in use. Copying, resetting, saving, fingerprinting and comparing states all walk these
/// descriptors, so a field cannot be copied but forgotten by a save, or reset but skipped by a fingerprint.
/// Every operation works on the array's bytes, so it is the same for doubles, flags, ids and generator states.
/// </summary>
internal abstract class StateField(string name)
{
    public string Name { get; } = name;
    /// <summary>Elements the array can hold.</summary>
    public abstract int Capacity { get; }
    public abstract int ElementSize { get; }
    public abstract Array Array { get; }
    /// <summary>The bytes in use: the whole array, or a pool's live prefix.</summary>
    public abstract Span<byte> Bytes(WorldState owner);
    public abstract void Reset(Scenario scenario);
}

internal sealed class StateField<T>(string name, T[] values, FieldStart<T>? start, Func<WorldState, int>? used)
    : StateField(name) where T : unmanaged
{
    public T[] Values { get; } = values;
    public override int Capacity => Values.Length;
    public override int ElementSize => System.Runtime.CompilerServices.Unsafe.SizeOf<T>();
    public override Array Array => Values;

    public int Used(WorldState owner) => used?.Invoke(owner) ?? Values.Length;

    public override Span<byte> Bytes(WorldState owner) => MemoryMarshal.AsBytes(Values.AsSpan(0, Used(owner)));

    public override void Reset(Scenario scenario)
    {
        if (start is null) Array.Clear(Values);
        else start(scenario, Values);
    }
}
