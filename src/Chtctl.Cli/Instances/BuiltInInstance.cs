using System.Globalization;
using Chtctl.Cli.Output;
using Chtctl.Compose.Driver.Preflight;
using Chtctl.Compose.Layout;
using Chtctl.Core.Writing;
using Spectre.Console;

namespace Chtctl.Cli.Instances;

/// <summary>
/// The built-in local instance (<c>chtctl up</c> with no file). Its first run picks free host ports — the
/// defaults when they are free, else the next free ones — prints them, and saves the instance as
/// <c>&lt;home&gt;/instance.yaml</c>, which later runs load instead of the defaults, so the instance keeps
/// its ports and can be edited like any instance file.
/// </summary>
internal static class BuiltInInstance
{
    public const string SavedFileName = "instance.yaml";

    public static LoadedInstance WithFreePorts(CliContext context, LoadedInstance builtIn)
    {
        ArgumentNullException.ThrowIfNull(builtIn);
        var spec = builtIn.Result.Spec!;
        var layout = InstanceHomeLayout.For(spec);
        var saved = Path.Combine(layout.Home, SavedFileName);
        if (File.Exists(saved))
            return builtIn;
        var http = FreeFrom(spec.Compose.Ports.Http, exclude: -1);
        var https = FreeFrom(spec.Compose.Ports.Https, exclude: http);
        var chosen = spec with { Compose = spec.Compose with { Ports = spec.Compose.Ports with { Http = http, Https = https } } };
        Directory.CreateDirectory(layout.Home);
        InstanceFiles.Write(saved, InstanceFileWriter.Write(chosen,
            $"The built-in local instance, saved by chtctl on its first 'up' with the ports it chose. 'chtctl up' without a file uses this file; edit it like any instance file."), InstanceFiles.Readable);
        context.Console.MarkupLine(Markup.Escape(string.Create(CultureInfo.InvariantCulture,
            $"Built-in local instance '{chosen.Name}': ports {http} (http) and {https} (https){(http != spec.Compose.Ports.Http || https != spec.Compose.Ports.Https ? " — the defaults were taken" : "")}; saved as {saved}")));
        return InstanceLoader.Load(context, null);
    }

    private static int FreeFrom(int port, int exclude)
    {
        for (var candidate = port; candidate < Math.Min(port + 200, 65536); candidate++)
        {
            if (candidate != exclude && PortHolder.IsFree(candidate))
                return candidate;
        }
        return port;
    }
}
