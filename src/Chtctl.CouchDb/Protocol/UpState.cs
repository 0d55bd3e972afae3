namespace Chtctl.CouchDb.Protocol;

/// <summary>What a node's <c>GET /_up</c> answer means.</summary>
public enum UpState
{
    /// <summary>200 with <c>{"status":"ok"}</c>: the node is up and accepts requests.</summary>
    Up,

    /// <summary>401 or 403: CHT requires a valid user everywhere, so the credentials sent were refused.</summary>
    CredentialsRefused,

    /// <summary>
    /// 404 with a <c>status</c> (<c>maintenance_mode</c>, <c>nolb</c>, <c>seeding</c>): CouchDB is running but asks
    /// not to be sent traffic.
    /// </summary>
    NotServing,

    /// <summary>Anything else: an error status, or a 200 that is not CouchDB's answer.</summary>
    NotUp,
}
