using Chtctl.Core.Spec;

namespace Chtctl.Core.Import.Helm;

internal sealed record HelmCouchDbReading(CouchDbSpec CouchDb, bool Clustered);

/// <summary>CouchDB's user and node count. cht-chart-4x spells the switch clusteredCouch_enabled, the in-repo chart clusteredCouchEnabled.</summary>
internal static class HelmCouchDb
{
    private const string Flag4x = "couchdb.clusteredCouch_enabled";
    private const string FlagInRepo = "couchdb.clusteredCouchEnabled";
    private const string NodeCount = "clusteredCouch.noOfCouchDBNodes";

    /// <summary>The chart's default node count for a cluster.</summary>
    private const int ChartDefaultNodes = 3;

    public static HelmCouchDbReading Read(HelmReader reader)
    {
        var context = reader.Context;
        var couchdb = new CouchDbSpec();
        if (reader.Text("couchdb.user", "the CouchDB admin user the instance runs with (medic by default)") is { } user)
        {
            couchdb = couchdb with { User = user };
            context.Origin("couchdb.user", "couchdb.user", reader.Locate("couchdb.user"));
        }

        var (flagKey, otherKey) = reader.Chart == HelmChart.InRepo ? (FlagInRepo, Flag4x) : (Flag4x, FlagInRepo);
        if (!reader.Has(flagKey) && reader.Has(otherKey))
            (flagKey, otherKey) = (otherKey, flagKey);
        var clustered = reader.Flag(flagKey, "rendered both the single-node and the clustered CouchDB objects") ?? false;
        reader.Ignore(otherKey, $"{flagKey} is the switch of {reader.Chart.Describe()}");

        if (clustered)
        {
            var nodes = reader.Number(NodeCount) ?? ChartDefaultNodes;
            var source = reader.Has(NodeCount) ? NodeCount : flagKey;
            couchdb = couchdb with { Nodes = nodes };
            context.Origin("couchdb.nodes", source, reader.Locate(source));
        }
        else
        {
            reader.NotUsed(NodeCount, $"{flagKey} is false, so CouchDB runs as a single node");
        }

        if (reader.Text("couchdb.db_name") is { } database && database != "medic")
            context.Warning("couchdb.db_name", reader.Locate("couchdb.db_name"),
                $"ignored: chtctl runs CHT on its standard database 'medic', not '{database}'",
                "this setting was meant for upstream's CI; data in another database is not served");
        return new HelmCouchDbReading(couchdb, clustered);
    }
}
