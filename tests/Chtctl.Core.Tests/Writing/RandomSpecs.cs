using System.Reflection;
using System.Text;
using Chtctl.Core.Parsing;
using Chtctl.Core.Spec;

namespace Chtctl.Core.Tests.Writing;

/// <summary>
/// Builds arbitrary specs by walking the model, so every key the model gains is exercised without editing
/// this file. Values include text that YAML would misread if written carelessly. Seeded: failures repeat.
/// </summary>
internal sealed class RandomSpecs(int seed)
{
    private static readonly NullabilityInfoContext Nullability = new();

    /// <summary>Text that looks like another YAML type, carries YAML syntax, or needs escaping.</summary>
    public static readonly string[] TrickyText =
    [
        "", " ", "a", "clinic-a", "4.22.0", "4.x", "latest", "true", "False", "null", "~", "yes", "No", "on", "y",
        "0x1F", "0o17", "017", "1e3", "12", "-1", "+3", "1_000", ".inf", "-.Inf", ".NaN", "1:20", "2024-01-01", "2024-1-1 10:00",
        "a: b", "a:b", "key:", "a #b", "a#b", "#c", "- x", "-x", "-", "?", "? x", ":", "x ", " x", "a  b",
        "quote\"s", "back\\slash", "new\nline", "tab\there", "cr\rlf", "ünïcödé", "emoji 😀", "日本語",
        "[list]", "{map}", "&anchor", "*alias", "!tag", "|", ">", "%", "@at", "`tick", "'single'", "\"double\"", "a,b", ",",
        "public.ecr.aws/medic", "https://staging.dev.medicmobile.org/_couch/builds_4", "arn:aws:iam::720541322708:server-certificate/x",
        "alb.ingress.kubernetes.io/group.name", "Environment=dev,Team=QA", "/var/lib/couchdb1", "./srv", "C:\\data",
        "\u0085", "\u2028", "\u00a0nbsp", "nul\0", "del\u007f", "\uFEFFbom", "<your-namespace>", "{{cht_version}}", "=", "<<",
    ];

    private readonly Random _random = new(seed);

    public InstanceSpec Next() => (InstanceSpec)Record(typeof(InstanceSpec));

    private object Record(Type type)
    {
        var record = Activator.CreateInstance(type)!;
        foreach (var property in SpecNaming.KeysOf(type))
        {
            // Leave about a third of the keys at their default, so "only what differs" is exercised too.
            if (_random.Next(3) == 0)
                continue;
            property.SetValue(record, Value(property.PropertyType, Nullability.Create(property).WriteState == NullabilityState.Nullable));
        }

        return record;
    }

    private object? Value(Type type, bool nullable)
    {
        if (Nullable.GetUnderlyingType(type) is { } underlying)
        {
            type = underlying;
            nullable = true;
        }

        if (nullable && _random.Next(4) == 0)
            return null;
        if (type == typeof(string))
            return Text();
        if (type == typeof(int))
            return _random.Next(-5, 70000);
        if (type == typeof(bool))
            return _random.Next(2) == 0;
        if (type.IsEnum)
        {
            var values = Enum.GetValues(type);
            return values.GetValue(_random.Next(values.Length));
        }

        if (type == typeof(IReadOnlyList<string>))
            return Enumerable.Range(0, _random.Next(4)).Select(_ => Text()).ToList();
        if (type == typeof(IReadOnlyDictionary<string, string>))
        {
            // A plain Dictionary keeps insertion order: the writer must sort on its own to stay deterministic.
            var map = new Dictionary<string, string>(StringComparer.Ordinal);
            for (var i = _random.Next(4); i > 0; i--)
                map[Text()] = Text();
            return map;
        }

        if (SpecNaming.IsRecord(type))
            return Record(type);
        throw new NotSupportedException($"no generator for {type}");
    }

    private string Text()
    {
        if (_random.Next(3) > 0)
            return TrickyText[_random.Next(TrickyText.Length)];
        const string alphabet = "abcXYZ019 -_.:/#'\"\\@%&*!?|>{}[],=~`\t\n";
        var text = new StringBuilder();
        for (var i = _random.Next(1, 12); i > 0; i--)
            text.Append(alphabet[_random.Next(alphabet.Length)]);
        return text.ToString();
    }
}
