using System.Net;
using System.Net.Sockets;

namespace Chtctl.Compose.Tests.Support;

internal static class FreePort
{
    /// <summary>A loopback port the OS just reported free (released before the peer binds it).</summary>
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
