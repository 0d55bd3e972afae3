using System.Globalization;
using Chtctl.Core.Parsing;

namespace Chtctl.Core.Import.Helm;

/// <summary>Typed reads of values, reporting placeholders, wrong types and quoted booleans at the key.</summary>
internal sealed class HelmReader(HelmValues values, ImportContext context, HelmChart chart)
{
    public HelmValues Values => values;

    public ImportContext Context => context;

    public HelmChart Chart => chart;

    public SourceLocation Locate(string path) => values.Locate(path);

    public bool Has(string path) => values.Contains(path);

    /// <summary>Text of a key; null when absent, null in YAML, not a single value, or a placeholder (reported as an error).</summary>
    public string? Text(string path, string? placeholderHint = null)
    {
        if (Scalar(path) is not { } entry || entry.Text is not { } text)
            return null;
        if (Placeholders.In(text))
        {
            context.Error(path, entry.Location, $"placeholder left in: '{text}'", placeholderHint ?? "replace it with the value the instance runs with");
            return null;
        }

        return text;
    }

    /// <summary>Like <see cref="Text"/>, but only a whole-value placeholder counts: secrets may hold '&lt;' and '&gt;'.</summary>
    public SecretValue? Secret(string path, string placeholderHint)
    {
        if (Scalar(path) is not { } entry || entry.Text is not { } text)
            return null;
        if (Placeholders.Whole(text))
        {
            context.Error(path, entry.Location, $"placeholder left in: '{text}'", placeholderHint);
            return null;
        }

        return new SecretValue(path, text, entry.Location);
    }

    /// <summary>
    /// A true/false key. Helm's YAML reader takes yes/no/on/off as booleans too. Quoted "true"/"false" is text to
    /// Helm, and cht-chart-4x tested some flags for truth (any non-empty text is true) and others by comparing the
    /// text with "false"; chtctl reads the text, and says so, because upstream may have behaved otherwise.
    /// </summary>
    public bool? Flag(string path, string whatTruthMeant)
    {
        if (Scalar(path) is not { } entry || entry.Text is not { } text)
            return null;
        bool? value = text.ToLowerInvariant() switch
        {
            "true" or "yes" or "on" => true,
            "false" or "no" or "off" => false,
            _ => null,
        };
        if (value is null)
        {
            context.Error(path, entry.Location, $"expected true or false, found '{text}'");
            return null;
        }

        if (entry.IsQuoted && value == false)
            context.Warning(path, entry.Location,
                $"quoted boolean '{text}': chtctl reads it as false. Helm sees text, and templates that test it for truth "
                + $"(`if .Values.{path}`) treat any non-empty text as true, so upstream may have {whatTruthMeant}",
                "check what runs in the namespace before applying; write false without quotes");
        else if (entry.IsQuoted)
            context.Info(path, entry.Location, $"quoted boolean '{text}': read as true, as upstream's templates did (any non-empty text is true to them)",
                "write true without quotes");
        return value;
    }

    public int? Number(string path)
    {
        if (Scalar(path) is not { } entry || entry.Text is not { } text)
            return null;
        if (int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var number))
            return number;
        context.Error(path, entry.Location, $"expected a whole number, found '{text}'");
        return null;
    }

    /// <summary>Marks a key read and reports it as one chtctl does not use, with why.</summary>
    public void Ignore(string path, string why, string? hint = null)
    {
        if (!values.Contains(path))
            return;
        values.ReadAll(path);
        context.Warning(path, values.Locate(path), $"ignored: {why}", hint);
    }

    /// <summary>Marks a key read and notes, without asking for action, why it changes nothing.</summary>
    public void NotUsed(string path, string why)
    {
        if (!values.Contains(path))
            return;
        values.ReadAll(path);
        context.Info(path, values.Locate(path), $"not used: {why}");
    }

    private HelmEntry? Scalar(string path)
    {
        if (values.Read(path) is not { } entry)
            return null;
        if (entry.Value is not YamlDotNet.RepresentationModel.YamlScalarNode)
        {
            context.Error(path, entry.Location, $"expected a single value, found {(entry.IsMapping ? "a mapping" : "a list")}");
            values.ReadAll(path);
            return null;
        }

        return entry;
    }
}
