using System.Diagnostics;
using System.Globalization;
using Chtctl.Compose.Rendering;
using Chtctl.Core.Parsing;
using Chtctl.Core.Rendering;
using Chtctl.Core.Secrets;
using Chtctl.Core.Topology;
using Chtctl.Core.Versions;
using Chtctl.Kubernetes.Rendering;

// Renders 100 distinct instances in one process, the whole pure path (parse, validate, resolve,
// topology, render), for each target: once cold (the first 100, JIT included) and then warm
// batches, and writes the figures to the file named by the first argument.
var output = args.Length > 0 ? args[0] : "bench/results/render-in-process.md";
const int Instances = 100;
const int WarmBatches = 15;

var cases = new (string Target, IRenderer Renderer, Func<int, string> Yaml)[]
{
    ("kubernetes, 3 CouchDB nodes", new KubernetesRenderer(), i => $$"""
        apiVersion: chtctl/v1
        name: clinic-{{i}}
        target: kubernetes
        cht: { version: 4.22.0 }
        couchdb: { nodes: 3 }
        tls: { mode: ingress, host: clinic-{{i}}.example.org }
        kubernetes: { platform: eks, pinning: [node-a-{{i}}, node-b-{{i}}, node-c-{{i}}] }
        """),
    ("compose, 1 CouchDB node", new ComposeRenderer(), i => $$"""
        apiVersion: chtctl/v1
        name: clinic-{{i}}
        cht: { version: 4.22.0 }
        tls: { host: clinic-{{i}}.example.org }
        """),
};

var report = new List<string>
{
    "# Rendering 100 instances in one process",
    "",
    $"Measured by `bench/run.sh` (bench/Chtctl.Bench, Release, ReadyToRun like the shipped CLI) on {Environment.ProcessorCount} cores, .NET {Environment.Version}.",
    "Each batch parses, validates, resolves (offline), builds the topology and renders 100 distinct instances.",
    "",
    "| Target | cold batch (first 100, JIT included) | warm batch, median of 15 | warm batch, min |",
    "|---|---|---|---|",
};

foreach (var (target, renderer, yaml) in cases)
{
    var cold = Batch(renderer, yaml);
    var warm = Enumerable.Range(0, WarmBatches).Select(_ => Batch(renderer, yaml)).Order().ToArray();
    report.Add(string.Create(CultureInfo.InvariantCulture, $"| {target} | {cold:F0} ms | {warm[WarmBatches / 2]:F1} ms | {warm[0]:F1} ms |"));
}

Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(output))!);
File.WriteAllText(output, string.Join("\n", report) + "\n");
Console.WriteLine(string.Join("\n", report));
return 0;

static double Batch(IRenderer renderer, Func<int, string> yaml)
{
    var watch = Stopwatch.StartNew();
    var bytes = 0;
    for (var i = 0; i < Instances; i++)
    {
        var result = InstanceFileReader.Read(yaml(i), "instance.yaml");
        if (!result.Succeeded)
            throw new InvalidOperationException(string.Join("\n", result.Diagnostics));
        VersionRequest.TryParse(result.Spec!.Cht.Version, out var request);
        var topology = TopologyBuilder.Build(result.Spec, new ReleaseCatalogue(result.Spec.Cht.Registry).Resolve(request, null));
        bytes += renderer.Render(topology, InstanceSecrets.Redacted).Files.Sum(f => f.Content.Length);
    }

    GC.KeepAlive(bytes);
    return watch.Elapsed.TotalMilliseconds;
}
