using Chtctl.Core.Secrets;

namespace Chtctl.Compose.Tests.Support;

/// <summary>Secret values that look real and are easy to search for in rendered output.</summary>
internal static class TestSecrets
{
    public static InstanceSecrets Distinct { get; } = new(
        CouchDbPassword: "Pw4testXq7Rz2Lm9Kd3Vb8Nc5Hs1Jt6Y",
        CouchDbSecret: "5ec2e7a1b3c4d5e6f708192a3b4c5d6e",
        CouchDbUuid: "0a1b2c3d4e5f60718293a4b5c6d7e8f9",
        ErlangCookie: "Ck9testWf2Gh7Jk4Lp1Qr8St5Uv3Wx6Z");
}
