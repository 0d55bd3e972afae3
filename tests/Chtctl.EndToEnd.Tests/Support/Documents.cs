using System.Net;
using Chtctl.Testing.Engine;

namespace Chtctl.EndToEnd.Tests.Support;

/// <summary>Documents written and read through an instance's edge as the CouchDB admin, the way CHT's apps store data.</summary>
internal static class Documents
{
    public const string Note = "written through the edge";

    /// <summary>Writes a new document into the medic database and returns its id.</summary>
    public static async Task<string> WriteAsync(EngineInstance instance)
    {
        var id = $"doc-{Guid.NewGuid():N}";
        var (status, body) = await instance.PutDocumentAsync(id, new { type = "e2e", note = Note });
        Assert.True(status == HttpStatusCode.Created, $"PUT medic/{id}: {status} {body}");
        return id;
    }

    /// <summary>Reads the document back: <paramref name="expected"/> status and, when found, what was written.</summary>
    public static async Task AssertAsync(EngineInstance instance, string id, HttpStatusCode expected)
    {
        var (status, body) = await instance.GetDocumentAsync(id);
        Assert.True(status == expected, $"GET medic/{id}: {status} {body}");
        if (expected == HttpStatusCode.OK)
            Assert.Equal(Note, body.GetProperty("note").GetString());
    }
}
