using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Chtctl.Testing.Engine;

namespace Chtctl.EndToEnd.Tests;

/// <summary>A missing or broken dependency is found by the preflight: exit 4, a message that says how to fix it, nothing created.</summary>
public sealed class FaultTests : IAsyncLifetime
{
    private readonly EngineInstance _instance = new("e2e-fault");

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _instance.DisposeAsync();

    [Fact]
    public async Task UpWithNoDockerEngineFailsPreflightNamingTheEngine()
    {
        var socket = Path.Combine(_instance.Folder, "no-engine", "docker.sock");

        var up = await ChtctlProcess.RunAsync(["up", _instance.InstanceFile], new Dictionary<string, string> { ["DOCKER_HOST"] = $"unix://{socket}" });

        Assert.True(up.ExitCode == 4, up.ToString());
        Assert.Contains(socket, up.Output, StringComparison.Ordinal);
        Assert.Contains("Docker", up.Output, StringComparison.Ordinal);
        Assert.Contains("DOCKER_HOST", up.Output, StringComparison.Ordinal);
        AssertNothingCreated();
    }

    [Fact]
    public async Task UpWithThePublishedPortTakenFailsPreflightNamingThePortAndItsHolder()
    {
        using var holder = new TcpListener(IPAddress.Any, _instance.HttpsPort);
        holder.Start();

        var up = await _instance.VerbAsync("up");

        Assert.True(up.ExitCode == 4, up.ToString());
        Assert.Contains($"port {_instance.HttpsPort.ToString(CultureInfo.InvariantCulture)}", up.Output, StringComparison.Ordinal);
        Assert.Contains($"pid {Environment.ProcessId.ToString(CultureInfo.InvariantCulture)}", up.Output, StringComparison.Ordinal);
        AssertNothingCreated();
    }

    [Fact]
    public async Task UpWithABrokenCertificateFileFailsPreflightNamingTheFile()
    {
        await File.WriteAllTextAsync(Path.Combine(_instance.Folder, "garbage.pem"), "-----BEGIN CERTIFICATE-----\nnot a certificate\n-----END CERTIFICATE-----\n");
        await File.WriteAllTextAsync(Path.Combine(_instance.Folder, "key.pem"), "not a key\n");
        var broken = _instance.WriteFile("broken-cert.yaml", tail: "tls: { host: localhost, mode: files, certificateFile: garbage.pem, keyFile: key.pem }\n");

        var up = await _instance.RunAsync("up", broken);

        Assert.True(up.ExitCode == 4, up.ToString());
        Assert.Contains("garbage.pem", up.Output, StringComparison.Ordinal);
        AssertNothingCreated();
    }

    private void AssertNothingCreated()
    {
        Assert.Empty(_instance.Containers());
        Assert.Empty(Docker.NetworksAndVolumes(_instance.Name));
    }
}
