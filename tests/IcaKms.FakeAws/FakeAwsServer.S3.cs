using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Xml.Linq;
using IcaKms.Core.Aws;

namespace IcaKms.FakeAws;

/// <content>
/// S3, path-style REST XML: the bucket-level reads of the live inspection, and the writes of the apply flow
/// (CreateBucket, PutBucketEncryption, PutPublicAccessBlock, PutBucketOwnershipControls, PutObject, HeadObject,
/// DeleteObject) over <see cref="FakeAwsState"/>.
/// </content>
public sealed partial class FakeAwsServer
{
    private const string S3Service = "s3";
    private const string UnsupportedS3Operation = "s3:Unsupported";
    private const string BucketRegionHeader = "x-amz-bucket-region";
    private const string ObjectTimestamp = "2024-01-02T03:04:05.000Z";
    private const string EmptyObjectETag = "\"d41d8cd98f00b204e9800998ecf8427e\"";
    private const string AwsManagedS3KeyId = "00000000-0000-4000-8000-0000000a0053";

    /// <summary>A header whose value is sent as the answer's Content-Length with no body (HeadObject's object size).</summary>
    private const string ObjectLengthHeader = "x-fake-object-length";
    private static readonly XNamespace S3Namespace = "http://s3.amazonaws.com/doc/2006-03-01/";

    private FakeAwsResponse AnswerS3(IncomingRequest request)
    {
        string path = request.Path.TrimStart('/');
        int slash = path.IndexOf('/', StringComparison.Ordinal);
        string bucket = slash < 0 ? path : path[..slash];
        string key = slash < 0 ? "" : path[(slash + 1)..];
        string operation = bucket.Length == 0 ? UnsupportedS3Operation : key.Length > 0 ? S3ObjectOperation(request) : S3Operation(request);

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
                $"FakeAwsServer does not implement {request.Method} {request.RawPathAndQuery.Split('?')[0]} with this query (it answers the live inspection's reads and the apply flow's writes only).");
        }

        string action = S3Action(operation, request);
        string resource = key.Length == 0 ? $"arn:aws:s3:::{bucket}" : $"arn:aws:s3:::{bucket}/{key}";
        if (Scenario.TakenBucketNames.Contains(bucket))
        {
            return operation == "s3:CreateBucket"
                ? S3Error(operation, HttpStatusCode.Conflict, "BucketAlreadyExists",
                    "The requested bucket name is not available. The bucket namespace is shared by all users of the system. Please select a different name and try again.", bucket)
                : S3Error(operation, HttpStatusCode.Forbidden, "AccessDenied", "Access Denied");
        }

        lock (_stateLock)
        {
            if (operation == "s3:CreateBucket")
            {
                return Denied(action) ? S3Denied(operation, caller, action, resource) : CreateBucket(request, operation, bucket);
            }

            if (!_state.Buckets.TryGetValue(bucket, out FakeBucket? state))
            {
                return S3Error(operation, HttpStatusCode.NotFound, "NoSuchBucket", "The specified bucket does not exist", bucket);
            }

            (string Name, string Value) regionHeader = (BucketRegionHeader, state.Region);
            string signedRegion = RegionOf(request);
            if (operation != "s3:GetBucketLocation" && !string.Equals(signedRegion, state.Region, StringComparison.Ordinal))
            {
                // S3 answers a HEAD for another region with a bodiless 301, and other calls signed for the wrong region
                // with AuthorizationHeaderMalformed; both name the bucket's region.
                return operation is "s3:HeadBucket" or "s3:HeadObject"
                    ? S3Answer(operation, HttpStatusCode.MovedPermanently, "", regionHeader)
                    : S3Answer(operation, HttpStatusCode.BadRequest, XmlText(new XElement("Error",
                        new XElement("Code", "AuthorizationHeaderMalformed"),
                        new XElement("Message", $"The authorization header is malformed; the region '{signedRegion}' is wrong; expecting '{state.Region}'"),
                        new XElement("Region", state.Region),
                        new XElement("RequestId", NewRequestId()),
                        new XElement("HostId", "fake-aws"))), regionHeader);
            }

            if (Denied(action))
            {
                return S3Denied(operation, caller, action, resource, regionHeader);
            }

            return operation switch
            {
                "s3:HeadBucket" => S3Answer(operation, HttpStatusCode.OK, "", regionHeader, ("x-amz-access-point-alias", "false")),
                "s3:GetBucketLocation" => S3Xml(operation, new XElement(S3Namespace + "LocationConstraint",
                    state.Region == "us-east-1" ? "" : state.Region)),
                "s3:GetBucketEncryption" => state.Encryption is { } encryption
                    ? S3Xml(operation, EncryptionXml(encryption))
                    : S3Error(operation, HttpStatusCode.NotFound, "ServerSideEncryptionConfigurationNotFoundError",
                        "The server side encryption configuration was not found", bucket),
                "s3:GetBucketVersioning" => S3Xml(operation, new XElement(S3Namespace + "VersioningConfiguration",
                    state.Versioning is { } status ? new XElement(S3Namespace + "Status", status) : null)),
                "s3:GetBucketOwnershipControls" => state.ObjectOwnership is { } ownership
                    ? S3Xml(operation, new XElement(S3Namespace + "OwnershipControls",
                        new XElement(S3Namespace + "Rule", new XElement(S3Namespace + "ObjectOwnership", ownership))))
                    : S3Error(operation, HttpStatusCode.NotFound, "OwnershipControlsNotFoundError", "The bucket ownership controls were not found", bucket),
                "s3:GetPublicAccessBlock" => state.PublicAccessBlock is { } block
                    ? S3Xml(operation, new XElement(S3Namespace + "PublicAccessBlockConfiguration",
                        new XElement(S3Namespace + "BlockPublicAcls", Bool(block.BlockPublicAcls)),
                        new XElement(S3Namespace + "IgnorePublicAcls", Bool(block.IgnorePublicAcls)),
                        new XElement(S3Namespace + "BlockPublicPolicy", Bool(block.BlockPublicPolicy)),
                        new XElement(S3Namespace + "RestrictPublicBuckets", Bool(block.RestrictPublicBuckets))))
                    : S3Error(operation, HttpStatusCode.NotFound, "NoSuchPublicAccessBlockConfiguration", "The public access block configuration was not found", bucket),
                "s3:GetBucketPolicy" => state.Policy is { } policy
                    ? S3Answer(operation, HttpStatusCode.OK, policy, ("Content-Type", "application/json"))
                    : S3Error(operation, HttpStatusCode.NotFound, "NoSuchBucketPolicy", "The bucket policy does not exist", bucket),
                "s3:PutBucketPolicy" => PutBucketPolicy(request, operation, state),
                "s3:ListObjectsV2" => ListObjectsV2(request, operation, state),
                "s3:PutBucketEncryption" => PutBucketEncryption(request, operation, state),
                "s3:PutPublicAccessBlock" => PutPublicAccessBlock(request, operation, state),
                "s3:PutBucketOwnershipControls" => PutBucketOwnershipControls(request, operation, state),
                "s3:PutObject" => PutObject(request, operation, state, key, caller),
                "s3:HeadObject" => HeadObject(request, operation, state, key),
                "s3:DeleteObject" => DeleteObject(request, operation, state, key),
                _ => throw new InvalidOperationException($"No answer for {operation}."),
            };
        }
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
            "GET" when Has("policy") => "s3:GetBucketPolicy",
            "PUT" when Has("policy") => "s3:PutBucketPolicy",
            "GET" when request.Query.TryGetValue("list-type", out string? type) && type == "2" => "s3:ListObjectsV2",
            "PUT" when request.Query.Count == 0 => "s3:CreateBucket",
            "PUT" when Has("encryption") => "s3:PutBucketEncryption",
            "PUT" when Has("publicAccessBlock") => "s3:PutPublicAccessBlock",
            "PUT" when Has("ownershipControls") => "s3:PutBucketOwnershipControls",
            _ => UnsupportedS3Operation,
        };
    }

    /// <summary>The object-level operation a request is (PutObject, HeadObject, DeleteObject, optionally of a version).</summary>
    private static string S3ObjectOperation(IncomingRequest request)
    {
        bool plain = request.Query.Keys.All(name => name == "versionId");
        return request.Method switch
        {
            "PUT" when request.Query.Count == 0 && request.Header("x-amz-copy-source") is null => "s3:PutObject",
            "HEAD" when plain => "s3:HeadObject",
            "DELETE" when plain => "s3:DeleteObject",
            _ => UnsupportedS3Operation,
        };
    }

    /// <summary>The IAM action an S3 operation needs (as <see cref="FakeAwsScenario.DeniedActions"/> names it).</summary>
    private static string S3Action(string operation, IncomingRequest request)
    {
        bool version = request.Query.ContainsKey("versionId");
        return operation switch
        {
            "s3:HeadBucket" or "s3:ListObjectsV2" => "s3:ListBucket",
            "s3:GetBucketEncryption" => "s3:GetEncryptionConfiguration",
            "s3:PutBucketEncryption" => "s3:PutEncryptionConfiguration",
            "s3:GetPublicAccessBlock" => "s3:GetBucketPublicAccessBlock",
            "s3:PutPublicAccessBlock" => "s3:PutBucketPublicAccessBlock",
            "s3:HeadObject" => version ? "s3:GetObjectVersion" : "s3:GetObject",
            "s3:DeleteObject" => version ? "s3:DeleteObjectVersion" : "s3:DeleteObject",
            _ => operation,
        };
    }

    private static FakeAwsResponse S3Denied(string operation, string caller, string action, string resource, params (string Name, string Value)[] headers) =>
        S3Error(operation, HttpStatusCode.Forbidden, "AccessDenied",
            $"User: {caller} is not authorized to perform: {action} on resource: \"{resource}\" because no identity-based policy allows the {action} action",
            null, headers);

    /// <summary>
    /// CreateBucket, as S3 checks the location: none in us-east-1, the signed region elsewhere (<c>us-east-1</c> itself
    /// is never a valid constraint). A new bucket gets S3's defaults: SSE-S3, SSE-C blocked, bucket owner enforced,
    /// public access blocked, versioning never enabled. Re-creating an own bucket answers 409
    /// <c>BucketAlreadyOwnedByYou</c>, except in us-east-1 where S3 answers 200 for legacy reasons.
    /// </summary>
    private FakeAwsResponse CreateBucket(IncomingRequest request, string operation, string bucket)
    {
        string signedRegion = RegionOf(request);
        string? constraint;
        try
        {
            constraint = request.Body.Trim().Length == 0
                ? null
                : XDocument.Parse(request.Body).Root?.Element(S3Namespace + "LocationConstraint")?.Value;
        }
        catch (System.Xml.XmlException)
        {
            return MalformedXml(operation);
        }

        if (constraint == "us-east-1")
        {
            return S3Error(operation, HttpStatusCode.BadRequest, "InvalidLocationConstraint", "The specified location-constraint is not valid", bucket);
        }

        if ((constraint ?? "us-east-1") != signedRegion)
        {
            return S3Error(operation, HttpStatusCode.BadRequest, "IllegalLocationConstraintException",
                constraint is null
                    ? "The unspecified location constraint is incompatible for the region specific endpoint this request was sent to."
                    : $"The {constraint} location constraint is incompatible for the region specific endpoint this request was sent to.",
                bucket);
        }

        if (_state.Buckets.ContainsKey(bucket))
        {
            return signedRegion == "us-east-1"
                ? S3Answer(operation, HttpStatusCode.OK, "", ("Location", $"/{bucket}"))
                : S3Error(operation, HttpStatusCode.Conflict, "BucketAlreadyOwnedByYou",
                    "Your previous request to create the named bucket succeeded and you already own it.", bucket);
        }

        _state.Buckets[bucket] = new FakeBucket(bucket, signedRegion)
        {
            Encryption = new BucketEncryption("AES256", null, false, ["SSE-C"]),
            ObjectOwnership = "BucketOwnerEnforced",
            PublicAccessBlock = new PublicAccessBlock(true, true, true, true),
        };
        return S3Answer(operation, HttpStatusCode.OK, "", ("Location", $"/{bucket}"));
    }

    /// <summary>PutBucketPolicy: stores the JSON as sent (S3 answers 204); text that is not a JSON object is MalformedPolicy.</summary>
    private FakeAwsResponse PutBucketPolicy(IncomingRequest request, string operation, FakeBucket state)
    {
        try
        {
            using var document = System.Text.Json.JsonDocument.Parse(request.Body);
            if (document.RootElement.ValueKind != System.Text.Json.JsonValueKind.Object)
            {
                throw new System.Text.Json.JsonException("not an object");
            }
        }
        catch (System.Text.Json.JsonException)
        {
            return S3Error(operation, HttpStatusCode.BadRequest, "MalformedPolicy", "Policies must be valid JSON and the first byte must be '{'", state.Name);
        }

        _state.Buckets[state.Name] = state with { Policy = request.Body };
        return S3Answer(operation, HttpStatusCode.NoContent, "");
    }

    /// <summary>
    /// PutBucketEncryption replaces the whole rule with the one sent: what the request leaves out (such as
    /// <c>BlockedEncryptionTypes</c>) is gone afterwards, so a write that forgets to carry it over shows.
    /// </summary>
    private FakeAwsResponse PutBucketEncryption(IncomingRequest request, string operation, FakeBucket bucket)
    {
        if (MissingIntegrityHeader(request) is { } missing)
        {
            return missing with { Operation = operation };
        }

        XElement? rule;
        try
        {
            rule = XDocument.Parse(request.Body).Root?.Element(S3Namespace + "Rule");
        }
        catch (System.Xml.XmlException)
        {
            return MalformedXml(operation);
        }

        XElement? byDefault = rule?.Element(S3Namespace + "ApplyServerSideEncryptionByDefault");
        string? algorithm = byDefault?.Element(S3Namespace + "SSEAlgorithm")?.Value;
        string? keyId = byDefault?.Element(S3Namespace + "KMSMasterKeyID")?.Value is { Length: > 0 } id ? id : null;
        if (algorithm is not ("AES256" or "aws:kms" or "aws:kms:dsse"))
        {
            return MalformedXml(operation);
        }

        if (algorithm == "AES256" && keyId is not null)
        {
            return S3Error(operation, HttpStatusCode.BadRequest, "InvalidArgument", "a KMSMasterKeyID is not applicable if the default sse algorithm is not aws:kms or aws:kms:dsse", bucket.Name);
        }

        // S3 does not check the key here (DOMAIN.md): a wrong key shows on the first write.
        _state.Buckets[bucket.Name] = bucket with
        {
            Encryption = new BucketEncryption(
                algorithm,
                keyId,
                rule!.Element(S3Namespace + "BucketKeyEnabled")?.Value == "true",
                rule.Element(S3Namespace + "BlockedEncryptionTypes")?.Elements(S3Namespace + "EncryptionType").Select(type => type.Value).ToList() ?? []),
        };
        return S3Answer(operation, HttpStatusCode.OK, "");
    }

    private FakeAwsResponse PutPublicAccessBlock(IncomingRequest request, string operation, FakeBucket bucket)
    {
        XElement? root;
        try
        {
            root = XDocument.Parse(request.Body).Root;
        }
        catch (System.Xml.XmlException)
        {
            return MalformedXml(operation);
        }

        if (root?.Name != S3Namespace + "PublicAccessBlockConfiguration")
        {
            return MalformedXml(operation);
        }

        bool Setting(string name) => root.Element(S3Namespace + name)?.Value == "true";
        _state.Buckets[bucket.Name] = bucket with
        {
            PublicAccessBlock = new PublicAccessBlock(Setting("BlockPublicAcls"), Setting("IgnorePublicAcls"), Setting("BlockPublicPolicy"), Setting("RestrictPublicBuckets")),
        };
        return S3Answer(operation, HttpStatusCode.OK, "");
    }

    private FakeAwsResponse PutBucketOwnershipControls(IncomingRequest request, string operation, FakeBucket bucket)
    {
        string? ownership;
        try
        {
            ownership = XDocument.Parse(request.Body).Root?.Element(S3Namespace + "Rule")?.Element(S3Namespace + "ObjectOwnership")?.Value;
        }
        catch (System.Xml.XmlException)
        {
            return MalformedXml(operation);
        }

        if (ownership is not ("BucketOwnerEnforced" or "BucketOwnerPreferred" or "ObjectWriter"))
        {
            return MalformedXml(operation);
        }

        _state.Buckets[bucket.Name] = bucket with { ObjectOwnership = ownership };
        return S3Answer(operation, HttpStatusCode.OK, "");
    }

    /// <summary>
    /// PutObject: the encryption headers, else the bucket's default encryption (SSE-S3 without one), decide how the
    /// object is stored; a KMS key is resolved in the bucket's region (key ARN, key id, alias) and must be enabled, and
    /// S3 stores and answers its key ARN. A versioned bucket keeps every version; a suspended one overwrites the
    /// <c>null</c> version.
    /// </summary>
    private FakeAwsResponse PutObject(IncomingRequest request, string operation, FakeBucket bucket, string key, string caller)
    {
        string? sse = request.Header("x-amz-server-side-encryption");
        string? keyId = request.Header("x-amz-server-side-encryption-aws-kms-key-id");
        bool bucketKey = request.Header("x-amz-server-side-encryption-bucket-key-enabled") is { } flag
            ? string.Equals(flag, "true", StringComparison.OrdinalIgnoreCase)
            : sse is null && bucket.Encryption is { BucketKeyEnabled: true };
        if (sse is null)
        {
            sse = bucket.Encryption?.SseAlgorithm ?? "AES256";
            keyId = bucket.Encryption?.KmsMasterKeyId;
        }

        if (sse is not ("AES256" or "aws:kms" or "aws:kms:dsse") || (sse == "AES256" && keyId is not null))
        {
            return S3Error(operation, HttpStatusCode.BadRequest, "InvalidArgument", "The encryption method specified is not supported");
        }

        string? keyArn = null;
        if (sse != "AES256")
        {
            if (keyId is null)
            {
                // The AWS managed key aws/s3 (created on first use in AWS); the fake names a stable placeholder.
                keyArn = $"arn:aws:kms:{bucket.Region}:{Scenario.AccountId}:key/{AwsManagedS3KeyId}";
            }
            else
            {
                (FakeKmsKey? kmsKey, string? problem) = Resolve(keyId, bucket.Region, allowAlias: true);
                if (kmsKey is null)
                {
                    return S3Error(operation, HttpStatusCode.BadRequest, "KMS.NotFoundException", problem!);
                }

                if (kmsKey.KeyState != "Enabled")
                {
                    return S3Error(operation, HttpStatusCode.BadRequest, "KMS.KMSInvalidStateException", $"{kmsKey.KeyArn} is {kmsKey.KeyState}.");
                }

                if (Denied("kms:GenerateDataKey"))
                {
                    return S3Denied(operation, caller, "kms:GenerateDataKey", kmsKey.KeyArn);
                }

                keyArn = kmsKey.KeyArn;
            }
        }

        if (DecodeBody(request) is not { } content)
        {
            return S3Error(operation, HttpStatusCode.BadRequest, "IncompleteBody", "The request body is not a valid aws-chunked body.");
        }

        string? versionId = bucket.Versioning switch
        {
            "Enabled" => _state.NewVersionId(),
            "Suspended" => "null",
            _ => null,
        };
        var stored = new FakeS3Object(key, content, sse, keyArn, keyArn is not null && bucketKey) { VersionId = versionId };
        _state.Buckets[bucket.Name] = bucket with
        {
            Objects = [.. bucket.Objects.Where(item => !(item.Key == key && (bucket.Versioning is null || (bucket.Versioning == "Suspended" && item.VersionId == "null")))), stored],
        };
        return S3Answer(operation, HttpStatusCode.OK, "", [("ETag", ETag(content)), .. EncryptionHeaders(stored), .. VersionHeader(bucket, stored)]);
    }

    private FakeAwsResponse HeadObject(IncomingRequest request, string operation, FakeBucket bucket, string key)
    {
        string? versionId = request.Query.GetValueOrDefault("versionId");
        FakeS3Object? item = versionId is null
            ? bucket.Objects.LastOrDefault(candidate => candidate.Key == key)
            : bucket.Objects.FirstOrDefault(candidate => candidate.Key == key && candidate.VersionId == versionId);
        if (item is null || item.IsDeleteMarker)
        {
            // A HEAD answer has no body: the status tells.
            return item is null
                ? S3Answer(operation, HttpStatusCode.NotFound, "")
                : S3Answer(operation, versionId is null ? HttpStatusCode.NotFound : HttpStatusCode.MethodNotAllowed, "",
                    ("x-amz-delete-marker", "true"), ("x-amz-version-id", item.VersionId ?? "null"));
        }

        return S3Answer(operation, HttpStatusCode.OK, "",
        [
            (ObjectLengthHeader, Encoding.UTF8.GetByteCount(item.Content).ToString(CultureInfo.InvariantCulture)),
            ("ETag", ETag(item.Content)),
            ("Last-Modified", "Tue, 02 Jan 2024 03:04:05 GMT"),
            .. EncryptionHeaders(item),
            .. VersionHeader(bucket, item),
        ]);
    }

    /// <summary>
    /// DeleteObject: with a version id that version goes for good (deleting nothing is no error, as in S3); without
    /// one, a never-versioned bucket loses the object and a versioned or suspended one gets a delete marker.
    /// </summary>
    private FakeAwsResponse DeleteObject(IncomingRequest request, string operation, FakeBucket bucket, string key)
    {
        string? versionId = request.Query.GetValueOrDefault("versionId");
        if (versionId is not null)
        {
            FakeS3Object? version = bucket.Objects.FirstOrDefault(item => item.Key == key && item.VersionId == versionId);
            _state.Buckets[bucket.Name] = bucket with { Objects = [.. bucket.Objects.Where(item => !ReferenceEquals(item, version))] };
            return version is { IsDeleteMarker: true }
                ? S3Answer(operation, HttpStatusCode.NoContent, "", ("x-amz-version-id", versionId), ("x-amz-delete-marker", "true"))
                : S3Answer(operation, HttpStatusCode.NoContent, "", ("x-amz-version-id", versionId));
        }

        if (bucket.Versioning is null)
        {
            _state.Buckets[bucket.Name] = bucket with { Objects = [.. bucket.Objects.Where(item => item.Key != key)] };
            return S3Answer(operation, HttpStatusCode.NoContent, "");
        }

        string markerId = bucket.Versioning == "Enabled" ? _state.NewVersionId() : "null";
        var marker = new FakeS3Object(key, "", "", null, false) { VersionId = markerId, IsDeleteMarker = true };
        _state.Buckets[bucket.Name] = bucket with
        {
            Objects = [.. bucket.Objects.Where(item => !(item.Key == key && markerId == "null" && item.VersionId == "null")), marker],
        };
        return S3Answer(operation, HttpStatusCode.NoContent, "", ("x-amz-delete-marker", "true"), ("x-amz-version-id", markerId));
    }

    private static IEnumerable<(string Name, string Value)> EncryptionHeaders(FakeS3Object item)
    {
        yield return ("x-amz-server-side-encryption", item.ServerSideEncryption);
        if (item.KmsKeyArn is { } keyArn)
        {
            yield return ("x-amz-server-side-encryption-aws-kms-key-id", keyArn);
        }

        if (item.BucketKeyEnabled)
        {
            yield return ("x-amz-server-side-encryption-bucket-key-enabled", "true");
        }
    }

    /// <summary>S3 names the version of an object in a bucket that has ever been versioned.</summary>
    private static IEnumerable<(string Name, string Value)> VersionHeader(FakeBucket bucket, FakeS3Object item) =>
        bucket.Versioning is null || item.VersionId is null ? [] : [("x-amz-version-id", item.VersionId)];

    /// <summary>S3 refuses some configuration writes without an integrity header (Content-MD5, or a flexible checksum).</summary>
    private static FakeAwsResponse? MissingIntegrityHeader(IncomingRequest request) =>
        request.Header("Content-MD5") is not null || request.Headers.Keys.Any(name => name.StartsWith("x-amz-checksum-", StringComparison.OrdinalIgnoreCase))
            ? null
            : S3Error("s3:Unknown", HttpStatusCode.BadRequest, "InvalidRequest", "Missing required header for this request: Content-MD5");

    /// <summary>
    /// The object's content: the body as sent, or, for the SDK's <c>aws-chunked</c> uploads
    /// (<c>x-amz-content-sha256: STREAMING-…</c>), the chunks' data without their signatures and trailers; null when the
    /// chunks do not add up.
    /// </summary>
    private static string? DecodeBody(IncomingRequest request)
    {
        bool chunked = (request.Header("x-amz-content-sha256") ?? "").StartsWith("STREAMING-", StringComparison.Ordinal)
            || (request.Header("Content-Encoding") ?? "").Contains("aws-chunked", StringComparison.OrdinalIgnoreCase);
        if (!chunked)
        {
            return request.Body;
        }

        byte[] bytes = Encoding.UTF8.GetBytes(request.Body);
        using var content = new MemoryStream();
        int at = 0;
        while (true)
        {
            int lineEnd = IndexOfCrLf(bytes, at);
            if (lineEnd < 0)
            {
                return null;
            }

            string sizeText = Encoding.ASCII.GetString(bytes, at, lineEnd - at).Split(';', 2)[0];
            if (!int.TryParse(sizeText, NumberStyles.HexNumber, CultureInfo.InvariantCulture, out int size) || size < 0 || lineEnd + 2 + size > bytes.Length)
            {
                return null;
            }

            if (size == 0)
            {
                return Encoding.UTF8.GetString(content.ToArray());
            }

            content.Write(bytes, lineEnd + 2, size);
            at = lineEnd + 2 + size + 2;
        }

        static int IndexOfCrLf(byte[] bytes, int from)
        {
            for (int i = from; i + 1 < bytes.Length; i++)
            {
                if (bytes[i] == '\r' && bytes[i + 1] == '\n')
                {
                    return i;
                }
            }

            return -1;
        }
    }

    private static string ETag(string content) =>
        $"\"{Convert.ToHexStringLower(MD5.HashData(Encoding.UTF8.GetBytes(content)))}\"";

    private static FakeAwsResponse MalformedXml(string operation) =>
        S3Error(operation, HttpStatusCode.BadRequest, "MalformedXML", "The XML you provided was not well-formed or did not validate against our published schema");

    private static FakeAwsResponse ListObjectsV2(IncomingRequest request, string operation, FakeBucket bucket)
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
        List<(string Name, bool IsPrefix)> entries = bucket.Objects
            .Select(item => item.Key)
            .Distinct()
            .Where(key => bucket.Current(key) is not null)
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
            new XElement(S3Namespace + "Name", bucket.Name),
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
