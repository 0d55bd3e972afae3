using System.Net.Http.Headers;
using Chtctl.Compose.Driver.Engine;
using Chtctl.Compose.Tls;
using Chtctl.Core.Topology;
using Chtctl.CouchDb.Protocol;

namespace Chtctl.Compose.Driver.Health;

/// <summary>
/// What a round of gate checks sees: the instance's containers as the engine reports them now, and HTTP
/// clients to reach them. Containers are asked on their addresses on the instance network, which the host
/// reaches directly on Linux (the network is a bridge on this host); only nginx publishes ports.
/// </summary>
public sealed class GateContext : IDisposable
{
    private readonly HttpClient _internal;
    private readonly HttpClient _edge;
    private readonly AuthenticationHeaderValue _admin;

    public GateContext(InstanceTopology topology, string user, string password, string? expectedCertificateThumbprint)
    {
        Topology = topology ?? throw new ArgumentNullException(nameof(topology));
        _admin = CouchDbBasicAuth.Header(user, password);
        ExpectedThumbprint = expectedCertificateThumbprint;
        _internal = new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromSeconds(30) }) { Timeout = TimeSpan.FromSeconds(3) };
        _edge = new HttpClient(new SocketsHttpHandler
        {
            PooledConnectionLifetime = TimeSpan.Zero,
            SslOptions =
            {
                // The edge's certificate is checked below against the one chtctl installed, not against a CA:
                // a self-signed certificate must pass, and a certificate that is not ours must not.
                RemoteCertificateValidationCallback = (_, certificate, _, _) =>
                {
                    if (certificate is not null)
                        PresentedThumbprint = EdgeCertificateMatch.Thumbprint(certificate);
                    return true;
                },
                TargetHost = topology.Spec.Tls.Host,
            },
        })
        { Timeout = TimeSpan.FromSeconds(5) };
    }

    public InstanceTopology Topology { get; }

    public IReadOnlyList<ContainerInfo> Containers { get; set; } = [];

    public string Network => Topology.Name + "-net";

    public string? ExpectedThumbprint { get; }

    /// <summary>The SHA-256 thumbprint of the certificate the edge presented on the last HTTPS request.</summary>
    public string? PresentedThumbprint { get; private set; }

    public ContainerInfo? Container(string service) =>
        Containers.Where(c => c.Service == service).MaxBy(c => c.StartedAt);

    public async Task<(int Status, string Body)> GetAsync(string service, int port, string path, bool admin, CancellationToken cancellationToken)
    {
        var container = Container(service) ?? throw new GateProblem($"no {service} container");
        if (!container.Running)
            throw new GateProblem($"container {container.Name} is {container.State}" + (container.ExitCode is { } code && code != 0 ? $" (exit code {code})" : ""));
        var address = container.AddressOn(Network) ?? throw new GateProblem($"container {container.Name} has no address on network {Network}");
        using var request = new HttpRequestMessage(HttpMethod.Get, $"http://{address}:{port}{path}");
        if (admin)
            request.Headers.Authorization = _admin;
        return await SendAsync(_internal, request, $"{service} ({address}:{port})", cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Where the edge is asked, <c>host:port</c>: null for the published port on this host. From inside the
    /// instance (the upgrade service) the published port is not there; nginx's own address is.
    /// </summary>
    public string? EdgeEndpoint { get; init; }

    public async Task<(int Status, string Body)> GetEdgeAsync(int port, string path, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"https://{EdgeEndpoint ?? $"127.0.0.1:{port}"}{path}");
        request.Headers.Host = Topology.Spec.Tls.Host is { } host ? $"{host}:{port}" : null;
        return await SendAsync(_edge, request, $"https://{EdgeEndpoint ?? $"127.0.0.1:{port}"}", cancellationToken).ConfigureAwait(false);
    }

    public void Dispose()
    {
        _internal.Dispose();
        _edge.Dispose();
    }

    private static async Task<(int, string)> SendAsync(HttpClient client, HttpRequestMessage request, string what, CancellationToken cancellationToken)
    {
        try
        {
            using var response = await client.SendAsync(request, cancellationToken).ConfigureAwait(false);
            return ((int)response.StatusCode, await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false));
        }
        catch (HttpRequestException e)
        {
            throw new GateProblem($"{what} does not answer: {e.InnerException?.Message ?? e.Message}");
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new GateProblem($"{what} did not answer in time");
        }
    }
}

/// <summary>Why a gate is not green yet, in words for the operator.</summary>
public sealed class GateProblem : Exception
{
    public GateProblem(string message)
        : base(message)
    {
    }

    public GateProblem()
    {
    }

    public GateProblem(string message, Exception inner)
        : base(message, inner)
    {
    }
}
