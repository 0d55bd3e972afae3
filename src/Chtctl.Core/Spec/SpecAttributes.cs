namespace Chtctl.Core.Spec;

/// <summary>The key (or enum value) as written in the instance file, when it is not the camelCase of the C# name.</summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
public sealed class YamlNameAttribute(string name) : Attribute
{
    public string Name { get; } = name;
}

/// <summary>What a key means, for the JSON Schema, the generated reference and error hints.</summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Class)]
public sealed class DocAttribute(string text) : Attribute
{
    public string Text { get; } = text;

    /// <summary>A value shown in docs and schema examples.</summary>
    public string? Example { get; init; }
}

/// <summary>An inclusive integer range, checked by validation and written to the schema.</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class IntRangeAttribute(int min, int max) : Attribute
{
    public int Min { get; } = min;
    public int Max { get; } = max;
}

/// <summary>A regular expression the whole value must match, checked by validation and written to the schema.</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class PatternAttribute(string regex, string expected) : Attribute
{
    public string Regex { get; } = regex;

    /// <summary>What a human should read when the value does not match.</summary>
    public string Expected { get; } = expected;
}

/// <summary>The key must be present in the file.</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class RequiredKeyAttribute : Attribute;
