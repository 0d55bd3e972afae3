using System.Runtime.CompilerServices;

[assembly: InternalsVisibleTo("Chtctl.Core.Tests")]
[assembly: InternalsVisibleTo("Chtctl.Cli.Tests")]
