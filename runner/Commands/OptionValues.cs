using System.CommandLine.Parsing;
using System.Globalization;

namespace ConflictSim.Cli.Commands;

/// <summary>
/// Option values every command parses the same way, each with one error line naming the option, the range
/// expected and the token given.
/// </summary>
internal static class OptionValues
{
    public static int? Whole(ArgumentResult result, string name, int min, int max)
    {
        string token = Token(result);
        if (int.TryParse(token, NumberStyles.None, CultureInfo.InvariantCulture, out int v) && v >= min && v <= max) return v;
        result.AddError($"{name} must be a whole number from {min} to {max}, not '{token}'");
        return null;
    }

    public static double? Number(ArgumentResult result, string name, double min, double max)
    {
        string token = Token(result);
        if (double.TryParse(token, NumberStyles.Float, CultureInfo.InvariantCulture, out double v) && v >= min && v <= max) return v;
        result.AddError($"{name} must be a number from {min.ToString(CultureInfo.InvariantCulture)} to {max.ToString(CultureInfo.InvariantCulture)}, not '{token}'");
        return null;
    }

    public static ulong? Seed(ArgumentResult result)
    {
        string token = Token(result);
        if (ulong.TryParse(token, NumberStyles.None, CultureInfo.InvariantCulture, out ulong seed)) return seed;
        result.AddError($"--seed must be a whole number from 0 to {ulong.MaxValue}, not '{token}'");
        return null;
    }

    public static double? Fraction(ArgumentResult result, string name)
    {
        string token = Token(result);
        if (double.TryParse(token, NumberStyles.Float, CultureInfo.InvariantCulture, out double v) && v >= 0 && v <= 1) return v;
        result.AddError($"{name} must be a number from 0 to 1, not '{token}'");
        return null;
    }

    public static string Token(ArgumentResult result) => result.Tokens.Count > 0 ? result.Tokens[0].Value : "";
}
