using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace IcaKms.FakeAws;

/// <content>
/// The account's IAM as the server changes it: users, managed policies with their versions, and user attachments,
/// initialised from the immutable <see cref="FakeAwsScenario"/> on first use (the scenario itself never changes).
/// Groups, group memberships and inline policies are not written by any call and stay the scenario's.
/// </content>
public sealed partial class FakeAwsServer
{
    private IamState? _iamState;

    /// <summary>The account's IAM as it is now (created on the first IAM call).</summary>
    private IamState Iam => LazyInitializer.EnsureInitialized(ref _iamState, () => new IamState(Scenario));

    /// <summary>The ids of the access keys CreateAccessKey made for a user.</summary>
    public IReadOnlyList<string> AccessKeysOf(string userName) => Iam.AccessKeysOf(userName);

    /// <summary>The SHA-256 (hex, upper case) of the secret of an access key CreateAccessKey made, or null: the secret itself is never kept.</summary>
    public string? AccessKeySecretDigest(string accessKeyId) => Iam.SecretDigestOf(accessKeyId);

    /// <summary>An IAM error to answer: status, IAM's code and message.</summary>
    private sealed record IamError(HttpStatusCode Status, string Code, string Message);

    /// <summary>A user as GetUser and CreateUser answer it.</summary>
    private sealed record IamUserInfo(string UserName, string UserId, string Arn, string CreateDate);

    /// <summary>One version of a managed policy.</summary>
    private sealed record IamPolicyVersion(string VersionId, string Document, bool IsDefault, string CreateDate);

    /// <summary>A managed policy as GetPolicy and CreatePolicy answer it, with its versions newest first.</summary>
    private sealed record IamPolicyInfo(
        string PolicyName, string Arn, string Path, string DefaultVersionId, int AttachmentCount, string CreateDate, string UpdateDate,
        string? Description, IReadOnlyList<IamPolicyVersion> Versions);

    /// <summary>
    /// The mutable IAM of the fake account. Every method takes one lock, so concurrent calls see each other's writes
    /// whole, as IAM's (eventually consistent) API never shows half a write.
    /// </summary>
    private sealed partial class IamState
    {
        /// <summary>IAM's limits the fake enforces: versions per managed policy, characters per managed policy.</summary>
        public const int MaxPolicyVersions = 5;
        public const int MaxPolicyCharacters = 6144;

        private static readonly DateTimeOffset Epoch = DateTimeOffset.Parse(IamTimestamp, CultureInfo.InvariantCulture);

        private readonly Lock _lock = new();
        private readonly string _accountId;
        private readonly IReadOnlyDictionary<string, IReadOnlyList<string>> _groups;
        private readonly Dictionary<string, User> _users = new(StringComparer.Ordinal);
        private readonly Dictionary<string, Policy> _policies = new(StringComparer.Ordinal);
        private readonly Dictionary<string, List<AccessKey>> _accessKeys = new(StringComparer.Ordinal);
        private int _tick;

        public IamState(FakeAwsScenario scenario)
        {
            _accountId = scenario.AccountId;
            _groups = scenario.Groups;
            foreach ((string userName, IReadOnlyList<string> attached) in scenario.UserPolicies)
            {
                _users[userName] = new User(userName, IamTimestamp) { Attached = [.. attached] };
            }

            foreach ((string arn, string document) in scenario.PolicyDocuments)
            {
                var policy = new Policy(arn, IamTimestamp, null) { NextVersion = 2, DefaultVersionId = DefaultPolicyVersionId };
                policy.Versions.Add(new Version(DefaultPolicyVersionId, document, IamTimestamp));
                _policies[arn] = policy;
            }
        }

        public bool UserExists(string userName)
        {
            lock (_lock)
            {
                return _users.ContainsKey(userName);
            }
        }

        public IamUserInfo? GetUser(string userName)
        {
            lock (_lock)
            {
                return _users.TryGetValue(userName, out User? user) ? InfoOf(user) : null;
            }
        }

        public (IamUserInfo? User, IamError? Error) CreateUser(string userName)
        {
            if (!UserName().IsMatch(userName))
            {
                return (null, Invalid("userName", userName, @"[\w+=,.@-]+", 64));
            }

            lock (_lock)
            {
                if (_users.ContainsKey(userName))
                {
                    return (null, new IamError(HttpStatusCode.Conflict, "EntityAlreadyExists", $"User with name {userName} already exists."));
                }

                var user = new User(userName, Now());
                _users[userName] = user;
                return (InfoOf(user), null);
            }
        }

        /// <summary>The ids of a user's access keys (none for a user of the scenario until one is created).</summary>
        public IReadOnlyList<string> AccessKeysOf(string userName)
        {
            lock (_lock)
            {
                return _accessKeys.TryGetValue(userName, out List<AccessKey>? keys) ? [.. keys.Select(k => k.Id)] : [];
            }
        }

        /// <summary>Creates an access key; LimitExceeded at two. Only the secret's digest is kept.</summary>
        public (string? Id, string? Secret, IamError? Error) CreateAccessKey(string userName)
        {
            lock (_lock)
            {
                List<AccessKey> keys = _accessKeys.TryGetValue(userName, out List<AccessKey>? existing) ? existing : _accessKeys[userName] = [];
                if (keys.Count >= 2)
                {
                    return (null, null, new IamError(HttpStatusCode.Conflict, "LimitExceeded", "Cannot exceed quota for AccessKeysPerUser: 2"));
                }

                string id = "AKIA" + Convert.ToHexString(RandomNumberGenerator.GetBytes(8));
                string secret = Convert.ToBase64String(RandomNumberGenerator.GetBytes(30));
                keys.Add(new AccessKey(id, Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(secret)))));
                return (id, secret, null);
            }
        }

        /// <summary>The SHA-256 (hex) of the secret of an access key created here, or null.</summary>
        public string? SecretDigestOf(string accessKeyId)
        {
            lock (_lock)
            {
                return _accessKeys.Values.SelectMany(k => k).FirstOrDefault(k => k.Id == accessKeyId)?.SecretDigest;
            }
        }

        /// <summary>The ARNs of the managed policies attached to a user, or null when the user does not exist.</summary>
        public IReadOnlyList<string>? AttachedTo(string userName)
        {
            lock (_lock)
            {
                return _users.TryGetValue(userName, out User? user) ? [.. user.Attached] : null;
            }
        }

        public IamError? AttachUserPolicy(string userName, string policyArn)
        {
            lock (_lock)
            {
                if (!_users.TryGetValue(userName, out User? user))
                {
                    return new IamError(HttpStatusCode.NotFound, "NoSuchEntity", $"The user with name {userName} cannot be found.");
                }

                if (!_policies.ContainsKey(policyArn))
                {
                    return new IamError(HttpStatusCode.NotFound, "NoSuchEntity", $"Policy {policyArn} does not exist or is not attachable.");
                }

                // Attaching a policy that is already attached succeeds and changes nothing, as in IAM.
                if (!user.Attached.Contains(policyArn, StringComparer.Ordinal))
                {
                    if (user.Attached.Count >= 10)
                    {
                        return new IamError(HttpStatusCode.Conflict, "LimitExceeded", "Cannot exceed quota for PoliciesPerUser: 10");
                    }

                    user.Attached.Add(policyArn);
                }

                return null;
            }
        }

        public IamPolicyInfo? GetPolicy(string policyArn)
        {
            lock (_lock)
            {
                return _policies.TryGetValue(policyArn, out Policy? policy) ? InfoOf(policy) : null;
            }
        }

        public (IamPolicyInfo? Policy, IamError? Error) CreatePolicy(string policyName, string? document, string? description)
        {
            if (!PolicyName().IsMatch(policyName))
            {
                return (null, Invalid("policyName", policyName, @"[\w+=,.@-]+", 128));
            }

            if (DocumentError(document) is { } error)
            {
                return (null, error);
            }

            lock (_lock)
            {
                string arn = $"arn:aws:iam::{_accountId}:policy/{policyName}";
                if (_policies.ContainsKey(arn))
                {
                    return (null, new IamError(HttpStatusCode.Conflict, "EntityAlreadyExists",
                        $"A policy called {policyName} already exists. Duplicate names are not allowed."));
                }

                string now = Now();
                var policy = new Policy(arn, now, description) { NextVersion = 2, DefaultVersionId = DefaultPolicyVersionId };
                policy.Versions.Add(new Version(DefaultPolicyVersionId, document!, now));
                _policies[arn] = policy;
                return (InfoOf(policy), null);
            }
        }

        public IamPolicyVersion? GetPolicyVersion(string policyArn, string versionId)
        {
            lock (_lock)
            {
                return _policies.TryGetValue(policyArn, out Policy? policy) && policy.Versions.Find(v => v.VersionId == versionId) is { } version
                    ? VersionOf(policy, version)
                    : null;
            }
        }

        public (IamPolicyVersion? Version, IamError? Error) CreatePolicyVersion(string policyArn, string? document, bool setAsDefault)
        {
            if (DocumentError(document) is { } error)
            {
                return (null, error);
            }

            lock (_lock)
            {
                if (!_policies.TryGetValue(policyArn, out Policy? policy))
                {
                    return (null, NoSuchPolicy(policyArn));
                }

                if (policy.Versions.Count >= MaxPolicyVersions)
                {
                    return (null, new IamError(HttpStatusCode.Conflict, "LimitExceeded",
                        $"A managed policy can have up to {MaxPolicyVersions} versions. Before you create a new version, you must delete an existing version."));
                }

                // Version ids are never reused: after v5 is deleted, the next one is still v6.
                var version = new Version($"v{policy.NextVersion.ToString(CultureInfo.InvariantCulture)}", document!, Now());
                policy.NextVersion++;
                policy.Versions.Add(version);
                policy.UpdateDate = version.CreateDate;
                if (setAsDefault)
                {
                    policy.DefaultVersionId = version.VersionId;
                }

                return (VersionOf(policy, version), null);
            }
        }

        public IamError? DeletePolicyVersion(string policyArn, string versionId)
        {
            lock (_lock)
            {
                if (!_policies.TryGetValue(policyArn, out Policy? policy))
                {
                    return NoSuchPolicy(policyArn);
                }

                int index = policy.Versions.FindIndex(v => v.VersionId == versionId);
                if (index < 0)
                {
                    return new IamError(HttpStatusCode.NotFound, "NoSuchEntity", $"Policy {policyArn} version {versionId} does not exist or is not attachable.");
                }

                if (policy.DefaultVersionId == versionId)
                {
                    return new IamError(HttpStatusCode.Conflict, "DeleteConflict", "Cannot delete the default version of a policy.");
                }

                policy.Versions.RemoveAt(index);
                return null;
            }
        }

        /// <summary>MalformedPolicyDocument for text that is not a JSON object, LimitExceeded over 6,144 characters without whitespace.</summary>
        private static IamError? DocumentError(string? document)
        {
            if (string.IsNullOrEmpty(document))
            {
                return new IamError(HttpStatusCode.BadRequest, "ValidationError",
                    "1 validation error detected: Value null at 'policyDocument' failed to satisfy constraint: Member must not be null");
            }

            try
            {
                using var parsed = JsonDocument.Parse(document);
                if (parsed.RootElement.ValueKind != JsonValueKind.Object || !parsed.RootElement.TryGetProperty("Statement", out _))
                {
                    return new IamError(HttpStatusCode.BadRequest, "MalformedPolicyDocument", "Policy document must contain a Statement.");
                }
            }
            catch (JsonException)
            {
                return new IamError(HttpStatusCode.BadRequest, "MalformedPolicyDocument", "Syntax errors in policy.");
            }

            return document.Count(c => !char.IsWhiteSpace(c)) > MaxPolicyCharacters
                ? new IamError(HttpStatusCode.Conflict, "LimitExceeded", $"Cannot exceed quota for PolicySize: {MaxPolicyCharacters}")
                : null;
        }

        private static IamError NoSuchPolicy(string policyArn) =>
            new(HttpStatusCode.NotFound, "NoSuchEntity", $"Policy {policyArn} was not found.");

        private static IamError Invalid(string member, string value, string pattern, int maxLength) =>
            new(HttpStatusCode.BadRequest, "ValidationError",
                $"1 validation error detected: Value '{value}' at '{member}' failed to satisfy constraint: Member must satisfy regular expression pattern: {pattern} and length at most {maxLength}");

        private static IamPolicyVersion VersionOf(Policy policy, Version version) =>
            new(version.VersionId, version.Document, version.VersionId == policy.DefaultVersionId, version.CreateDate);

        /// <summary>The next instant of the fake's IAM clock: one minute after the last write, so versions sort by age.</summary>
        private string Now() =>
            Epoch.AddMinutes(++_tick).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

        private IamUserInfo InfoOf(User user) =>
            new(user.UserName, $"AIDA{StableId(user.UserName)}", $"arn:aws:iam::{_accountId}:user/{user.UserName}", user.CreateDate);

        private IamPolicyInfo InfoOf(Policy policy)
        {
            string resource = policy.Arn.Split(':', 6)[^1];
            int firstSlash = resource.IndexOf('/', StringComparison.Ordinal);
            string path = firstSlash < 0 ? "/" : resource[firstSlash..(resource.LastIndexOf('/') + 1)];
            int attachments = _users.Values.Count(user => user.Attached.Contains(policy.Arn, StringComparer.Ordinal))
                + _groups.Values.Count(arns => arns.Contains(policy.Arn, StringComparer.Ordinal));
            return new IamPolicyInfo(
                resource.Split('/')[^1], policy.Arn, path, policy.DefaultVersionId, attachments, policy.CreateDate, policy.UpdateDate, policy.Description,
                [.. policy.Versions.AsEnumerable().Reverse().Select(version => VersionOf(policy, version))]);
        }

        [GeneratedRegex(@"^[\w+=,.@-]{1,64}$", RegexOptions.CultureInvariant)]
        private static partial Regex UserName();

        [GeneratedRegex(@"^[\w+=,.@-]{1,128}$", RegexOptions.CultureInvariant)]
        private static partial Regex PolicyName();

        private sealed record AccessKey(string Id, string SecretDigest, string Status = "Active", DateTimeOffset? LastUsed = null);

        private sealed record User(string UserName, string CreateDate)
        {
            public List<string> Attached { get; init; } = [];
        }

        private sealed record Version(string VersionId, string Document, string CreateDate);

        private sealed class Policy(string arn, string createDate, string? description)
        {
            public string Arn { get; } = arn;

            public string CreateDate { get; } = createDate;

            public string UpdateDate { get; set; } = createDate;

            public string? Description { get; } = description;

            public List<Version> Versions { get; } = [];

            public required string DefaultVersionId { get; set; }

            public required int NextVersion { get; set; }
        }
    }
}
