using System.Text.Json;
using Chtctl.Core.Schema;
using Chtctl.Testing;

namespace Chtctl.Core.Tests.Schema;

/// <summary>The schema and key reference shipped in the repository are exactly what the model generates.</summary>
public sealed class ShippedSchemaTests
{
    public static TheoryData<string> Shipped => new() { "schema/instance.schema.json", "docs/instance-file.md" };

    [Theory]
    [MemberData(nameof(Shipped))]
    public void Shipped_file_matches_the_model(string relativePath)
    {
        var generated = relativePath.EndsWith(".json", StringComparison.Ordinal) ? InstanceSchema.Generate() : InstanceReference.Generate();
        Snapshots.AssertFile(Path.Combine(Repository.Root, relativePath), generated,
            $"{relativePath} is missing; run the tests with CHTCTL_UPDATE_SNAPSHOTS=1 to write it");
    }

    [Fact]
    public void Schema_describes_every_top_level_key_and_forbids_others()
    {
        using var schema = JsonDocument.Parse(InstanceSchema.Generate());
        var root = schema.RootElement;

        Assert.Equal("https://json-schema.org/draft/2020-12/schema", root.GetProperty("$schema").GetString());
        Assert.False(root.GetProperty("additionalProperties").GetBoolean());
        Assert.Equal(["apiVersion", "name"], root.GetProperty("required").EnumerateArray().Select(e => e.GetString()));
        var keys = root.GetProperty("properties").EnumerateObject().Select(p => p.Name).ToArray();
        Assert.Equal(["apiVersion", "name", "target", "cht", "couchdb", "tls", "compose", "kubernetes", "images", "resources"], keys);
        foreach (var property in root.GetProperty("properties").EnumerateObject())
            Assert.True(property.Value.TryGetProperty("description", out _), $"{property.Name} has no description");
    }

    [Fact]
    public void Schema_carries_enums_ranges_and_defaults_from_the_model()
    {
        using var schema = JsonDocument.Parse(InstanceSchema.Generate());
        var couchdb = schema.RootElement.GetProperty("properties").GetProperty("couchdb").GetProperty("properties");
        var tls = schema.RootElement.GetProperty("properties").GetProperty("tls").GetProperty("properties");

        Assert.Equal(1, couchdb.GetProperty("nodes").GetProperty("minimum").GetInt32());
        Assert.Equal(1, couchdb.GetProperty("nodes").GetProperty("default").GetInt32());
        Assert.Equal("medic", couchdb.GetProperty("user").GetProperty("default").GetString());
        Assert.Equal(["self-signed", "files", "acme", "ingress"], tls.GetProperty("mode").GetProperty("enum").EnumerateArray().Select(e => e.GetString()));
    }
}
