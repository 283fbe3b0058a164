using IcaKms.Core.Aws;
using IcaKms.Core;

namespace IcaKms.TestKit;

/// <summary>IAM: the status, creation date and last use of the user's access keys (<see cref="AccessKeys"/> holds their ids).</summary>
public sealed partial class InMemoryAws
{
    /// <summary>The creation date of a key with none set in <see cref="AccessKeyStates"/>.</summary>
    public static readonly DateTimeOffset DefaultKeyCreated = new(2025, 1, 2, 3, 4, 5, TimeSpan.Zero);

    /// <summary>Each key's status, creation and last use by id; a key missing here is active, made <see cref="DefaultKeyCreated"/>, never used.</summary>
    public Dictionary<string, AccessKeyState> AccessKeyStates { get; } = new(StringComparer.Ordinal);

    /// <summary>Adds a key of the given state (a test's starting point).</summary>
    public void AddAccessKey(string accessKeyId, AccessKeyStatus status, DateTimeOffset? lastUsed = null)
    {
        lock (_lock)
        {
            AccessKeys.Add(accessKeyId);
            AccessKeyStates[accessKeyId] = new AccessKeyState(status, DefaultKeyCreated, lastUsed);
        }
    }

    /// <inheritdoc />
    public Task<Result<IReadOnlyList<AccessKeyMetadata>, AwsFailure>> ListAccessKeyMetadataAsync(string userName, CancellationToken cancellationToken = default) =>
        AnswerAsync($"iam:ListAccessKeys {userName}", () => Ok<IReadOnlyList<AccessKeyMetadata>>(
            [.. AccessKeys.Select(id => StateOf(id) is var s ? new AccessKeyMetadata(id, s.Status, s.Created) : null!)]), cancellationToken);

    /// <inheritdoc />
    public Task<Result<DateTimeOffset?, AwsFailure>> GetAccessKeyLastUsedAsync(string accessKeyId, CancellationToken cancellationToken = default) =>
        AnswerAsync($"iam:GetAccessKeyLastUsed {accessKeyId}", () => AccessKeys.Contains(accessKeyId)
            ? Ok(StateOf(accessKeyId).LastUsed)
            : NotFound<DateTimeOffset?>("iam:GetAccessKeyLastUsed", $"The Access Key with id {accessKeyId} cannot be found."), cancellationToken);

    /// <inheritdoc />
    public Task<Result<bool, AwsFailure>> UpdateAccessKeyAsync(string userName, string accessKeyId, AccessKeyStatus status, CancellationToken cancellationToken = default) =>
        AnswerAsync($"iam:UpdateAccessKey {accessKeyId} {status}", () =>
        {
            if (!AccessKeys.Contains(accessKeyId))
            {
                return NotFound<bool>("iam:UpdateAccessKey", $"The Access Key with id {accessKeyId} cannot be found.");
            }

            AccessKeyStates[accessKeyId] = StateOf(accessKeyId) with { Status = status };
            return Ok(true);
        }, cancellationToken);

    /// <inheritdoc />
    public Task<Result<bool, AwsFailure>> DeleteAccessKeyAsync(string userName, string accessKeyId, CancellationToken cancellationToken = default) =>
        AnswerAsync($"iam:DeleteAccessKey {accessKeyId}", () =>
        {
            if (!AccessKeys.Remove(accessKeyId))
            {
                return NotFound<bool>("iam:DeleteAccessKey", $"The Access Key with id {accessKeyId} cannot be found.");
            }

            AccessKeyStates.Remove(accessKeyId);
            return Ok(true);
        }, cancellationToken);

    /// <summary>The status of a key now (active when none was set).</summary>
    public AccessKeyStatus StatusOf(string accessKeyId)
    {
        lock (_lock)
        {
            return StateOf(accessKeyId).Status;
        }
    }

    private AccessKeyState StateOf(string id) =>
        AccessKeyStates.TryGetValue(id, out AccessKeyState? state) ? state : new AccessKeyState(AccessKeyStatus.Active, DefaultKeyCreated, null);
}

/// <summary>An in-memory access key's status, creation date and last use.</summary>
/// <param name="Status">Active or inactive.</param>
/// <param name="Created">When it was made.</param>
/// <param name="LastUsed">When it last signed a request, or null.</param>
public sealed record AccessKeyState(AccessKeyStatus Status, DateTimeOffset Created, DateTimeOffset? LastUsed);
