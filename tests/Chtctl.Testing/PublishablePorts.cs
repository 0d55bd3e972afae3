using System.Net;
using System.Net.Sockets;

namespace Chtctl.Testing;

/// <summary>
/// Host ports for an instance's nginx to publish in tests. Taken below the kernel's ephemeral range
/// (32768–60999): a port the OS hands out for port 0 can be reused a moment later as the source port of
/// some outgoing connection, and Docker's bind on 0.0.0.0 then fails with "address already in use".
/// Each port is checked free on every address and never handed out twice in one test process.
/// </summary>
public static class PublishablePorts
{
    private static readonly HashSet<int> Given = [];

    public static int Next()
    {
        lock (Given)
        {
            for (var attempt = 0; attempt < 500; attempt++)
            {
                var port = Random.Shared.Next(20000, 32000);
                if (!Given.Contains(port) && IsFree(port))
                {
                    Given.Add(port);
                    return port;
                }
            }
        }
        throw new InvalidOperationException("no free port between 20000 and 32000");
    }

    private static bool IsFree(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Any, port);
            listener.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
