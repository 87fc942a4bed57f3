using System.Buffers.Binary;
using System.Text;

namespace ConflictSim;

/// <summary>
/// The saved form of a <see cref="WorldState"/>: versioned, self-describing and checked. Layout, little-endian:
/// <code>
///   "CSIMSTATE" · u32 version · u64 shape (hash of the scenario's ids and sizes) · u32 fields
///   per field: u16 name length · name (UTF-8) · u16 element size · u32 elements in use · the elements' bytes
///   u64 FNV-1a of every byte before it
/// </code>
/// Fields come in declaration order, each by name, so a reader names the field a file lacks or has too many of.
/// Elements are written as they lie in memory, so a state round-trips bit for bit, NaNs and generator states included.
/// </summary>
public static class StateFile
{
    /// <summary>Format version written after the magic; reading a file of any other version throws <see cref="InvalidDataException"/>.</summary>
    public const int Version = 1;
    private static readonly byte[] Magic = "CSIMSTATE"u8.ToArray();

    /// <summary>A hash of what a state's layout depends on: the scenario's ids, link count, outcomes and phases.</summary>
    public static ulong Shape(Scenario scenario)
    {
        ulong h = 14695981039346656037UL;
        void Add(string text) { foreach (char c in text) { h ^= c; h *= 1099511628211UL; } h ^= 0xFF; h *= 1099511628211UL; }
        foreach (var id in scenario.RegionIds) Add(id);
        foreach (var id in scenario.FactionIds) Add(id);
        foreach (var id in scenario.PatronIds) Add(id);
        foreach (var o in scenario.Outcomes) Add(o.Id);
        foreach (var p in scenario.Spec.Phases) Add(p);
        Add(scenario.LinkCount.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Add(scenario.Insurgency.Any ? "underground" : "");
        return h;
    }

    internal static void Write(WorldState state, Scenario scenario, Stream stream)
    {
        if (!BitConverter.IsLittleEndian) throw new PlatformNotSupportedException("state files are written on little-endian machines");
        var hash = new Fnv();
        var buffer = new byte[16];
        void Put(ReadOnlySpan<byte> bytes) { hash.Add(bytes); stream.Write(bytes); }
        void U16(int v) { BinaryPrimitives.WriteUInt16LittleEndian(buffer, (ushort)v); Put(buffer.AsSpan(0, 2)); }
        void U32(int v) { BinaryPrimitives.WriteUInt32LittleEndian(buffer, (uint)v); Put(buffer.AsSpan(0, 4)); }
        void U64(ulong v) { BinaryPrimitives.WriteUInt64LittleEndian(buffer, v); Put(buffer.AsSpan(0, 8)); }

        Put(Magic);
        U32(Version);
        U64(Shape(scenario));
        U32(state.Fields.Count);
        foreach (var field in state.Fields)
        {
            var name = Encoding.UTF8.GetBytes(field.Name);
            U16(name.Length);
            Put(name);
            U16(field.ElementSize);
            var bytes = field.Bytes(state);
            U32(bytes.Length / field.ElementSize);
            Put(bytes);
        }
        BinaryPrimitives.WriteUInt64LittleEndian(buffer, hash.Value);
        stream.Write(buffer.AsSpan(0, 8));
    }

    internal static void Read(WorldState state, Scenario scenario, Stream stream)
    {
        var hash = new Fnv();
        var buffer = new byte[16];
        void Take(Span<byte> into)
        {
            stream.ReadExactly(into);
            hash.Add(into);
        }
        int U16() { Take(buffer.AsSpan(0, 2)); return BinaryPrimitives.ReadUInt16LittleEndian(buffer); }
        uint U32() { Take(buffer.AsSpan(0, 4)); return BinaryPrimitives.ReadUInt32LittleEndian(buffer); }
        ulong U64() { Take(buffer.AsSpan(0, 8)); return BinaryPrimitives.ReadUInt64LittleEndian(buffer); }

        try
        {
            var magic = new byte[Magic.Length];
            Take(magic);
            if (!magic.AsSpan().SequenceEqual(Magic)) throw Bad("not a ConflictSim state file");
            uint version = U32();
            if (version != Version) throw Bad($"state file version {version}; this build reads version {Version}");
            if (U64() != Shape(scenario)) throw Bad($"the state was saved from another scenario (or another version of '{scenario.Spec.Id}')");
            uint count = U32();
            if (count != state.Fields.Count) throw Bad($"{count} fields; expected {state.Fields.Count}");
            var fields = state.Fields;
            for (int i = 0; i < fields.Count; i++)
            {
                var field = fields[i];
                int length = U16();
                var name = new byte[length];
                Take(name);
                string read = Encoding.UTF8.GetString(name);
                if (read != field.Name) throw Bad($"field {i} is '{read}'; expected '{field.Name}'");
                if (U16() != field.ElementSize) throw Bad($"field '{field.Name}' has another element size");
                uint used = U32();
                if (used > field.Capacity) throw Bad($"field '{field.Name}' holds {used} elements; at most {field.Capacity} fit");
                // The clock (field 0) was read first, so a pool's expected length is known by the time it comes.
                var target = field.Bytes(state);
                if (used * (long)field.ElementSize != target.Length) throw Bad($"field '{field.Name}' holds {used} elements; its counts say {target.Length / field.ElementSize}");
                Take(target);
                if (i == 0 && state.CountsProblem() is { } problem) throw Bad(problem);
            }
            ulong expected = hash.Value;
            stream.ReadExactly(buffer.AsSpan(0, 8));
            if (BinaryPrimitives.ReadUInt64LittleEndian(buffer) != expected) throw Bad("checksum mismatch: the file is damaged");
        }
        catch (EndOfStreamException)
        {
            throw Bad("the file ends early");
        }
    }

    private static InvalidDataException Bad(string message) => new("state file: " + message);

    private struct Fnv()
    {
        public ulong Value = 14695981039346656037UL;
        public void Add(ReadOnlySpan<byte> bytes)
        {
            foreach (byte b in bytes) { Value ^= b; Value *= 1099511628211UL; }
        }
    }
}
