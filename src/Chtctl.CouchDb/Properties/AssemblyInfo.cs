using System.Runtime.CompilerServices;

[assembly: InternalsVisibleTo("Chtctl.CouchDb.Tests")]
[assembly: InternalsVisibleTo("Chtctl.Cli.Tests")]
