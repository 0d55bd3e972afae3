namespace Chtctl.Compose.Rendering;

/// <summary>
/// Compose interpolates <c>$</c> in every value of the file. Plain text is escaped so it reaches the
/// container unchanged; secrets are references to <c>.env</c> that fail loudly when missing instead of
/// starting CouchDB with an empty password.
/// </summary>
internal static class Interpolation
{
    public static string Literal(string text) => text.Replace("$", "$$", StringComparison.Ordinal);

    public static string Required(string variable) => $"${{{variable}:?{variable} is missing from .env}}";
}
