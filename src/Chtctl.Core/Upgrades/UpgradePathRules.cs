using Chtctl.Core.Versions;

namespace Chtctl.Core.Upgrades;

/// <summary>
/// Which CHT version changes chtctl performs, and what to do for the ones it does not. Pure: the caller
/// supplies the running version (from the instance's history or api) and the requested one.
/// </summary>
/// <remarks>
/// Sources for the rules:
/// <list type="bullet">
/// <item>4.0–4.4 must pass through 4.5 before 5.x: "Preparing to upgrade to CHT 5.0",
/// https://docs.communityhealthtoolkit.org/hosting/cht/migration/preparing-for-5/ (as summarised in
/// shared/reference/operators.md §1 "Also noted"). 4.5.0 is also where Medic's CouchDB image moved from 2.3.1 to
/// 3.3.2, and api refuses a CouchDB older than 3.3 (cht-hosting.md §1, <c>MIN_COUCHDB_VERSION</c>).</item>
/// <item>3.x → 4.x is a data migration, not an upgrade: "Docker 3.x to 4.x — migrate data from 3.x to 4.x",
/// https://docs.communityhealthtoolkit.org/hosting/cht/migration/ , done with medic/couchdb-migration
/// (cht-hosting.md §16.8, operators.md §4.1).</item>
/// <item>Downgrades are refused unless forced: an instance silently downgraded by a stale Helm chart is the
/// recurring problem preparing-for-5 describes (operators.md §1.4). CouchDB data and ddocs written by the newer
/// release may not suit the older one.</item>
/// <item>One major version at a time: each major's migration notes assume the previous major's latest release.
/// This is chtctl's conservative choice (no upstream release skips a major yet).</item>
/// </list>
/// </remarks>
public static class UpgradePathRules
{
    /// <summary>The first release every 4.x instance must reach before a 5.x upgrade.</summary>
    public static readonly ChtVersion Required4xFor5 = new(4, 5, 0);

    public const string MigrationGuide = "https://docs.communityhealthtoolkit.org/hosting/cht/migration/";
    public const string Preparing5Guide = "https://docs.communityhealthtoolkit.org/hosting/cht/migration/preparing-for-5/";

    public static UpgradePath Decide(ChtVersion running, ChtVersion requested, bool allowDowngrade = false)
    {
        if (requested == running)
            return new(running, requested, UpgradeVerdict.SameVersion, $"CHT {running} is already running", "nothing to do");

        if (requested.Major < 4)
            return Refuse(running, requested,
                $"CHT {requested} is a 3.x release; chtctl hosts CHT 4.x and 5.x",
                "choose a 4.x or 5.x release");

        if (requested < running)
        {
            return allowDowngrade
                ? new(running, requested, UpgradeVerdict.Downgrade,
                    $"downgrade from {running} to {requested}, allowed by the caller",
                    "restore a backup taken on the older version if the older release cannot read the data")
                : Refuse(running, requested,
                    $"{requested} is older than the running {running}: downgrades are refused because data and design documents written by {running} may not suit {requested}",
                    $"to go back on purpose use 'chtctl upgrade --to {requested} --allow-downgrade' (or 'chtctl rollback' right after a failed upgrade)");
        }

        if (running.Major < 4)
            return Refuse(running, requested,
                $"{running} → {requested} is a 3.x → 4.x migration, not an upgrade: the data has to be moved into a new 4.x CouchDB",
                $"follow the 3.x to 4.x migration guide with medic/couchdb-migration ({MigrationGuide})");

        if (requested.Major > running.Major + 1)
        {
            var via = new ChtVersion(running.Major + 1, 0, 0);
            return Refuse(running, requested,
                $"{running} → {requested} skips major version {running.Major + 1}",
                $"upgrade to the latest {running.Major + 1}.x release first, then to {requested}", via);
        }

        if (running.Major == 4 && requested.Major == 5 && running < Required4xFor5)
            return Refuse(running, requested,
                $"{running} → {requested}: CHT 4.0–4.4 must pass through 4.5 before 5.x",
                $"upgrade to the latest 4.x release (at least {Required4xFor5}) first, then to {requested}; see {Preparing5Guide}",
                Required4xFor5);

        return new(running, requested, UpgradeVerdict.Upgrade, $"upgrade from {running} to {requested}", "go ahead");
    }

    private static UpgradePath Refuse(ChtVersion running, ChtVersion requested, string reason, string advice, ChtVersion? via = null) =>
        new(running, requested, UpgradeVerdict.Refused, reason, advice, via);
}
