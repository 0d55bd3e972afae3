using System.Runtime.Versioning;

// A real Docker engine and docker-compose: Linux only.
[assembly: SupportedOSPlatform("linux")]
