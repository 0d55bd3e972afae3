namespace Chtctl.Core.Spec;

/// <summary>RFC 1123 label: names of instances and namespaces.</summary>
public static class DnsLabel
{
    public const string Pattern = "^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$";
    public const string Expected = "a DNS label: lowercase letters, digits and '-', starting and ending with a letter or digit, at most 63 characters";
}

/// <summary>RFC 1123 host name.</summary>
public static class DnsName
{
    public const string Pattern = @"^(?=.{1,253}$)([a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?)(\.[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?)*$";
    public const string Expected = "a lowercase DNS host name such as cht.example.org";
}

/// <summary>Kubernetes resource quantities as used for CPU and memory.</summary>
public static class Quantity
{
    public const string CpuPattern = @"^([0-9]+m|[0-9]+(\.[0-9]+)?)$";
    public const string CpuExpected = "a CPU quantity such as 500m or 2";
    public const string MemoryPattern = @"^[0-9]+(Ki|Mi|Gi|Ti|K|M|G|T)?$";
    public const string MemoryExpected = "a memory quantity such as 512Mi or 4Gi";
}

/// <summary>Facts about this build of chtctl.</summary>
public static class ChtctlInfo
{
    public const string Version = "0.1.0";
}
