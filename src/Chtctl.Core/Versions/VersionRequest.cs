namespace Chtctl.Core.Versions;

/// <summary>What the instance file asks for in <c>cht.version</c>: an exact release, a release line or the newest release.</summary>
public abstract record VersionRequest
{
    public sealed record Exact(ChtVersion Version) : VersionRequest
    {
        public override string ToString() => Version.ToString();
    }

    public sealed record Line(int Major) : VersionRequest
    {
        public override string ToString() => $"{Major}.x";
    }

    public sealed record Latest : VersionRequest
    {
        public override string ToString() => "latest";
    }

    public const string Expected = "an exact version such as 4.22.0, a release line such as 4.x or 5.x, or latest";

    public static bool TryParse(string text, out VersionRequest request)
    {
        request = new Latest();
        if (text == "latest")
            return true;
        if (text.EndsWith(".x", StringComparison.Ordinal) && int.TryParse(text[..^2], out var major) && major > 0)
        {
            request = new Line(major);
            return true;
        }

        if (ChtVersion.TryParse(text, out var exact))
        {
            request = new Exact(exact);
            return true;
        }

        return false;
    }
}
