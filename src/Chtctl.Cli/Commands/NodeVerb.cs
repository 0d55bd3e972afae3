using System.CommandLine;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace Chtctl.Cli.Commands;

/// <summary>
/// <c>chtctl node drain|ready|list</c>: takes one CouchDB node out of HAProxy's rotation with no failed
/// request (the health agent answers <c>drain</c> for it) and brings it back (<c>up ready</c>). Talks to the
/// agent's HTTP port; changes need the CouchDB admin credentials, read from COUCHDB_USER and COUCHDB_PASSWORD
/// (set inside the healthcheck container, where this runs on Compose).
/// </summary>
internal sealed class NodeVerb : IVerb
{
    private const string DefaultAgent = "http://127.0.0.1:9555";

    public Command Create(CliContext context)
    {
        var node = new Command("node", "Take a CouchDB node out of HAProxy's rotation and bring it back, through the health agent.")
        {
            Change(context, "drain", "Stop sending new requests to NODE (e.g. couchdb-2) before a restart or disk work; requests under way finish."),
            Change(context, "ready", "Send requests to NODE again after a drain."),
            List(context),
        };
        return node;
    }

    private static Option<string> AgentOption() => new("--agent")
    {
        Description = $"The health agent's HTTP address (default {DefaultAgent}, right inside the healthcheck container; on Compose run "
                      + "'docker compose exec healthcheck chtctl node ...' since the agent is only on the instance network).",
        DefaultValueFactory = _ => DefaultAgent,
    };

    private static Command Change(CliContext context, string action, string description)
    {
        var name = new Argument<string>("NODE") { Description = "The node as HAProxy names it: couchdb-1, couchdb-2, ..." };
        var agent = AgentOption();
        var command = new Command(action, description) { name, agent };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var (user, password) = (context.Environment("COUCHDB_USER"), context.Environment("COUCHDB_PASSWORD"));
            if (string.IsNullOrEmpty(user) || string.IsNullOrEmpty(password))
            {
                await context.Error.WriteLineAsync($"node {action}: set COUCHDB_USER and COUCHDB_PASSWORD to the CouchDB admin credentials (the agent checks them)").ConfigureAwait(false);
                return ExitCodes.Usage;
            }

            var node = parse.GetValue(name)!;
            using var http = Client(parse.GetValue(agent)!);
            if (http is null)
                return await BadAgentAsync(context, parse.GetValue(agent)!).ConfigureAwait(false);
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}")));
            try
            {
                using var response = await http.PostAsync(new Uri($"nodes/{Uri.EscapeDataString(node)}/{action}", UriKind.Relative), null, cancellationToken).ConfigureAwait(false);
                var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
                if (response.StatusCode != HttpStatusCode.OK)
                {
                    await context.Error.WriteLineAsync($"node {action}: the agent answered {(int)response.StatusCode}: {Reason(body)}").ConfigureAwait(false);
                    return ExitCodes.Failure;
                }

                await context.Error.WriteLineAsync(action == "drain"
                    ? $"{node} drained: HAProxy stops sending it new requests within about a second."
                    : $"{node} ready: HAProxy sends it requests again within about a second.").ConfigureAwait(false);
                return ExitCodes.Success;
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                return await UnreachableAsync(context, action, http.BaseAddress!, e).ConfigureAwait(false);
            }
        });
        return command;
    }

    private static Command List(CliContext context)
    {
        var agent = AgentOption();
        var command = new Command("list", "List the nodes the agent answers for and whether each is drained (JSON on standard output).") { agent };
        command.SetAction(async (parse, cancellationToken) =>
        {
            using var http = Client(parse.GetValue(agent)!);
            if (http is null)
                return await BadAgentAsync(context, parse.GetValue(agent)!).ConfigureAwait(false);
            try
            {
                await context.Out.WriteLineAsync(await http.GetStringAsync(new Uri("nodes", UriKind.Relative), cancellationToken).ConfigureAwait(false)).ConfigureAwait(false);
                return ExitCodes.Success;
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                return await UnreachableAsync(context, "list", http.BaseAddress!, e).ConfigureAwait(false);
            }
        });
        return command;
    }

    private static HttpClient? Client(string agent) =>
        Uri.TryCreate(agent.TrimEnd('/') + "/", UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"
            ? new HttpClient { BaseAddress = uri, Timeout = TimeSpan.FromSeconds(10) }
            : null;

    private static async Task<int> BadAgentAsync(CliContext context, string agent)
    {
        await context.Error.WriteLineAsync($"node: --agent '{agent}' is not http://HOST:PORT").ConfigureAwait(false);
        return ExitCodes.Usage;
    }

    private static async Task<int> UnreachableAsync(CliContext context, string action, Uri agent, Exception e)
    {
        await context.Error.WriteLineAsync($"node {action}: no answer from the health agent at {agent}: {e.Message}. "
                                           + "On Compose, run it inside the instance network: docker compose exec healthcheck chtctl node ...").ConfigureAwait(false);
        return ExitCodes.Unhealthy;
    }

    private static string Reason(string body)
    {
        try
        {
            using var json = JsonDocument.Parse(body);
            return json.RootElement.GetProperty("reason").GetString() ?? body;
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            return body;
        }
    }
}
