using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace IcaKms.FakeIca;

/// <summary>
/// <c>POST /api/storageCredentials/{id}:updateSecrets</c> (204), and the fault of the validation that follows: a
/// configuration whose credential holds a key in <see cref="KeysAwsRefuses"/> validates to <c>ERROR</c>.
/// </summary>
public sealed partial class FakeIcaServer
{
    /// <summary>The message of a validation on a key AWS refuses, as ICA words an S3 403.</summary>
    public const string KeyRefusedMessage = "Access Denied: the storage credential's access key cannot read the bucket (403 Forbidden).";

    /// <summary>Access key ids AWS refuses (inactive, deleted, or without the policy): validating a configuration on one ends in ERROR.</summary>
    public HashSet<string> KeysAwsRefuses { get; } = new(StringComparer.Ordinal);

    /// <summary>Which other access keys AWS refuses (e.g. every key but the one held before a rotation), or null for none.</summary>
    public Func<string, bool>? AwsRefusesKey { get; set; }

    /// <summary>How many times each credential's secrets were replaced.</summary>
    public int SecretUpdates { get; private set; }

    /// <summary>Gives a credential another access key directly (as if an earlier session's <c>:updateSecrets</c> had sent it); not counted in <see cref="SecretUpdates"/>.</summary>
    public void HoldKey(string credentialId, string accessKeyId)
    {
        lock (_lock)
        {
            _credentials[credentialId] = _credentials[credentialId] with { AccessKeyId = accessKeyId };
        }
    }

    private Answer UpdateSecrets(string id, JsonObject json)
    {
        JsonObject? aws = json["awsCredentials"] as JsonObject;
        string? accessKeyId = aws is null ? null : Text(aws, "accessKeyId");
        string? secret = aws is null ? null : Text(aws, "secretAccessKey");
        if (accessKeyId is not { Length: > 0 and <= 100 } || secret is not { Length: > 0 and <= 100 })
        {
            return Invalid("awsCredentials", "accessKeyId and secretAccessKey are required (1-100 characters)");
        }

        lock (_lock)
        {
            if (!_credentials.TryGetValue(id, out FakeIcaCredential? credential))
            {
                return Problem(HttpStatusCode.NotFound, "Not Found", $"Storage credential {id} not found.");
            }

            _credentials[id] = credential with { AccessKeyId = accessKeyId, SecretDigest = DigestOf(secret) };
            SecretUpdates++;
            return new Answer(204, null, null);
        }
    }

    // Called under the lock, when a configuration's validation settles.
    private string? KeyRejectedFor(FakeIcaConfiguration configuration) =>
        _credentials.TryGetValue(configuration.CredentialId, out FakeIcaCredential? credential) && credential.AccessKeyId is { } key && (KeysAwsRefuses.Contains(key) || AwsRefusesKey?.Invoke(key) == true)
            ? KeyRefusedMessage
            : null;

    [GeneratedRegex(@"^/api/storageCredentials/(?<id>[^/:]+):updateSecrets$", RegexOptions.CultureInvariant)]
    private static partial Regex CredentialSecrets();
}
