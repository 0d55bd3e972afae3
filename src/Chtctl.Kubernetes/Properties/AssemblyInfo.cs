using System.Runtime.CompilerServices;

[assembly: InternalsVisibleTo("Chtctl.Kubernetes.Tests")]
[assembly: InternalsVisibleTo("Chtctl.Cli.Tests")]
