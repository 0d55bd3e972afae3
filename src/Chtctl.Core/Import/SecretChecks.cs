using System.Text.RegularExpressions;
using Chtctl.Core.Parsing;

namespace Chtctl.Core.Import;

/// <summary>One imported secret value and where it was written.</summary>
internal sealed record SecretValue(string SourcePath, string Value, SourceLocation Location);

/// <summary>Checks on imported credentials that apply whatever file they came from.</summary>
internal static partial class SecretChecks
{
    /// <summary>Values published in medic/cht-chart-4x's values.yaml: anyone can read them.</summary>
    private static readonly Dictionary<string, string> PublishedSamples = new(StringComparer.OrdinalIgnoreCase)
    {
        ["f9053a0a-ef77-4be3-994d-87d6732600fd"] = "the sample couchdb.secret",
        ["7300115e-1a98-4607-a37c-50e0c9913767"] = "the sample couchdb.uuid",
    };

    public static void CheckPublished(SecretValue value, ImportContext context)
    {
        if (!PublishedSamples.TryGetValue(value.Value.Trim(), out var which))
            return;
        context.Warning(value.SourcePath, value.Location,
            $"this is {which} published in medic/cht-chart-4x's values.yaml, so it is public",
            "keep it for now if the instance already runs with it: CouchDB stored it in local.d, and changing it ends every "
            + "session (secret) or changes the server's identity (uuid). Rotate it only as a planned change, in CouchDB and chtctl's secrets together");
    }

    /// <summary>CHT builds COUCH_URL without encoding on Docker (and Helm's urlquery turns a space into '+'), so other characters can break the URL.</summary>
    public static void CheckPassword(SecretValue password, ImportContext context)
    {
        if (!UrlSafe().IsMatch(password.Value))
            context.Warning(password.SourcePath, password.Location,
                "the password holds characters that are not URL-safe; CHT puts it into COUCH_URL unencoded and such passwords have broken api and sentinel",
                "chtctl keeps it as it is; consider changing it to letters and digits (see the CHT docs on changing the medic password)");
    }

    [GeneratedRegex(@"^[A-Za-z0-9._~-]+\z")]
    private static partial Regex UrlSafe();
}
