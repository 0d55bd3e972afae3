namespace Chtctl.Kubernetes.Rendering;

/// <summary>The <c>apiVersion</c> field: the version alone for the core group, <c>group/version</c> otherwise.</summary>
internal static class TypeMeta
{
    public static string ApiVersion(string group, string version) => group.Length == 0 ? version : $"{group}/{version}";
}
