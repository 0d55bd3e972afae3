using Chtctl.Compose.Layout;
using Chtctl.Core.Spec;

namespace Chtctl.Compose.Tests.Rendering;

public sealed class InstanceHomeLayoutTests
{
    [Fact]
    public void Defaults_put_everything_under_srv_chtctl_and_the_instance_name()
    {
        var layout = InstanceHomeLayout.For(new InstanceSpec { Name = "clinic-a" });

        Assert.Equal("/srv/chtctl/clinic-a", layout.Home);
        Assert.Equal("/srv/chtctl/clinic-a/project", layout.Project);
        Assert.Equal("/srv/chtctl/clinic-a/secrets.env", layout.SecretsFile);
        Assert.Equal("/srv/chtctl/clinic-a/data", layout.DataDir);
        Assert.Equal("/srv/chtctl/clinic-a/data", layout.CouchDbData(1, clustered: false));
        Assert.Equal("/srv/chtctl/clinic-a/data/couchdb-2", layout.CouchDbData(2, clustered: true));
        Assert.Equal("/srv/chtctl/clinic-a/data/nouveau", layout.NouveauData(1, clustered: false));
    }

    [Fact]
    public void A_trailing_slash_in_the_spec_does_not_double_up_in_paths()
    {
        var layout = InstanceHomeLayout.For(new InstanceSpec { Name = "b", Compose = new ComposeSpec { Home = "/opt/b/", DataDir = "/mnt/d/" } });

        Assert.Equal("/opt/b/certs", layout.Certificates);
        Assert.Equal("/mnt/d/couchdb-1", layout.CouchDbData(1, clustered: true));
    }
}
