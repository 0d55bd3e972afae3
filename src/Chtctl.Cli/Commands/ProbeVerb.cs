using System.CommandLine;
using System.Net.Sockets;

namespace Chtctl.Cli.Commands;

/// <summary>
/// <c>chtctl probe URL</c>: a container healthcheck for chtctl's own image, which carries no curl.
/// <c>tcp://host:port</c> passes when the port accepts a connection; <c>http://...</c> when the answer is 2xx.
/// </summary>
internal sealed class ProbeVerb : IVerb
{
    public Command Create(CliContext context)
    {
        var target = new Argument<string>("target") { Description = "tcp://HOST:PORT or http://HOST:PORT/PATH" };
        var timeout = new Option<int>("--timeout") { Description = "Seconds to wait for an answer.", DefaultValueFactory = _ => 3 };
        var command = new Command("probe", "Check that a TCP port or HTTP endpoint answers (used by container healthchecks).") { target, timeout };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var text = parse.GetValue(target)!;
            if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || uri.Scheme is not ("tcp" or "http" or "https"))
            {
                await context.Error.WriteLineAsync($"probe: '{text}' is not tcp://HOST:PORT or http(s)://HOST:PORT/PATH").ConfigureAwait(false);
                return ExitCodes.Usage;
            }

            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            deadline.CancelAfter(TimeSpan.FromSeconds(parse.GetValue(timeout)));
            try
            {
                if (uri.Scheme == "tcp")
                {
                    using var client = new TcpClient();
                    await client.ConnectAsync(uri.Host, uri.Port, deadline.Token).ConfigureAwait(false);
                }
                else
                {
                    using var http = new HttpClient();
                    using var response = await http.GetAsync(uri, deadline.Token).ConfigureAwait(false);
                    if (!response.IsSuccessStatusCode)
                    {
                        await context.Error.WriteLineAsync($"probe: {uri} answered {(int)response.StatusCode}").ConfigureAwait(false);
                        return ExitCodes.Unhealthy;
                    }
                }

                return ExitCodes.Success;
            }
            catch (Exception e) when (e is SocketException or HttpRequestException or OperationCanceledException)
            {
                await context.Error.WriteLineAsync($"probe: {uri} did not answer: {e.Message}").ConfigureAwait(false);
                return ExitCodes.Unhealthy;
            }
        });
        return command;
    }
}
