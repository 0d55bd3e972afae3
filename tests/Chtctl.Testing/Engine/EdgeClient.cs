using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;

namespace Chtctl.Testing.Engine;

/// <summary>
/// HTTPS to an instance's edge (nginx) on localhost, the way a browser or app reaches it: it accepts the instance's
/// self-signed certificate and remembers the certificate the edge presented.
/// </summary>
public sealed class EdgeClient : IDisposable
{
    private readonly HttpClient _client;

    /// <param name="httpsPort">The port the instance publishes for HTTPS.</param>
    /// <param name="credentials">Basic credentials sent with every request, or none.</param>
    /// <param name="timeout">Per request; 30 seconds unless the request waits on something slow (an upgrade).</param>
    public EdgeClient(int httpsPort, (string User, string Password)? credentials, TimeSpan? timeout = null)
    {
        var handler = new HttpClientHandler
        {
            ServerCertificateCustomValidationCallback = (_, certificate, _, _) =>
            {
                PresentedCertificate = certificate is null ? null : X509CertificateLoader.LoadCertificate(certificate.RawData);
                return true;
            },
        };
        _client = new HttpClient(handler) { BaseAddress = new Uri($"https://localhost:{httpsPort}/"), Timeout = timeout ?? TimeSpan.FromSeconds(30) };
        if (credentials is { } c)
            _client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{c.User}:{c.Password}")));
    }

    public X509Certificate2? PresentedCertificate { get; private set; }

    public async Task<(HttpStatusCode Status, JsonElement Body)> GetAsync(string path)
    {
        using var response = await _client.GetAsync(new Uri(path, UriKind.Relative)).ConfigureAwait(false);
        return (response.StatusCode, await BodyAsync(response).ConfigureAwait(false));
    }

    /// <summary>The body of a GET that must succeed (an HTTP error fails the test with an exception).</summary>
    public Task<string> GetStringAsync(string path) => _client.GetStringAsync(new Uri(path, UriKind.Relative));

    public async Task<(HttpStatusCode Status, JsonElement Body)> PutAsync(string path, object document)
    {
        using var content = new StringContent(JsonSerializer.Serialize(document), Encoding.UTF8, "application/json");
        using var response = await _client.PutAsync(new Uri(path, UriKind.Relative), content).ConfigureAwait(false);
        return (response.StatusCode, await BodyAsync(response).ConfigureAwait(false));
    }

    /// <summary>A JSON body posted as it is written, answered with the status and the body's text.</summary>
    public async Task<(HttpStatusCode Status, string Body)> PostAsync(string path, string json)
    {
        using var content = new StringContent(json, Encoding.UTF8, "application/json");
        using var response = await _client.PostAsync(new Uri(path, UriKind.Relative), content).ConfigureAwait(false);
        return (response.StatusCode, await response.Content.ReadAsStringAsync().ConfigureAwait(false));
    }

    public void Dispose() => _client.Dispose();

    private static async Task<JsonElement> BodyAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync().ConfigureAwait(false);
        try
        {
            using var document = JsonDocument.Parse(text);
            return document.RootElement.Clone();
        }
        catch (JsonException)
        {
            using var document = JsonDocument.Parse(JsonSerializer.Serialize(text));
            return document.RootElement.Clone();
        }
    }
}
