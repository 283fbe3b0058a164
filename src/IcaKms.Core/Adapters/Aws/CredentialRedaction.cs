using System.Text.RegularExpressions;
using IcaKms.Core.Aws;

namespace IcaKms.Core.Adapters.Aws;

/// <summary>
/// Removes credential material from text AWS (or whatever answered in its place) sent back, before any of it goes
/// into a message: some errors quote the request, e.g. IncompleteSignature's <c>Authorization=AWS4-HMAC-SHA256
/// Credential=AKIA…/…, Signature=…</c>, or SignatureDoesNotMatch's canonical request with its
/// <c>x-amz-security-token</c> header. Every path that puts AWS text into a message goes through <see cref="Redact"/>.
/// </summary>
internal static partial class CredentialRedaction
{
    /// <summary>What replaces a removed value.</summary>
    public const string Mask = "[redacted]";

    /// <summary>The text with access key ids, signatures, security tokens, Authorization values, credential scopes and X-Amz-* values masked.</summary>
    /// <param name="text">Text from an AWS answer; null gives "".</param>
    public static string Redact(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return "";
        }

        // Order matters: the whole Authorization value first, then the parts that also appear on their own.
        string redacted = AuthorizationValue().Replace(text, m => m.Groups["name"].Value + m.Groups["sep"].Value + Mask);
        redacted = CredentialScope().Replace(redacted, "Credential=" + Mask);
        redacted = SignatureValue().Replace(redacted, m => m.Groups["name"].Value + "=" + Mask);
        redacted = AmzValue().Replace(redacted, m => m.Groups["name"].Value + m.Groups["sep"].Value + Mask);
        redacted = XmlCredentialElement().Replace(redacted, m => $"<{m.Groups["tag"].Value}>{Mask}</{m.Groups["tag"].Value}>");
        redacted = AccessKeyId().Replace(redacted, Mask);
        redacted = HexDump().Replace(redacted, Mask);
        redacted = LongBlob().Replace(redacted, Mask);
        redacted = HexSignature().Replace(redacted, Mask);
        return redacted;
    }

    /// <summary><c>Authorization: …</c> or <c>Authorization=…</c>, up to the end of the line, a quote or a tag.</summary>
    [GeneratedRegex(@"(?<name>\bAuthorization)(?<sep>\s*[=:]\s*)(?!\[redacted\])[^\r\n""'<]+", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex AuthorizationValue();

    /// <summary><c>Credential=AKIA…/20261130/us-east-1/s3/aws4_request</c> (the scope names the access key id).</summary>
    [GeneratedRegex(@"\bCredential=(?!\[redacted\])[^\s,&""'<]+", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex CredentialScope();

    /// <summary><c>Signature=…</c> and <c>X-Amz-Signature=…</c> (headers and presigned query strings).</summary>
    [GeneratedRegex(@"(?<name>\b(?:X-Amz-)?Signature)=(?!\[redacted\])[^\s,&""'<]+", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex SignatureValue();

    /// <summary>
    /// Every <c>X-Amz-*</c> header or query value: <c>x-amz-security-token:…</c> in a canonical request,
    /// <c>X-Amz-Security-Token=…</c> in a query string, <c>X-Amz-Credential=…</c>. A header name list
    /// (<c>SignedHeaders=host;x-amz-date</c>) has no value and is kept.
    /// </summary>
    [GeneratedRegex(@"(?<name>\bx-amz-[a-z0-9-]+)(?<sep>\s*[:=]\s*)(?!\[redacted\])[^\s,&;""'<]+", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex AmzValue();

    /// <summary>S3's SignatureDoesNotMatch elements that hold credential material or its encodings.</summary>
    [GeneratedRegex(
        @"<(?<tag>AWSAccessKeyId|SignatureProvided|StringToSign|StringToSignBytes|CanonicalRequest|CanonicalRequestBytes|Token-0)>[^<]*</\k<tag>>",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex XmlCredentialElement();

    /// <summary>AWS access key ids and unique ids: a four-letter prefix and 12–124 more of <c>[A-Z0-9]</c> (16–128 in all).</summary>
    [GeneratedRegex(@"\b(?:AKIA|ASIA|AROA|AIDA|AGPA|AIPA|ANPA|ANVA|APKA|ABIA|ACCA|ASCA)[A-Z0-9]{12,124}\b", RegexOptions.CultureInvariant)]
    private static partial Regex AccessKeyId();

    /// <summary>A hex byte dump (S3's <c>CanonicalRequestBytes</c>), which spells a token out in hex.</summary>
    [GeneratedRegex(@"\b(?:[0-9a-fA-F]{2} ){15,}[0-9a-fA-F]{2}\b", RegexOptions.CultureInvariant)]
    private static partial Regex HexDump();

    /// <summary>
    /// A long base64 blob quoted without its name (a session token): 64 or more characters mixing upper case, lower
    /// case and digits, so names, paths and ARNs stay readable.
    /// </summary>
    [GeneratedRegex(
        @"(?<![A-Za-z0-9+/=])(?=[A-Za-z0-9+/]*[A-Z])(?=[A-Za-z0-9+/]*[a-z])(?=[A-Za-z0-9+/]*[0-9])[A-Za-z0-9+/]{64,}={0,2}(?![A-Za-z0-9+/=])",
        RegexOptions.CultureInvariant)]
    private static partial Regex LongBlob();

    /// <summary>A SigV4 signature or payload hash quoted without its name: 64 hex digits.</summary>
    [GeneratedRegex(@"\b[0-9a-fA-F]{64}\b", RegexOptions.CultureInvariant)]
    private static partial Regex HexSignature();
}
