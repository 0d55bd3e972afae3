using Chtctl.Core.Rendering.Yaml;
using YamlDotNet.RepresentationModel;

namespace Chtctl.Compose.Tests.Rendering;

public sealed class YamlWriterTests
{
    [Theory]
    [InlineData("80:80")]
    [InlineData("yes")]
    [InlineData("off")]
    [InlineData("null")]
    [InlineData("5984")]
    [InlineData("0x1F")]
    [InlineData("1e3")]
    [InlineData("-W")]
    [InlineData("a: b")]
    [InlineData("# not a comment")]
    [InlineData("ends with colon:")]
    [InlineData("quote \" and backslash \\ and\nnewline")]
    [InlineData("${COUCHDB_PASSWORD:?missing}")]
    [InlineData("")]
    public void Strings_a_yaml_parser_could_misread_are_written_so_they_read_back_as_the_same_string(string value)
    {
        var text = YamlWriter.Write(new YamlMap().Add("key", value));

        var yaml = new YamlStream();
        yaml.Load(new StringReader(text));
        var node = (YamlScalarNode)((YamlMappingNode)yaml.Documents[0].RootNode)["key"];
        Assert.Equal(value, node.Value);
        Assert.NotEqual(YamlDotNet.Core.ScalarStyle.Plain, node.Style);
    }

    [Theory]
    [InlineData("medic")]
    [InlineData("public.ecr.aws/medic/cht-api:4.22.0")]
    [InlineData("/srv/chtctl/a/data:/opt/couchdb/data:ro")]
    [InlineData("http://upgrade-service:5008")]
    public void Ordinary_words_paths_and_urls_stay_plain(string value) =>
        Assert.Equal($"key: {value}\n", YamlWriter.Write(new YamlMap().Add("key", value)));

    [Fact]
    public void Nested_maps_and_sequences_are_written_in_block_style()
    {
        var root = new YamlMap()
            .Add("services", new YamlMap().Add("api", new YamlMap()
                .Add("init", true)
                .Add("expose", new YamlSeq(["5988"]))
                .Add("networks", new YamlMap().Add("net", new YamlMap()))));

        Assert.Equal("services:\n  api:\n    init: true\n    expose:\n      - \"5988\"\n    networks:\n      net: {}\n", YamlWriter.Write(root));
    }
}
