using System.CommandLine;
using Chtctl.Kubernetes.Driver;

namespace Chtctl.Cli.Instances;

/// <summary><c>--context</c> and <c>--kubeconfig</c>: how to reach a cluster, for every verb that may drive a Kubernetes instance.</summary>
internal sealed class ClusterOptions
{
    public Option<string?> Context { get; } = new("--context")
    {
        Description = "Kubernetes: kubeconfig context to use, overriding kubernetes.context in the instance file.",
        HelpName = "NAME",
    };

    public Option<string?> Kubeconfig { get; } = new("--kubeconfig")
    {
        Description = "Kubernetes: kubeconfig file. Default: $KUBECONFIG, then ~/.kube/config, then in-cluster configuration.",
        HelpName = "FILE",
    };

    public void AddTo(Command command)
    {
        command.Add(Context);
        command.Add(Kubeconfig);
    }

    public KubeApi Open(CliContext context, ParseResult parse, string? instanceContext) =>
        ClusterConnection.Open(
            new ConnectionOptions(parse.GetValue(Kubeconfig) is { } path ? context.Resolve(path) : null, parse.GetValue(Context) ?? instanceContext),
            context.Environment);
}
