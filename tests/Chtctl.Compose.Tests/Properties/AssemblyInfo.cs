using System.Runtime.Versioning;

// The real peers (haproxy, nginx, docker-compose, mount namespaces) exist only on Linux.
[assembly: SupportedOSPlatform("linux")]
