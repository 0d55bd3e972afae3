namespace Chtctl.Cli.Instances;

/// <summary>Durations on the command line: <c>90s</c>, <c>10m</c>, <c>1h</c>, or plain seconds.</summary>
internal static class Durations
{
    public static System.CommandLine.Option<TimeSpan> Option(string name, TimeSpan defaultValue, string description) => new(name)
    {
        Description = description,
        DefaultValueFactory = _ => defaultValue,
        HelpName = "DURATION",
        CustomParser = result =>
        {
            var text = result.Tokens.Count > 0 ? result.Tokens[0].Value : "";
            if (TryParse(text, out var value))
                return value;
            result.AddError($"{name} must be a duration such as 90s, 10m or 1h, not '{text}'");
            return defaultValue;
        },
    };

    public static bool TryParse(string text, out TimeSpan value)
    {
        value = default;
        if (text.Length == 0)
            return false;
        var unit = char.IsDigit(text[^1]) ? 's' : text[^1];
        var digits = char.IsDigit(text[^1]) ? text : text[..^1];
        if (!int.TryParse(digits, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n) || n <= 0)
            return false;
        value = unit switch { 's' => TimeSpan.FromSeconds(n), 'm' => TimeSpan.FromMinutes(n), 'h' => TimeSpan.FromHours(n), _ => TimeSpan.Zero };
        return value > TimeSpan.Zero;
    }
}
