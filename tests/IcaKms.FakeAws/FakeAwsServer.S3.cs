using System.Globalization;
using System.Net;
using System.Text;
using System.Xml.Linq;
using IcaKms.Core.Aws;

namespace IcaKms.FakeAws;

/// <content>S3, path-style REST XML: the bucket-level reads of the live inspection.</content>
public sealed partial class FakeAwsServer
{
    private const string S3Service = "s3";
    private const string UnsupportedS3Operation = "s3:Unsupported";
    private const string BucketRegionHeader = "x-amz-bucket-region";
    private const string ObjectTimestamp = "2024-01-02T03:04:05.000Z";
    private const string EmptyObjectETag = "\"d41d8cd98f00b204e9800998ecf8427e\"";
    private static readonly XNamespace S3Namespace = "http://s3.amazonaws.com/doc/2006-03-01/";

    private FakeAwsResponse AnswerS3(IncomingRequest request)
    {
        string path = request.Path.TrimStart('/');
        int slash = path.IndexOf('/', StringComparison.Ordinal);
        string bucket = slash < 0 ? path : path[..slash];
        string key = slash < 0 ? "" : path[(slash + 1)..];
        string operation = bucket.Length == 0 || key.Length > 0 ? UnsupportedS3Operation : S3Operation(request);

        if (request.Scope is null)
        {
            return S3Error(operation, HttpStatusCode.Forbidden, "AccessDenied", "Anonymous access is denied: sign the request.");
        }

        if (Caller(request) is not { } caller)
        {
            return S3Error(operation, HttpStatusCode.Forbidden, "InvalidAccessKeyId", "The AWS Access Key Id you provided does not exist in our records.");
        }

        if (operation == UnsupportedS3Operation)
        {
            return S3Error(operation, HttpStatusCode.NotImplemented, "NotImplemented",
                $"FakeAwsServer does not implement {request.Method} {request.RawPathAndQuery.Split('?')[0]} with this query (it answers the bucket reads of the live inspection only).");
        }

        if (!string.Equals(bucket, Scenario.BucketName, StringComparison.Ordinal))
        {
            return S3Error(operation, HttpStatusCode.NotFound, "NoSuchBucket", "The specified bucket does not exist", bucket);
        }

        (string Name, string Value) regionHeader = (BucketRegionHeader, Scenario.BucketRegion);
        string signedRegion = RegionOf(request);
        if (operation != "s3:GetBucketLocation" && !string.Equals(signedRegion, Scenario.BucketRegion, StringComparison.Ordinal))
        {
            // S3 answers a HEAD for another region with a bodiless 301, and other calls signed for the wrong region
            // with AuthorizationHeaderMalformed; both name the bucket's region.
            return operation == "s3:HeadBucket"
                ? S3Answer(operation, HttpStatusCode.MovedPermanently, "", regionHeader)
                : S3Answer(operation, HttpStatusCode.BadRequest, XmlText(new XElement("Error",
                    new XElement("Code", "AuthorizationHeaderMalformed"),
                    new XElement("Message", $"The authorization header is malformed; the region '{signedRegion}' is wrong; expecting '{Scenario.BucketRegion}'"),
                    new XElement("Region", Scenario.BucketRegion),
                    new XElement("RequestId", NewRequestId()),
                    new XElement("HostId", "fake-aws"))), regionHeader);
        }

        string action = S3Action(operation);
        if (Denied(action))
        {
            return S3Error(operation, HttpStatusCode.Forbidden, "AccessDenied",
                $"User: {caller} is not authorized to perform: {action} on resource: \"arn:aws:s3:::{bucket}\" because no identity-based policy allows the {action} action",
                null, regionHeader);
        }

        return operation switch
        {
            "s3:HeadBucket" => S3Answer(operation, HttpStatusCode.OK, "", regionHeader, ("x-amz-access-point-alias", "false")),
            "s3:GetBucketLocation" => S3Xml(operation, new XElement(S3Namespace + "LocationConstraint",
                Scenario.BucketRegion == "us-east-1" ? "" : Scenario.BucketRegion)),
            "s3:GetBucketEncryption" => Scenario.Encryption is { } encryption
                ? S3Xml(operation, EncryptionXml(encryption))
                : S3Error(operation, HttpStatusCode.NotFound, "ServerSideEncryptionConfigurationNotFoundError",
                    "The server side encryption configuration was not found", bucket),
            "s3:GetBucketVersioning" => S3Xml(operation, new XElement(S3Namespace + "VersioningConfiguration",
                Scenario.Versioning is { } status ? new XElement(S3Namespace + "Status", status) : null)),
            "s3:GetBucketOwnershipControls" => Scenario.ObjectOwnership is { } ownership
                ? S3Xml(operation, new XElement(S3Namespace + "OwnershipControls",
                    new XElement(S3Namespace + "Rule", new XElement(S3Namespace + "ObjectOwnership", ownership))))
                : S3Error(operation, HttpStatusCode.NotFound, "OwnershipControlsNotFoundError", "The bucket ownership controls were not found", bucket),
            "s3:GetPublicAccessBlock" => Scenario.PublicAccessBlock is { } block
                ? S3Xml(operation, new XElement(S3Namespace + "PublicAccessBlockConfiguration",
                    new XElement(S3Namespace + "BlockPublicAcls", Bool(block.BlockPublicAcls)),
                    new XElement(S3Namespace + "IgnorePublicAcls", Bool(block.IgnorePublicAcls)),
                    new XElement(S3Namespace + "BlockPublicPolicy", Bool(block.BlockPublicPolicy)),
                    new XElement(S3Namespace + "RestrictPublicBuckets", Bool(block.RestrictPublicBuckets))))
                : S3Error(operation, HttpStatusCode.NotFound, "NoSuchPublicAccessBlockConfiguration", "The public access block configuration was not found", bucket),
            "s3:ListObjectsV2" => ListObjectsV2(request, operation),
            _ => throw new InvalidOperationException($"No answer for {operation}."),
        };
    }

    /// <summary>The bucket-level operation a request is, from its method and sub-resource.</summary>
    private static string S3Operation(IncomingRequest request)
    {
        bool Has(string name) => request.Query.ContainsKey(name);
        return request.Method switch
        {
            "HEAD" when request.Query.Count == 0 => "s3:HeadBucket",
            "GET" when Has("location") => "s3:GetBucketLocation",
            "GET" when Has("encryption") => "s3:GetBucketEncryption",
            "GET" when Has("versioning") => "s3:GetBucketVersioning",
            "GET" when Has("ownershipControls") => "s3:GetBucketOwnershipControls",
            "GET" when Has("publicAccessBlock") => "s3:GetPublicAccessBlock",
            "GET" when request.Query.TryGetValue("list-type", out string? type) && type == "2" => "s3:ListObjectsV2",
            _ => UnsupportedS3Operation,
        };
    }

    /// <summary>The IAM action an S3 operation needs (as <see cref="FakeAwsScenario.DeniedActions"/> names it).</summary>
    private static string S3Action(string operation) => operation switch
    {
        "s3:HeadBucket" or "s3:ListObjectsV2" => "s3:ListBucket",
        "s3:GetBucketEncryption" => "s3:GetEncryptionConfiguration",
        "s3:GetPublicAccessBlock" => "s3:GetBucketPublicAccessBlock",
        _ => operation,
    };

    private FakeAwsResponse ListObjectsV2(IncomingRequest request, string operation)
    {
        string prefix = request.Query.GetValueOrDefault("prefix") ?? "";
        string? delimiter = request.Query.GetValueOrDefault("delimiter") is { Length: > 0 } d ? d : null;
        int maxKeys = int.TryParse(request.Query.GetValueOrDefault("max-keys"), NumberStyles.None, CultureInfo.InvariantCulture, out int max)
            ? Math.Min(max, 1000)
            : 1000;
        bool urlEncoded = request.Query.GetValueOrDefault("encoding-type") == "url";
        string? continuation = request.Query.GetValueOrDefault("continuation-token");
        string? startAfter = request.Query.GetValueOrDefault("start-after");
        string? after = continuation is { Length: > 0 } ? Encoding.UTF8.GetString(Convert.FromBase64String(continuation)) : startAfter;

        // Keys and common prefixes, in S3's order (UTF-8 binary, which ordinal order matches for these keys).
        List<(string Name, bool IsPrefix)> entries = Scenario.ExistingPrefixes
            .Where(key => key.StartsWith(prefix, StringComparison.Ordinal))
            .Select(key => delimiter is not null && key.IndexOf(delimiter, prefix.Length, StringComparison.Ordinal) is var at and >= 0
                ? (key[..(at + delimiter.Length)], true)
                : (key, false))
            .Distinct()
            .Where(entry => after is null || string.CompareOrdinal(entry.Item1, after) > 0)
            .OrderBy(entry => entry.Item1, StringComparer.Ordinal)
            .ToList();
        List<(string Name, bool IsPrefix)> page = entries.Take(maxKeys).ToList();
        bool truncated = entries.Count > page.Count;
        string Encode(string text) => urlEncoded ? Uri.EscapeDataString(text) : text;

        var result = new XElement(S3Namespace + "ListBucketResult",
            new XElement(S3Namespace + "Name", Scenario.BucketName),
            new XElement(S3Namespace + "Prefix", Encode(prefix)),
            delimiter is null ? null : new XElement(S3Namespace + "Delimiter", Encode(delimiter)),
            new XElement(S3Namespace + "MaxKeys", maxKeys),
            urlEncoded ? new XElement(S3Namespace + "EncodingType", "url") : null,
            new XElement(S3Namespace + "KeyCount", page.Count),
            new XElement(S3Namespace + "IsTruncated", Bool(truncated)),
            continuation is null ? null : new XElement(S3Namespace + "ContinuationToken", continuation),
            truncated ? new XElement(S3Namespace + "NextContinuationToken", Convert.ToBase64String(Encoding.UTF8.GetBytes(page[^1].Name))) : null,
            startAfter is null ? null : new XElement(S3Namespace + "StartAfter", Encode(startAfter)),
            page.Where(entry => !entry.IsPrefix).Select(entry => new XElement(S3Namespace + "Contents",
                new XElement(S3Namespace + "Key", Encode(entry.Name)),
                new XElement(S3Namespace + "LastModified", ObjectTimestamp),
                new XElement(S3Namespace + "ETag", EmptyObjectETag),
                new XElement(S3Namespace + "Size", 0),
                new XElement(S3Namespace + "StorageClass", "STANDARD"))),
            page.Where(entry => entry.IsPrefix).Select(entry => new XElement(S3Namespace + "CommonPrefixes",
                new XElement(S3Namespace + "Prefix", Encode(entry.Name)))));
        return S3Xml(operation, result);
    }

    private static XElement EncryptionXml(BucketEncryption encryption) =>
        new(S3Namespace + "ServerSideEncryptionConfiguration",
            new XElement(S3Namespace + "Rule",
                new XElement(S3Namespace + "ApplyServerSideEncryptionByDefault",
                    new XElement(S3Namespace + "SSEAlgorithm", encryption.SseAlgorithm),
                    encryption.KmsMasterKeyId is { } keyId ? new XElement(S3Namespace + "KMSMasterKeyID", keyId) : null),
                new XElement(S3Namespace + "BucketKeyEnabled", Bool(encryption.BucketKeyEnabled)),
                encryption.BlockedEncryptionTypes.Count == 0
                    ? null
                    : new XElement(S3Namespace + "BlockedEncryptionTypes",
                        encryption.BlockedEncryptionTypes.Select(type => new XElement(S3Namespace + "EncryptionType", type)))));

    private static FakeAwsResponse S3Xml(string operation, XElement root) =>
        S3Answer(operation, HttpStatusCode.OK, XmlText(root));

    /// <summary>S3's error document (no namespace); a HEAD answer drops the body, as S3's does.</summary>
    private static FakeAwsResponse S3Error(
        string operation,
        HttpStatusCode status,
        string code,
        string message,
        string? bucket = null,
        params (string Name, string Value)[] headers) =>
        S3Answer(operation, status, XmlText(new XElement("Error",
            new XElement("Code", code),
            new XElement("Message", message),
            bucket is null ? null : new XElement("BucketName", bucket),
            new XElement("RequestId", NewRequestId()),
            new XElement("HostId", "fake-aws"))), headers);

    private static FakeAwsResponse S3Answer(string operation, HttpStatusCode status, string body, params (string Name, string Value)[] headers) =>
        new(S3Service, operation, status, body, "application/xml", [("x-amz-request-id", StableId(NewRequestId())), ("x-amz-id-2", "fake-aws"), .. headers]);

    private static string XmlText(XElement root) =>
        $"""<?xml version="1.0" encoding="UTF-8"?>{"\n"}{root.ToString(SaveOptions.DisableFormatting)}""";

    private static string Bool(bool value) => value ? "true" : "false";
}
