using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace IcaKms.Core.Tests.Aws;

/// <summary>
/// SigV4 written out from the specification ("Create a signed AWS API request"), independent of AWSSDK.Core, so the
/// SDK's signatures can be checked against it. Covers what the tests need: path "/", no query string.
/// </summary>
internal static class IamSigV4Reference
{
    public const string Algorithm = "AWS4-HMAC-SHA256";

    /// <summary>The Authorization header for a request.</summary>
    /// <param name="method">The HTTP method.</param>
    /// <param name="uri">The request URI; its path must be "/" and it must have no query.</param>
    /// <param name="headers">The headers to sign (name and value, as sent); host is added from the URI.</param>
    /// <param name="body">The request body.</param>
    /// <param name="accessKeyId">The access key id.</param>
    /// <param name="secretAccessKey">The secret access key.</param>
    /// <param name="region">The signing region.</param>
    /// <param name="service">The signing service.</param>
    /// <param name="signedAt">The signing time; must match the x-amz-date header.</param>
    public static string Authorization(
        string method,
        Uri uri,
        IEnumerable<KeyValuePair<string, string>> headers,
        byte[] body,
        string accessKeyId,
        string secretAccessKey,
        string region,
        string service,
        DateTime signedAt)
    {
        if (uri.AbsolutePath != "/" || uri.Query.Length > 0)
        {
            throw new ArgumentException("The reference signer covers path \"/\" without a query.", nameof(uri));
        }

        SortedDictionary<string, string> canonical = new(StringComparer.Ordinal)
        {
            ["host"] = uri.IsDefaultPort ? uri.Host : uri.Authority,
        };
        foreach (KeyValuePair<string, string> header in headers)
        {
            canonical[header.Key.ToLowerInvariant()] = CollapseSpaces(header.Value.Trim());
        }

        string signedHeaders = string.Join(";", canonical.Keys);
        string canonicalRequest = string.Join(
            "\n",
            method,
            "/",
            "",
            string.Concat(canonical.Select(h => $"{h.Key}:{h.Value}\n")),
            signedHeaders,
            Hex(SHA256.HashData(body)));

        string date = signedAt.ToString("yyyyMMdd", CultureInfo.InvariantCulture);
        string amzDate = signedAt.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);
        string scope = $"{date}/{region}/{service}/aws4_request";
        string stringToSign = string.Join("\n", Algorithm, amzDate, scope, Hex(SHA256.HashData(Encoding.UTF8.GetBytes(canonicalRequest))));

        byte[] key = Encoding.UTF8.GetBytes("AWS4" + secretAccessKey);
        foreach (string part in new[] { date, region, service, "aws4_request" })
        {
            key = HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(part));
        }

        string signature = Hex(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(stringToSign)));
        return $"{Algorithm} Credential={accessKeyId}/{scope}, SignedHeaders={signedHeaders}, Signature={signature}";
    }

    /// <summary>The lowercase hex SHA-256 of a body, as in x-amz-content-sha256.</summary>
    public static string PayloadHash(byte[] body) => Hex(SHA256.HashData(body));

    /// <summary>The SignedHeaders list of an Authorization header.</summary>
    public static string[] SignedHeadersOf(string authorization)
    {
        const string Marker = "SignedHeaders=";
        int start = authorization.IndexOf(Marker, StringComparison.Ordinal) + Marker.Length;
        int end = authorization.IndexOf(',', start);
        return authorization[start..end].Split(';');
    }

    private static string Hex(byte[] bytes) => Convert.ToHexStringLower(bytes);

    private static string CollapseSpaces(string value)
    {
        var builder = new StringBuilder(value.Length);
        foreach (char c in value)
        {
            if (c != ' ' || builder.Length == 0 || builder[^1] != ' ')
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }
}
