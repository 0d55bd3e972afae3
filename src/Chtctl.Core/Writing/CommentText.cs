namespace Chtctl.Core.Writing;

/// <summary>Wraps a key's documentation into comment lines that fit a normal terminal.</summary>
internal static class CommentText
{
    private const int Width = 100;

    public static IEnumerable<string> Lines(string text, int indent)
    {
        var prefix = new string(' ', indent) + "# ";
        var room = Math.Max(40, Width - prefix.Length);
        var line = new System.Text.StringBuilder();
        foreach (var word in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (line.Length > 0 && line.Length + 1 + word.Length > room)
            {
                yield return prefix + line;
                line.Clear();
            }

            if (line.Length > 0)
                line.Append(' ');
            line.Append(word);
        }

        if (line.Length > 0)
            yield return prefix + line;
    }
}
