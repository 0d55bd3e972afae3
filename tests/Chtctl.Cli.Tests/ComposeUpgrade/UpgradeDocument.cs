using System.Net;
using Chtctl.Testing.Engine;

namespace Chtctl.Cli.Tests.ComposeUpgrade;

/// <summary>The document the upgrade tests write before an upgrade and read after it: the data must come through.</summary>
internal static class UpgradeDocument
{
    public static readonly object Content = new { type = "person", name = "written before the upgrade" };

    public static async Task AssertStillThereAsync(EngineInstance instance, string id)
    {
        var (status, body) = await instance.GetDocumentAsync(id);
        Assert.True(status == HttpStatusCode.OK, $"GET medic/{id}: {(int)status} {body}");
    }
}
