using System.Text.RegularExpressions;
using Amazon;
using Amazon.Runtime;
using Amazon.Runtime.Signing;
using IcaKms.Core.Aws;

namespace IcaKms.Core.Adapters.Aws;

/// <summary>
/// IAM over its Query API (form-encoded POST, XML answers) on an <see cref="HttpClient"/> that signs with SigV4.
/// Stands in for <c>AWSSDK.IdentityManagement</c>, which the package registry this project builds from does not serve.
/// The calls live by concept (<see cref="IamManagedPolicies"/>, <see cref="IamPrincipalPolicies"/>, <see cref="IamUsers"/>,
/// <see cref="IamAccessKeys"/>) over one <see cref="IamQuery"/>, the protocol.
/// </summary>
public sealed partial class IamQueryClient : IIamGateway
{
    /// <summary>IAM's global endpoint.</summary>
    public static readonly Uri DefaultEndpoint = new("https://iam.amazonaws.com/");

    /// <summary>How long one IAM attempt may take, answer body included, before it is given up (as for the SDK clients).</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(5);

    internal const string SigningService = "iam";
    internal const string DefaultSigningRegion = "us-east-1";

    private readonly IamQuery _query;
    private readonly IamManagedPolicies _managedPolicies;
    private readonly IamPrincipalPolicies _principalPolicies;
    private readonly IamUsers _users;
    private readonly IamAccessKeys _accessKeys;

    /// <summary>Creates a client over an <see cref="HttpClient"/> whose handlers already sign every request.</summary>
    /// <param name="signingHttpClient">
    /// The client; its <see cref="HttpClient.BaseAddress"/> is the endpoint (IAM's global endpoint when null).
    /// Build one with <see cref="Create"/>.
    /// </param>
    public IamQueryClient(HttpClient signingHttpClient)
    {
        ArgumentNullException.ThrowIfNull(signingHttpClient);
        var query = new IamQuery(signingHttpClient, signingHttpClient.BaseAddress ?? DefaultEndpoint);
        _managedPolicies = new IamManagedPolicies(query);
        _principalPolicies = new IamPrincipalPolicies(query);
        _users = new IamUsers(query);
        _accessKeys = new IamAccessKeys(query);
        _query = query;
    }

    /// <summary>The client's timeout, for tests.</summary>
    internal TimeSpan Timeout => _query.Timeout;

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
    public Task<Result<ManagedPolicyVersion, AwsFailure>> GetPolicyDefaultVersionAsync(string policyArn, CancellationToken cancellationToken = default)
        => _managedPolicies.GetPolicyDefaultVersionAsync(policyArn, cancellationToken);

    /// <inheritdoc />
    public Task<Result<IReadOnlyList<AttachedPolicy>, AwsFailure>> ListAttachedUserPoliciesAsync(string userName, CancellationToken cancellationToken = default)
        => _principalPolicies.ListAttachedUserPoliciesAsync(userName, cancellationToken);

    /// <inheritdoc />
    public Task<Result<IReadOnlyList<string>, AwsFailure>> ListUserPoliciesAsync(string userName, CancellationToken cancellationToken = default)
        => _principalPolicies.ListUserPoliciesAsync(userName, cancellationToken);

    /// <inheritdoc />
    public Task<Result<InlinePolicy, AwsFailure>> GetUserPolicyAsync(string userName, string policyName, CancellationToken cancellationToken = default)
        => _principalPolicies.GetUserPolicyAsync(userName, policyName, cancellationToken);

    /// <inheritdoc />
    public Task<Result<IReadOnlyList<string>, AwsFailure>> ListGroupsForUserAsync(string userName, CancellationToken cancellationToken = default)
        => _principalPolicies.ListGroupsForUserAsync(userName, cancellationToken);

    /// <inheritdoc />
    public Task<Result<IReadOnlyList<AttachedPolicy>, AwsFailure>> ListAttachedGroupPoliciesAsync(string groupName, CancellationToken cancellationToken = default)
        => _principalPolicies.ListAttachedGroupPoliciesAsync(groupName, cancellationToken);

    /// <inheritdoc />
    public Task<Result<IReadOnlyList<string>, AwsFailure>> ListGroupPoliciesAsync(string groupName, CancellationToken cancellationToken = default)
        => _principalPolicies.ListGroupPoliciesAsync(groupName, cancellationToken);

    /// <inheritdoc />
    public Task<Result<InlinePolicy, AwsFailure>> GetGroupPolicyAsync(string groupName, string policyName, CancellationToken cancellationToken = default)
        => _principalPolicies.GetGroupPolicyAsync(groupName, policyName, cancellationToken);

    /// <inheritdoc />
    public Task<Result<IamUser, AwsFailure>> GetUserAsync(string userName, CancellationToken cancellationToken = default)
        => _users.GetUserAsync(userName, cancellationToken);

    /// <inheritdoc />
    public Task<Result<IReadOnlyList<PolicyVersionInfo>, AwsFailure>> ListPolicyVersionsAsync(string policyArn, CancellationToken cancellationToken = default)
        => _managedPolicies.ListPolicyVersionsAsync(policyArn, cancellationToken);

    /// <inheritdoc />
    public Task<Result<IamUser, AwsFailure>> CreateUserAsync(string userName, CancellationToken cancellationToken = default)
        => _users.CreateUserAsync(userName, cancellationToken);

    /// <inheritdoc />
    public Task<Result<CreatedPolicy, AwsFailure>> CreatePolicyAsync(string policyName, string policyDocument, string? description, CancellationToken cancellationToken = default)
        => _managedPolicies.CreatePolicyAsync(policyName, policyDocument, description, cancellationToken);

    /// <inheritdoc />
    public Task<Result<PolicyVersionInfo, AwsFailure>> CreatePolicyVersionAsync(string policyArn, string policyDocument, CancellationToken cancellationToken = default)
        => _managedPolicies.CreatePolicyVersionAsync(policyArn, policyDocument, cancellationToken);

    /// <inheritdoc />
    public Task<Result<DeletedPolicyVersion, AwsFailure>> DeletePolicyVersionAsync(string policyArn, string versionId, CancellationToken cancellationToken = default)
        => _managedPolicies.DeletePolicyVersionAsync(policyArn, versionId, cancellationToken);

    /// <inheritdoc />
    public Task<Result<UserPolicyAttachment, AwsFailure>> AttachUserPolicyAsync(string userName, string policyArn, CancellationToken cancellationToken = default)
        => _principalPolicies.AttachUserPolicyAsync(userName, policyArn, cancellationToken);

    /// <inheritdoc />
    public Task<Result<IReadOnlyList<string>, AwsFailure>> ListAccessKeysAsync(string userName, CancellationToken cancellationToken = default)
        => _accessKeys.ListAccessKeysAsync(userName, cancellationToken);

    /// <inheritdoc />
    public Task<Result<CreatedAccessKey, AwsFailure>> CreateAccessKeyAsync(string userName, CancellationToken cancellationToken = default)
        => _accessKeys.CreateAccessKeyAsync(userName, cancellationToken);

    /// <inheritdoc />
    public Task<Result<IReadOnlyList<AccessKeyMetadata>, AwsFailure>> ListAccessKeyMetadataAsync(string userName, CancellationToken cancellationToken = default)
        => _accessKeys.ListAccessKeyMetadataAsync(userName, cancellationToken);

    /// <inheritdoc />
    public Task<Result<DateTimeOffset?, AwsFailure>> GetAccessKeyLastUsedAsync(string accessKeyId, CancellationToken cancellationToken = default)
        => _accessKeys.GetAccessKeyLastUsedAsync(accessKeyId, cancellationToken);

    /// <inheritdoc />
    public Task<Result<bool, AwsFailure>> UpdateAccessKeyAsync(string userName, string accessKeyId, AccessKeyStatus status, CancellationToken cancellationToken = default)
        => _accessKeys.UpdateAccessKeyAsync(userName, accessKeyId, status, cancellationToken);

    /// <inheritdoc />
    public Task<Result<bool, AwsFailure>> DeleteAccessKeyAsync(string userName, string accessKeyId, CancellationToken cancellationToken = default)
        => _accessKeys.DeleteAccessKeyAsync(userName, accessKeyId, cancellationToken);

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
}
