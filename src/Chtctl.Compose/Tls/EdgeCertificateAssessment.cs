namespace Chtctl.Compose.Tls;

/// <summary>
/// The decision about the edge certificate and, for a copy, what to install: the operator's chain as nginx
/// should send it (leaf first) and their key. Key material stays here, never in <see cref="Plan"/>.
/// </summary>
/// <param name="Plan">The action, why, problems, warnings and summary, as <c>plan</c> shows them.</param>
/// <param name="CertificatePem">For <see cref="EdgeCertificateAction.Copy"/>: the chain to write to cert.pem.</param>
/// <param name="KeyBytes">For <see cref="EdgeCertificateAction.Copy"/>: the key to write to key.pem, as the operator's file holds it.</param>
/// <param name="Source">For <see cref="EdgeCertificateAction.Copy"/>: the files it comes from, for the summary.</param>
internal sealed record EdgeCertificateAssessment(EdgeCertificatePlan Plan, string? CertificatePem = null, byte[]? KeyBytes = null, string? Source = null);
