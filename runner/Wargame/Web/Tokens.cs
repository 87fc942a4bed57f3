using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using ConflictSim.Wargame.Game;

namespace ConflictSim.Wargame.Web;

/// <summary>
/// The join tokens: one random secret per cell and one for White, 256 bits each from the OS's cryptographic
/// generator, written URL-safe. Kept in the session directory (readable by its owner only) so the links still work
/// after a resume. A token is compared in constant time.
/// </summary>
public sealed class Tokens
{
    private readonly Dictionary<string, string> _byRole;

    private Tokens(Dictionary<string, string> byRole) => _byRole = byRole;

    /// <summary>The token of each role ("white" and each cell id).</summary>
    public IReadOnlyDictionary<string, string> ByRole => _byRole;

    /// <summary>Fresh tokens for White and the cells.</summary>
    public static Tokens Create(IEnumerable<Cell> cells)
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal) { [Role.WhiteId] = New() };
        foreach (var c in cells) map[c.Id] = New();
        return new Tokens(map);
    }

    private static string New() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    /// <summary>The role a presented token belongs to, or null.</summary>
    public Role? RoleOf(string? token)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 100) return null;
        var presented = Encoding.ASCII.GetBytes(token);
        Role? found = null;
        foreach (var (role, secret) in _byRole)
            if (CryptographicOperations.FixedTimeEquals(presented, Encoding.ASCII.GetBytes(secret))) found = new Role(role);
        return found;
    }

    /// <summary>Writes the tokens to <paramref name="path"/>, readable and writable by the owner only.</summary>
    public void Save(string path)
    {
        // Created owner-only, not narrowed afterwards: written first and chmod-ed second, the secrets would be readable
        // by anyone on the machine for a moment.
        string tmp = $"{path}.{Environment.ProcessId}-{Convert.ToHexString(RandomNumberGenerator.GetBytes(6))}.tmp";
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows()) options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        using (var file = new FileStream(tmp, options))
        {
            file.Write(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(_byRole)));
            file.Flush(flushToDisk: true);
        }
        File.Move(tmp, path, overwrite: true);
    }

    /// <summary>Reads tokens written by <see cref="Save"/>.</summary>
    public static Tokens Load(string path) =>
        new(JsonSerializer.Deserialize<Dictionary<string, string>>(File.ReadAllText(path)) ?? throw new InvalidDataException($"{path}: no tokens"));
}
