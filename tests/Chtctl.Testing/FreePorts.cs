using System.Net;
using System.Net.Sockets;

namespace Chtctl.Testing;

/// <summary>
/// Free TCP ports for tests, in the two ways a test needs one.
/// <para>
/// <see cref="Publishable"/>: for a port that something other than this test binds a while later: nginx published by
/// Docker, or a peer process (nginx, haproxy) started with the port in its config. Taken below the kernel's ephemeral
/// range (32768–60999): a port the OS hands out for port 0 can be reused a moment later as the source port of some
/// outgoing connection, and the later bind (Docker's on 0.0.0.0 in particular) then fails with "address already in
/// use". Each port is checked free on every address and never handed out twice in one test process.
/// </para>
/// <para>
/// <see cref="Loopback"/>: the OS's own choice for port 0 on 127.0.0.1, for a listener this test process binds at once,
/// or for a port where nothing should answer. The window between releasing it and binding it is too short to matter.
/// </para>
/// </summary>
public static class FreePorts
{
    private const int PublishableLow = 20000;
    private const int PublishableHigh = 32000;

    private static readonly HashSet<int> Given = [];

    /// <summary>A port below the ephemeral range, free on every address, for Docker or a peer process to bind later.</summary>
    public static int Publishable()
    {
        lock (Given)
        {
            for (var attempt = 0; attempt < 500; attempt++)
            {
                var port = Random.Shared.Next(PublishableLow, PublishableHigh);
                if (!Given.Contains(port) && IsFreeOnEveryAddress(port))
                {
                    Given.Add(port);
                    return port;
                }
            }
        }

        throw new InvalidOperationException($"no free port between {PublishableLow} and {PublishableHigh}");
    }

    /// <summary>A loopback port the OS just reported free, for a listener in this process (released before it binds).</summary>
    public static int Loopback()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static bool IsFreeOnEveryAddress(int port)
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
