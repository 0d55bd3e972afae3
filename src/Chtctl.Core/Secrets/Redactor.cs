namespace Chtctl.Core.Secrets;

/// <summary>Removes secret values from any text before it is shown, logged or put in a support bundle.</summary>
public sealed class Redactor(InstanceSecrets secrets)
{
    public string Redact(string text)
    {
        foreach (var (_, value) in secrets.All.OrderByDescending(s => s.Value.Length))
        {
            // Short values would redact ordinary words; generated secrets are 32 characters.
            if (value.Length >= 8 && value != InstanceSecrets.RedactedValue)
            {
                text = text.Replace(value, InstanceSecrets.RedactedValue, StringComparison.Ordinal);
                text = text.Replace(Uri.EscapeDataString(value), InstanceSecrets.RedactedValue, StringComparison.Ordinal);
            }
        }

        return text;
    }
}
