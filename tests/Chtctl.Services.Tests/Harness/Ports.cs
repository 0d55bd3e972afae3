using System.Net;
using System.Net.Sockets;

namespace Chtctl.Services.Tests.Harness;

internal static class FreePort
{
    /// <summary>A loopback port free at the time of asking.</summary>
    public static int Next()
    {
        using var socket = new TcpListener(IPAddress.Loopback, 0);
        socket.Start();
        return ((IPEndPoint)socket.LocalEndpoint).Port;
    }
}
