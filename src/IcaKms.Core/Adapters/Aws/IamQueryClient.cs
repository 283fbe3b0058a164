using System.Globalization;
using System.Text.RegularExpressions;
using System.Xml;
using System.Xml.Linq;
using Amazon;
using Amazon.Runtime;
using Amazon.Runtime.Signing;
using IcaKms.Core.Policies;
using IcaKms.Core.Planning;
using IcaKms.Core.Aws;

namespace IcaKms.Core.Adapters.Aws;

/// <summary>
/// IAM over its Query API (form-encoded POST, XML answers) on an <see cref="HttpClient"/> that signs with SigV4.
/// Stands in for <c>AWSSDK.IdentityManagement</c>, which the package registry this project builds from does not serve.
/// </summary>
public sealed partial class IamQueryClient : IIamGateway
{
    /// <summary>IAM's global endpoint.</summary>
    public static readonly Uri DefaultEndpoint = new("https://iam.amazonaws.com/");

    /// <summary>How long one IAM attempt may take, answer body included, before it is given up (as for the SDK clients).</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(5);

    /// <summary>
    /// How many attempts a read (<c>Get…</c>, <c>List…</c>) gets when it times out or cannot connect: one retry, as the
    /// SDK clients. A write is sent once: a write that timed out may still have happened, and the wizard re-reads
    /// before it writes again.
    /// </summary>
    internal const int ReadAttempts = 2;

    internal const string ApiVersion = "2010-05-08";
    internal const string SigningService = "iam";
    internal const string DefaultSigningRegion = "us-east-1";
    internal static readonly XNamespace IamNamespace = "https://iam.amazonaws.com/doc/2010-05-08/";

    private static readonly XmlReaderSettings SafeXml = new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
    };

    private readonly HttpClient _http;
    private readonly Uri _endpoint;

    /// <summary>Creates a client over an <see cref="HttpClient"/> whose handlers already sign every request.</summary>
    /// <param name="signingHttpClient">
    /// The client; its <see cref="HttpClient.BaseAddress"/> is the endpoint (IAM's global endpoint when null).
    /// Build one with <see cref="Create"/>.
    /// </param>
    public IamQueryClient(HttpClient signingHttpClient)
    {
        _http = signingHttpClient ?? throw new ArgumentNullException(nameof(signingHttpClient));
        _endpoint = signingHttpClient.BaseAddress ?? DefaultEndpoint;
    }

    /// <summary>The client's timeout, for tests.</summary>
    internal TimeSpan Timeout => _http.Timeout;

    /// <summary>
    /// Creates a client that signs with SigV4 for service <c>iam</c> in <c>us-east-1</c> (or the region named by a
    /// regional IAM endpoint such as <c>iam.cn-north-1.amazonaws.com.cn</c>).
    /// </summary>
    /// <param name="credentials">The credentials to sign with; resolved on every request, never logged.</param>
    /// <param name="endpoint">A custom endpoint (e.g. LocalStack <c>http://127.0.0.1:4566</c>), or null for IAM's.</param>
    /// <param name="innerHandler">
    /// The transport under the signer, or null for a <see cref="SocketsHttpHandler"/> that does not follow redirects
    /// (a followed redirect would not be re-signed).
    /// </param>
    /// <param name="timeout">The time allowed for one attempt; null for <see cref="DefaultTimeout"/>.</param>
    /// <returns>A client whose every request is signed.</returns>
    public static IamQueryClient Create(AWSCredentials credentials, Uri? endpoint = null, HttpMessageHandler? innerHandler = null, TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(credentials);
        Uri baseAddress = endpoint ?? DefaultEndpoint;
        var signer = new SigV4SigningHandler(
            credentials,
            RegionEndpoint.GetBySystemName(SigningRegionFor(baseAddress)),
            SigningService,
            innerHandler ?? CreateTransport());
        var http = new HttpClient(signer)
        {
            BaseAddress = baseAddress,
            Timeout = timeout ?? DefaultTimeout,
        };
        return new IamQueryClient(http);
    }

    /// <inheritdoc />
    public async Task<AwsResult<ManagedPolicyVersion>> GetPolicyDefaultVersionAsync(string policyArn, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(policyArn);

        var getPolicy = new IamCall("GetPolicy", policyArn, $"The policy {policyArn} does not exist: check the ARN.");
        IamAnswer policy = await CallAsync(getPolicy, [new("PolicyArn", policyArn)], cancellationToken).ConfigureAwait(false);
        if (policy.Result is not { } policyResult)
        {
            return policy.Fail<ManagedPolicyVersion>();
        }

        string? versionId = policyResult.Element(IamNamespace + "Policy")?.Element(IamNamespace + "DefaultVersionId")?.Value;
        if (string.IsNullOrWhiteSpace(versionId))
        {
            return AwsResult<ManagedPolicyVersion>.Fail(IamFailures.Unexpected(getPolicy, "no DefaultVersionId"));
        }

        var getVersion = new IamCall(
            "GetPolicyVersion",
            policyArn,
            $"The policy {policyArn} has no version {versionId}: check the ARN, or try again if the policy was just changed.");
        IamAnswer version = await CallAsync(
            getVersion,
            [new("PolicyArn", policyArn), new("VersionId", versionId)],
            cancellationToken).ConfigureAwait(false);
        if (version.Result is not { } versionResult)
        {
            return version.Fail<ManagedPolicyVersion>();
        }

        string? document = versionResult.Element(IamNamespace + "PolicyVersion")?.Element(IamNamespace + "Document")?.Value;
        if (document is null)
        {
            return AwsResult<ManagedPolicyVersion>.Fail(IamFailures.Unexpected(getVersion, "no policy Document"));
        }

        return AwsResult<ManagedPolicyVersion>.Ok(new ManagedPolicyVersion(policyArn, versionId, DecodeDocument(document)));
    }

    /// <inheritdoc />
    public Task<AwsResult<IReadOnlyList<AttachedPolicy>>> ListAttachedUserPoliciesAsync(string userName, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(userName);
        var call = new IamCall("ListAttachedUserPolicies", userName, $"The IAM user {userName} does not exist: check the user name.");
        return ListAsync(call, new("UserName", userName), "AttachedPolicies", AttachedPolicyOf, "an attached policy without name or ARN", cancellationToken);
    }

    /// <inheritdoc />
    public Task<AwsResult<IReadOnlyList<string>>> ListUserPoliciesAsync(string userName, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(userName);
        var call = new IamCall("ListUserPolicies", userName, $"The IAM user {userName} does not exist: check the user name.");
        return ListAsync(call, new("UserName", userName), "PolicyNames", NameOf, "an empty policy name", cancellationToken);
    }

    /// <inheritdoc />
    public Task<AwsResult<InlinePolicy>> GetUserPolicyAsync(string userName, string policyName, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(userName);
        ArgumentException.ThrowIfNullOrWhiteSpace(policyName);
        var call = new IamCall(
            "GetUserPolicy", $"{userName}/{policyName}", $"The IAM user {userName} has no inline policy {policyName}: check the user name, or try again if it was just changed.");
        return GetInlineAsync(call, [new("UserName", userName), new("PolicyName", policyName)], policyName, cancellationToken);
    }

    /// <inheritdoc />
    public Task<AwsResult<IReadOnlyList<string>>> ListGroupsForUserAsync(string userName, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(userName);
        var call = new IamCall("ListGroupsForUser", userName, $"The IAM user {userName} does not exist: check the user name.");
        return ListAsync(call, new("UserName", userName), "Groups", member => member.Element(IamNamespace + "GroupName")?.Value, "a group without a name", cancellationToken);
    }

    /// <inheritdoc />
    public Task<AwsResult<IReadOnlyList<AttachedPolicy>>> ListAttachedGroupPoliciesAsync(string groupName, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(groupName);
        var call = new IamCall("ListAttachedGroupPolicies", groupName, $"The IAM group {groupName} does not exist: try again if it was just changed.");
        return ListAsync(call, new("GroupName", groupName), "AttachedPolicies", AttachedPolicyOf, "an attached policy without name or ARN", cancellationToken);
    }

    /// <inheritdoc />
    public Task<AwsResult<IReadOnlyList<string>>> ListGroupPoliciesAsync(string groupName, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(groupName);
        var call = new IamCall("ListGroupPolicies", groupName, $"The IAM group {groupName} does not exist: try again if it was just changed.");
        return ListAsync(call, new("GroupName", groupName), "PolicyNames", NameOf, "an empty policy name", cancellationToken);
    }

    /// <inheritdoc />
    public Task<AwsResult<InlinePolicy>> GetGroupPolicyAsync(string groupName, string policyName, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(groupName);
        ArgumentException.ThrowIfNullOrWhiteSpace(policyName);
        var call = new IamCall(
            "GetGroupPolicy", $"{groupName}/{policyName}", $"The IAM group {groupName} has no inline policy {policyName}: try again if it was just changed.");
        return GetInlineAsync(call, [new("GroupName", groupName), new("PolicyName", policyName)], policyName, cancellationToken);
    }

    /// <inheritdoc />
    public async Task<AwsResult<IamUser>> GetUserAsync(string userName, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(userName);
        var call = new IamCall("GetUser", userName, $"The IAM user {userName} does not exist: create it, or check the user name.");
        IamAnswer answer = await CallAsync(call, [new("UserName", userName)], cancellationToken).ConfigureAwait(false);
        return UserOf(call, answer);
    }

    /// <inheritdoc />
    public Task<AwsResult<IReadOnlyList<PolicyVersionInfo>>> ListPolicyVersionsAsync(string policyArn, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(policyArn);
        var call = new IamCall("ListPolicyVersions", policyArn, $"The policy {policyArn} does not exist: check the ARN.");
        return ListAsync(call, new("PolicyArn", policyArn), "Versions", VersionOf, "a policy version without id or creation date", cancellationToken);
    }

    /// <inheritdoc />
    public async Task<AwsResult<IamUser>> CreateUserAsync(string userName, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(userName);
        var call = new IamCall("CreateUser", userName, $"IAM could not create the user {userName}: check the user name and path.")
        {
            AlreadyExistsMessage = $"The IAM user {userName} already exists, so it was not created: use it as it is.",
        };
        IamAnswer answer = await CallAsync(call, [new("UserName", userName)], cancellationToken).ConfigureAwait(false);
        return UserOf(call, answer);
    }

    /// <inheritdoc />
    public async Task<AwsResult<CreatedPolicy>> CreatePolicyAsync(
        string policyName, string policyDocument, string? description, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(policyName);
        ArgumentException.ThrowIfNullOrWhiteSpace(policyDocument);
        var call = new IamCall("CreatePolicy", policyName, $"IAM could not create the policy {policyName}: check the policy name.")
        {
            AlreadyExistsMessage = $"A managed policy named {policyName} already exists in the account: add a new version to it instead of creating it.",
            LimitMessage = $"IAM refused to create the policy {policyName}: an IAM quota was reached (the policy's size, or the account's number of managed policies).",
        };
        if (TooLarge(call, policyDocument) is { } tooLarge)
        {
            return AwsResult<CreatedPolicy>.Fail(tooLarge);
        }

        List<KeyValuePair<string, string>> parameters = [new("PolicyName", policyName), new("PolicyDocument", policyDocument)];
        if (!string.IsNullOrEmpty(description))
        {
            parameters.Add(new("Description", description));
        }

        IamAnswer answer = await CallAsync(call, parameters, cancellationToken).ConfigureAwait(false);
        if (answer.Result is not { } result)
        {
            return answer.Fail<CreatedPolicy>();
        }

        XElement? policy = result.Element(IamNamespace + "Policy");
        string? arn = policy?.Element(IamNamespace + "Arn")?.Value;
        string? versionId = policy?.Element(IamNamespace + "DefaultVersionId")?.Value;
        return string.IsNullOrWhiteSpace(arn) || string.IsNullOrWhiteSpace(versionId)
            ? AwsResult<CreatedPolicy>.Fail(IamFailures.Unexpected(call, "a policy without Arn or DefaultVersionId"))
            : AwsResult<CreatedPolicy>.Ok(new CreatedPolicy(policy!.Element(IamNamespace + "PolicyName")?.Value ?? policyName, arn, versionId));
    }

    /// <inheritdoc />
    public async Task<AwsResult<PolicyVersionInfo>> CreatePolicyVersionAsync(string policyArn, string policyDocument, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(policyArn);
        ArgumentException.ThrowIfNullOrWhiteSpace(policyDocument);
        var call = new IamCall("CreatePolicyVersion", policyArn, $"The policy {policyArn} does not exist: create it, or check the ARN.")
        {
            LimitMessage = $"The policy {policyArn} already has {PolicyVersionPlan.MaxVersions} versions, IAM's maximum, so no version was added: "
                + "delete its oldest non-default version (iam:DeletePolicyVersion), then add the new one.",
        };
        if (TooLarge(call, policyDocument) is { } tooLarge)
        {
            return AwsResult<PolicyVersionInfo>.Fail(tooLarge);
        }

        IamAnswer answer = await CallAsync(
            call,
            [new("PolicyArn", policyArn), new("PolicyDocument", policyDocument), new("SetAsDefault", "true")],
            cancellationToken).ConfigureAwait(false);
        if (answer.Result is not { } result)
        {
            return answer.Fail<PolicyVersionInfo>();
        }

        return result.Element(IamNamespace + "PolicyVersion") is { } version && VersionOf(version) is { } created
            ? AwsResult<PolicyVersionInfo>.Ok(created)
            : AwsResult<PolicyVersionInfo>.Fail(IamFailures.Unexpected(call, "a policy version without id or creation date"));
    }

    /// <inheritdoc />
    public async Task<AwsResult<DeletedPolicyVersion>> DeletePolicyVersionAsync(string policyArn, string versionId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(policyArn);
        ArgumentException.ThrowIfNullOrWhiteSpace(versionId);
        var call = new IamCall(
            "DeletePolicyVersion",
            $"{policyArn} version {versionId}",
            $"The policy {policyArn} has no version {versionId}: it may have been deleted already; inspect again.")
        {
            ConflictMessage = $"Version {versionId} is the default version of {policyArn}, which IAM never deletes: delete a non-default version instead.",
            ReturnsNothing = true,
        };
        IamAnswer answer = await CallAsync(call, [new("PolicyArn", policyArn), new("VersionId", versionId)], cancellationToken).ConfigureAwait(false);
        return answer.Result is null ? answer.Fail<DeletedPolicyVersion>() : AwsResult<DeletedPolicyVersion>.Ok(new DeletedPolicyVersion(policyArn, versionId));
    }

    /// <inheritdoc />
    public async Task<AwsResult<UserPolicyAttachment>> AttachUserPolicyAsync(string userName, string policyArn, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(userName);
        ArgumentException.ThrowIfNullOrWhiteSpace(policyArn);
        var call = new IamCall(
            "AttachUserPolicy",
            $"{policyArn} on user {userName}",
            $"The IAM user {userName} or the policy {policyArn} does not exist: create them first, or check the names.")
        {
            LimitMessage = $"The IAM user {userName} already has the most managed policies IAM allows (10 by default): detach one, or attach the policy to a group.",
            ReturnsNothing = true,
        };
        IamAnswer answer = await CallAsync(call, [new("UserName", userName), new("PolicyArn", policyArn)], cancellationToken).ConfigureAwait(false);
        return answer.Result is null ? answer.Fail<UserPolicyAttachment>() : AwsResult<UserPolicyAttachment>.Ok(new UserPolicyAttachment(userName, policyArn));
    }

    /// <inheritdoc />
    public Task<AwsResult<IReadOnlyList<string>>> ListAccessKeysAsync(string userName, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(userName);
        var call = new IamCall("ListAccessKeys", userName, $"The IAM user {userName} does not exist: create it in step 2 first.");
        return ListAsync(call, new("UserName", userName), "AccessKeyMetadata", member => member.Element(IamNamespace + "AccessKeyId")?.Value, "an access key without an id", cancellationToken);
    }

    /// <inheritdoc />
    public async Task<AwsResult<CreatedAccessKey>> CreateAccessKeyAsync(string userName, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(userName);
        var call = new IamCall("CreateAccessKey", userName, $"The IAM user {userName} does not exist: create it in step 2 first.")
        {
            LimitMessage = $"The IAM user {userName} already holds {CreatedAccessKey.MaxKeysPerUser} access keys, IAM's maximum, so no key was created: " +
                "delete one it no longer uses (iam:DeleteAccessKey), or paste an existing key instead.",
        };
        IamAnswer answer = await CallAsync(call, [new("UserName", userName)], cancellationToken).ConfigureAwait(false);
        if (answer.Result is not { } result)
        {
            return answer.Fail<CreatedAccessKey>();
        }

        XElement? key = result.Element(IamNamespace + "AccessKey");
        string? id = key?.Element(IamNamespace + "AccessKeyId")?.Value;
        string? secret = key?.Element(IamNamespace + "SecretAccessKey")?.Value;
        return string.IsNullOrWhiteSpace(id) || string.IsNullOrWhiteSpace(secret)
            ? AwsResult<CreatedAccessKey>.Fail(IamFailures.Unexpected(call, "an access key without id or secret"))
            : AwsResult<CreatedAccessKey>.Ok(new CreatedAccessKey(key!.Element(IamNamespace + "UserName")?.Value ?? userName, id, secret));
    }

    /// <summary>The failure for a document IAM would refuse for its size, or null when it fits.</summary>
    private static AwsFailure? TooLarge(IamCall call, string policyDocument)
    {
        int characters = PolicyText.Measure(policyDocument).CharacterCount;
        return characters > PolicySummary.CharacterLimit ? IamFailures.DocumentTooLarge(call, characters, PolicySummary.CharacterLimit) : null;
    }

    private static AwsResult<IamUser> UserOf(IamCall call, IamAnswer answer)
    {
        if (answer.Result is not { } result)
        {
            return answer.Fail<IamUser>();
        }

        XElement? user = result.Element(IamNamespace + "User");
        string? name = user?.Element(IamNamespace + "UserName")?.Value;
        string? id = user?.Element(IamNamespace + "UserId")?.Value;
        string? arn = user?.Element(IamNamespace + "Arn")?.Value;
        return string.IsNullOrEmpty(name) || string.IsNullOrEmpty(id) || string.IsNullOrEmpty(arn)
            ? AwsResult<IamUser>.Fail(IamFailures.Unexpected(call, "a user without name, id or ARN"))
            : AwsResult<IamUser>.Ok(new IamUser(name, id, arn));
    }

    /// <summary>A <c>PolicyVersion</c> (or ListPolicyVersions member); null when its id or creation date is missing or unreadable.</summary>
    private static PolicyVersionInfo? VersionOf(XElement version)
    {
        string? id = version.Element(IamNamespace + "VersionId")?.Value.Trim();
        string? created = version.Element(IamNamespace + "CreateDate")?.Value.Trim();
        bool isDefault = string.Equals(version.Element(IamNamespace + "IsDefaultVersion")?.Value.Trim(), "true", StringComparison.OrdinalIgnoreCase);
        return string.IsNullOrEmpty(id)
            || !DateTimeOffset.TryParse(created, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out DateTimeOffset createDate)
            ? null
            : new PolicyVersionInfo(id, isDefault, createDate);
    }

    private static AttachedPolicy? AttachedPolicyOf(XElement member)
    {
        string? name = member.Element(IamNamespace + "PolicyName")?.Value;
        string? arn = member.Element(IamNamespace + "PolicyArn")?.Value;
        return name is null || arn is null ? null : new AttachedPolicy(name, arn);
    }

    private static string? NameOf(XElement member) => string.IsNullOrEmpty(member.Value) ? null : member.Value;

    /// <summary>
    /// Reads every page of a list (<c>Marker</c> pagination): the <c>member</c> elements of <paramref name="listElement"/>.
    /// A member that cannot be read, or a truncated page without a new marker, fails the whole list: a partial list
    /// would hide a policy from the checks.
    /// </summary>
    private async Task<AwsResult<IReadOnlyList<T>>> ListAsync<T>(
        IamCall call,
        KeyValuePair<string, string> subject,
        string listElement,
        Func<XElement, T?> read,
        string unreadable,
        CancellationToken cancellationToken)
        where T : class
    {
        var items = new List<T>();
        string? marker = null;
        do
        {
            List<KeyValuePair<string, string>> parameters = [subject];
            if (marker is not null)
            {
                parameters.Add(new("Marker", marker));
            }

            IamAnswer page = await CallAsync(call, parameters, cancellationToken).ConfigureAwait(false);
            if (page.Result is not { } pageResult)
            {
                return page.Fail<IReadOnlyList<T>>();
            }

            foreach (XElement member in pageResult.Element(IamNamespace + listElement)?.Elements(IamNamespace + "member") ?? [])
            {
                if (read(member) is not T item)
                {
                    return AwsResult<IReadOnlyList<T>>.Fail(IamFailures.Unexpected(call, unreadable));
                }

                items.Add(item);
            }

            bool truncated = string.Equals(pageResult.Element(IamNamespace + "IsTruncated")?.Value.Trim(), "true", StringComparison.OrdinalIgnoreCase);
            string? next = truncated ? pageResult.Element(IamNamespace + "Marker")?.Value : null;
            if (truncated && (string.IsNullOrEmpty(next) || next == marker))
            {
                return AwsResult<IReadOnlyList<T>>.Fail(IamFailures.Unexpected(call, "a truncated list without a new Marker"));
            }

            marker = next;
        }
        while (marker is not null);

        return AwsResult<IReadOnlyList<T>>.Ok(items);
    }

    /// <summary>Reads an inline policy (GetUserPolicy, GetGroupPolicy): its <c>PolicyDocument</c> is URL-encoded like a policy version's.</summary>
    private async Task<AwsResult<InlinePolicy>> GetInlineAsync(
        IamCall call, List<KeyValuePair<string, string>> parameters, string policyName, CancellationToken cancellationToken)
    {
        IamAnswer answer = await CallAsync(call, parameters, cancellationToken).ConfigureAwait(false);
        if (answer.Result is not { } result)
        {
            return answer.Fail<InlinePolicy>();
        }

        string? document = result.Element(IamNamespace + "PolicyDocument")?.Value;
        return document is null
            ? AwsResult<InlinePolicy>.Fail(IamFailures.Unexpected(call, "no PolicyDocument"))
            : AwsResult<InlinePolicy>.Ok(new InlinePolicy(policyName, DecodeDocument(document)));
    }

    /// <summary>
    /// The default transport: redirects are not followed, because the signer sits above the transport and a followed
    /// redirect would go out with a stale or stripped signature.
    /// </summary>
    internal static SocketsHttpHandler CreateTransport() => new()
    {
        AllowAutoRedirect = false,
        PooledConnectionLifetime = TimeSpan.FromMinutes(5),
    };

    /// <summary>
    /// Decodes a policy document as IAM returns it: percent-encoded per RFC 3986, so <c>+</c> is a literal plus
    /// (form decoding would turn it into a space). A document that is already JSON (some emulators) is kept as is.
    /// </summary>
    internal static string DecodeDocument(string document)
    {
        string trimmed = document.TrimStart();
        return trimmed.StartsWith('{') ? document : Uri.UnescapeDataString(document);
    }

    /// <summary>
    /// The SigV4 region for an IAM endpoint: the region in a regional IAM host name, <c>us-gov-west-1</c> for
    /// GovCloud, otherwise <c>us-east-1</c> (IAM's global endpoint, and what LocalStack and other emulators accept).
    /// </summary>
    internal static string SigningRegionFor(Uri endpoint)
    {
        string host = endpoint.Host.ToLowerInvariant();
        if (host is "iam.us-gov.amazonaws.com" or "iam-fips.us-gov.amazonaws.com")
        {
            return "us-gov-west-1";
        }

        Match regional = RegionalIamHost().Match(host);
        return regional.Success ? regional.Groups["region"].Value : DefaultSigningRegion;
    }

    [GeneratedRegex(@"^iam(-fips)?\.(?<region>[a-z]{2}(-[a-z]+)+-\d+)\.amazonaws\.com(\.cn)?$", RegexOptions.CultureInvariant)]
    private static partial Regex RegionalIamHost();

    /// <summary>
    /// Posts one Query action and returns its <c>…Result</c> element, or the failure. A read that times out or cannot
    /// connect is tried <see cref="ReadAttempts"/> times; the caller's own cancellation propagates.
    /// </summary>
    private async Task<IamAnswer> CallAsync(IamCall call, IEnumerable<KeyValuePair<string, string>> parameters, CancellationToken cancellationToken)
    {
        List<KeyValuePair<string, string>> form = [new("Action", call.Action), .. parameters, new("Version", ApiVersion)];
        int attempts = call.IsRead ? ReadAttempts : 1;
        for (int attempt = 1; ; attempt++)
        {
            try
            {
                return await SendAsync(call, form, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                // The caller did not cancel, so HttpClient's own deadline did.
                if (attempt >= attempts)
                {
                    return IamAnswer.Failed(IamFailures.Timeout(call, _http.Timeout, attempt));
                }
            }
            catch (HttpRequestException ex)
            {
                if (attempt >= attempts)
                {
                    return IamAnswer.Failed(IamFailures.Network(call, _endpoint, ex));
                }
            }
            catch (AmazonClientException ex)
            {
                // The signer resolves the credentials on every request (e.g. an SSO or assume-role refresh) and can fail.
                return IamAnswer.Failed(IamFailures.UnusableCredentials(call, ex));
            }
            catch (AmazonServiceException ex)
            {
                return IamAnswer.Failed(IamFailures.UnusableCredentials(call, ex));
            }
        }
    }

    /// <summary>One attempt: the answer's result element, or the failure its status and body give.</summary>
    private async Task<IamAnswer> SendAsync(IamCall call, List<KeyValuePair<string, string>> form, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, _endpoint)
        {
            Content = new FormUrlEncodedContent(form),
        };
        using HttpResponseMessage response = await _http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        string body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        XElement? root = ParseXml(body);

        if (!response.IsSuccessStatusCode)
        {
            return IamAnswer.Failed(IamFailures.FromErrorResponse(
                call, (int)response.StatusCode, root, response.Content.Headers.ContentType?.MediaType, body));
        }

        XElement? result = root?.Element(IamNamespace + call.Action + "Result");
        if (result is null && call.ReturnsNothing && root?.Name == IamNamespace + call.Action + "Response")
        {
            // AttachUserPolicy, DeletePolicyVersion: the answer is the response element with its metadata only.
            return new IamAnswer(root);
        }

        return result is null
            ? IamAnswer.Failed(IamFailures.Unexpected(call, root is null ? "a body that is not XML" : $"no {call.Action}Result element"))
            : new IamAnswer(result);
    }

    private static XElement? ParseXml(string body)
    {
        if (string.IsNullOrWhiteSpace(body))
        {
            return null;
        }

        try
        {
            using var text = new StringReader(body);
            using var reader = XmlReader.Create(text, SafeXml);
            return XDocument.Load(reader).Root;
        }
        catch (XmlException)
        {
            return null;
        }
    }

    /// <summary>The <c>…Result</c> element of a successful call, or its failure.</summary>
    private sealed class IamAnswer
    {
        public IamAnswer(XElement result) => Result = result;

        private IamAnswer(AwsFailure failure) => Failure = failure;

        /// <summary>The result element, or null when the call failed.</summary>
        public XElement? Result { get; }

        private AwsFailure? Failure { get; }

        public static IamAnswer Failed(AwsFailure failure) => new(failure);

        /// <summary>The failure as a result of another type.</summary>
        public AwsResult<T> Fail<T>() => AwsResult<T>.Fail(Failure ?? throw new InvalidOperationException("The call succeeded."));
    }
}
