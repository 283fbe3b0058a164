using System.Text.RegularExpressions;
using IcaKms.FakeAws;

namespace IcaKms.Circuits;

/// <summary>
/// Whether a finished session was its own: the fake account holds its bucket, created once, encrypted with its key; its
/// page names its caller and its bucket and no other user's.
/// </summary>
internal static partial class SessionCheck
{
    public static string? Problem(WizardSession session, FakeAwsServer aws)
    {
        LoadUser user = session.User;
        if (session.CircuitError is { } error)
        {
            return $"the circuit reported: {error}";
        }

        if (aws.Bucket(user.BucketName) is not { } bucket)
        {
            return $"{user.BucketName} does not exist";
        }

        if (bucket.Encryption?.KmsMasterKeyId != user.KeyArn)
        {
            return $"{user.BucketName} is encrypted with {bucket.Encryption?.KmsMasterKeyId ?? "nothing"}, not {user.KeyArn}";
        }

        int creates = aws.Requests.Count(r => r.Operation == "s3:CreateBucket" && r.StatusCode == 200 && r.PathAndQuery.TrimStart('/').Split('?', '/')[0] == user.BucketName);
        if (creates != 1)
        {
            return $"{user.BucketName} was created {creates} times";
        }

        IReadOnlySet<string> buckets = session.BucketsShown();
        if (!buckets.SetEquals([user.BucketName]))
        {
            return $"the page shows the buckets {string.Join(", ", buckets)}";
        }

        string text = session.Text();
        var callers = Caller().Matches(text).Select(m => m.Value).ToHashSet(StringComparer.Ordinal);
        if (!callers.SetEquals([$"load-user-{user.Number}"]))
        {
            return $"the page names the callers {string.Join(", ", callers)}";
        }

        return null;
    }

    [GeneratedRegex(@"load-user-\d+\b")]
    private static partial Regex Caller();
}
