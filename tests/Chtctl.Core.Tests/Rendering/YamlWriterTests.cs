using Chtctl.Core.Rendering.Yaml;
using YamlDotNet.RepresentationModel;

namespace Chtctl.Core.Tests.Rendering;

/// <summary>Whatever a string holds, a YAML parser reads back exactly that string.</summary>
public sealed class YamlWriterTests
{
    public static TheoryData<string> Awkward => new()
    {
        "plain", "4.22.0", "true", "no", "null", "~", "80:80", "", " leading space", "trailing space ", "# comment",
        "key: value", "- item", "{}", "[a]", "'quoted'", "\"double\"", "back\\slash", "tab\there", "ends with colon:",
        "one line\n", "two\nlines", "two\nlines\n", "kept\n\n", "blank\n\nline\n", "  indented first\nline\n", "\nstarts blank",
        "later lines\n  are indented\n\ttabbed\n", "#!/bin/sh\necho ok\n", "crlf\r\nline", "unicode é ü 日本\n",
    };

    [Theory]
    [MemberData(nameof(Awkward))]
    public void A_string_reads_back_unchanged(string value)
    {
        var yaml = YamlWriter.Write(new YamlMap().Add("value", value));

        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        var root = (YamlMappingNode)stream.Documents[0].RootNode;

        Assert.Equal(value, ((YamlScalarNode)root.Children[new YamlScalarNode("value")]).Value);
    }

    [Fact]
    public void Multi_line_text_is_written_as_a_literal_block()
    {
        var yaml = YamlWriter.Write(new YamlMap().Add("cfg", "global\n    maxconn 10\n"));
        Assert.Equal("cfg: |\n  global\n      maxconn 10\n", yaml);
    }
}
