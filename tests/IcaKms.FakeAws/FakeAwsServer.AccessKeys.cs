using System.Globalization;
using System.Net;
using System.Xml.Linq;

namespace IcaKms.FakeAws;

/// <content>
/// IAM's calls on a user's access keys beyond create and list: GetAccessKeyLastUsed, UpdateAccessKey (Active/Inactive)
/// and DeleteAccessKey, with what a test sets (<see cref="MarkAccessKeyUsed"/>) and reads (<see cref="AccessKeyStatus"/>).
/// </content>
public sealed partial class FakeAwsServer
{
    /// <summary>The status of an access key created here (<c>Active</c> or <c>Inactive</c>), or null when there is none.</summary>
    public string? AccessKeyStatus(string accessKeyId) => Iam.AccessKeyStatusOf(accessKeyId);

    /// <summary>Gives a user an access key directly (as if made earlier), with IAM's limit of two; its id. The secret is not kept.</summary>
    public string AddAccessKey(string userName) =>
        Iam.CreateAccessKey(userName).Id ?? throw new InvalidOperationException($"{userName} has two access keys already.");

    /// <summary>Makes an access key <c>Active</c> or <c>Inactive</c> directly (as an admin would in the console).</summary>
    public void SetAccessKeyStatus(string accessKeyId, string status) => Iam.ChangeAccessKey(accessKeyId, status, null);

    /// <summary>Records that an access key signed a request at <paramref name="when"/> (what GetAccessKeyLastUsed then answers).</summary>
    public void MarkAccessKeyUsed(string accessKeyId, DateTimeOffset when) => Iam.ChangeAccessKey(accessKeyId, null, when);

    private FakeAwsResponse GetAccessKeyLastUsed(QueryCall call, IncomingRequest request)
    {
        if (request.Parameter("AccessKeyId") is not { Length: > 0 } id)
        {
            return MissingParameter(call, "accessKeyId");
        }

        if (Iam.AccessKeyStatusOf(id) is null)
        {
            return QueryError(call, HttpStatusCode.NotFound, "NoSuchEntity", $"The Access Key with id {id} cannot be found.");
        }

        DateTimeOffset? last = Iam.LastUsedOf(id);
        return QueryAnswer(call, new XElement(IamNamespace + "AccessKeyLastUsed",
            last is { } when
                ? new XElement[] { new XElement(IamNamespace + "LastUsedDate", when.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture)),
                    new XElement(IamNamespace + "ServiceName", "s3"), new XElement(IamNamespace + "Region", "us-east-1") }
                : new XElement[] { new XElement(IamNamespace + "ServiceName", "N/A"), new XElement(IamNamespace + "Region", "N/A") }));
    }

    private FakeAwsResponse UpdateAccessKey(QueryCall call, IncomingRequest request, string userName)
    {
        string? status = request.Parameter("Status");
        if (request.Parameter("AccessKeyId") is not { Length: > 0 } id || status is not ("Active" or "Inactive"))
        {
            return QueryError(call, HttpStatusCode.BadRequest, "ValidationError", "AccessKeyId and Status (Active or Inactive) are required.");
        }

        return Iam.AccessKeysOf(userName).Contains(id)
            ? Done(call, Iam.ChangeAccessKey(id, status, null))
            : QueryError(call, HttpStatusCode.NotFound, "NoSuchEntity", $"The Access Key with id {id} cannot be found.");
    }

    private FakeAwsResponse DeleteAccessKey(QueryCall call, IncomingRequest request, string userName)
    {
        if (request.Parameter("AccessKeyId") is not { Length: > 0 } id)
        {
            return MissingParameter(call, "accessKeyId");
        }

        return Iam.DeleteAccessKey(userName, id)
            ? Done(call, true)
            : QueryError(call, HttpStatusCode.NotFound, "NoSuchEntity", $"The Access Key with id {id} cannot be found.");
    }

    // UpdateAccessKey and DeleteAccessKey answer with response metadata only.
    private static FakeAwsResponse Done(QueryCall call, bool changed) => changed
        ? QueryEmptyAnswer(call)
        : QueryError(call, HttpStatusCode.NotFound, "NoSuchEntity", "The Access Key cannot be found.");

    private sealed partial class IamState
    {
        public string? AccessKeyStatusOf(string accessKeyId)
        {
            lock (_lock)
            {
                return _accessKeys.Values.SelectMany(k => k).FirstOrDefault(k => k.Id == accessKeyId)?.Status;
            }
        }

        public DateTimeOffset? LastUsedOf(string accessKeyId)
        {
            lock (_lock)
            {
                return _accessKeys.Values.SelectMany(k => k).FirstOrDefault(k => k.Id == accessKeyId)?.LastUsed;
            }
        }

        public bool ChangeAccessKey(string accessKeyId, string? status, DateTimeOffset? lastUsed)
        {
            lock (_lock)
            {
                foreach (List<AccessKey> keys in _accessKeys.Values)
                {
                    int index = keys.FindIndex(k => k.Id == accessKeyId);
                    if (index >= 0)
                    {
                        keys[index] = keys[index] with { Status = status ?? keys[index].Status, LastUsed = lastUsed ?? keys[index].LastUsed };
                        return true;
                    }
                }

                return false;
            }
        }

        public bool DeleteAccessKey(string userName, string accessKeyId)
        {
            lock (_lock)
            {
                return _accessKeys.TryGetValue(userName, out List<AccessKey>? keys) && keys.RemoveAll(k => k.Id == accessKeyId) > 0;
            }
        }
    }
}
