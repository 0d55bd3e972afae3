using System.Runtime.CompilerServices;

[assembly: InternalsVisibleTo("Chtctl.Cli.Tests")]
[assembly: InternalsVisibleTo("Chtctl.Cli.Tests")]

