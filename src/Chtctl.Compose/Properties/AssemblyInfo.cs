using System.Runtime.CompilerServices;

[assembly: InternalsVisibleTo("Chtctl.Compose.Tests")]
[assembly: InternalsVisibleTo("Chtctl.Cli.Tests")]
