namespace Chtctl.Services.UpgradeService;

/// <summary><c>registry/path/repository:tag</c>, split at the last '/' and the tag's ':' (no digests: CHT tags are versions).</summary>
internal sealed record ImageReference(string Registry, string Repository, string Tag)
{
    public static ImageReference? TryParse(string text)
    {
        var slash = text.LastIndexOf('/');
        if (slash <= 0)
            return null;
        var nameAndTag = text[(slash + 1)..];
        var colon = nameAndTag.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0 || colon == nameAndTag.Length - 1 || text.Contains('@', StringComparison.Ordinal))
            return null;
        return new ImageReference(text[..slash], nameAndTag[..colon], nameAndTag[(colon + 1)..]);
    }

    public override string ToString() => $"{Registry}/{Repository}:{Tag}";
}
