using System.Runtime.CompilerServices;

[assembly: InternalsVisibleTo("Chtctl.Services.Tests")]
[assembly: InternalsVisibleTo("chtctl")]
[assembly: InternalsVisibleTo("Chtctl.Cli.Tests")]
[assembly: InternalsVisibleTo("Chtctl.Bench.Health")]
