using System.Text.RegularExpressions;

namespace Chtctl.Core.Import;

/// <summary>
/// Sample text the upstream files ship for the operator to replace: <c>&lt;password-value&gt;</c>,
/// <c>&lt;subdomain&gt;.dev.medicmobile.org</c>, and <c>{{cht_version}}</c> that a release step fills in.
/// </summary>
internal static partial class Placeholders
{
    /// <summary>Any value holding a placeholder; for names, hosts and versions, where '&lt;' and '{{' never belong.</summary>
    public static bool In(string value) => Angle().IsMatch(value) || Template().IsMatch(value);

    /// <summary>Only a value that is a placeholder as a whole: a real password may contain '&lt;' and '&gt;'.</summary>
    public static bool Whole(string value) => WholeAngle().IsMatch(value) || WholeTemplate().IsMatch(value);

    [GeneratedRegex(@"<[^<>\s][^<>]*>")]
    private static partial Regex Angle();

    [GeneratedRegex(@"\{\{[^{}]*\}\}")]
    private static partial Regex Template();

    [GeneratedRegex(@"^\s*<[^<>]+>\s*\z")]
    private static partial Regex WholeAngle();

    [GeneratedRegex(@"^\s*\{\{[^{}]*\}\}\s*\z")]
    private static partial Regex WholeTemplate();
}
