using System.Net;
using System.Xml.Linq;

namespace IcaKms.FakeAws;

/// <content>
/// The Query-protocol services (form POST, XML answers): STS GetCallerIdentity; IAM reads GetPolicy, GetPolicyVersion,
/// ListPolicyVersions, GetUser, ListAttachedUserPolicies, ListUserPolicies, GetUserPolicy, ListGroupsForUser,
/// ListAttachedGroupPolicies, ListGroupPolicies and GetGroupPolicy; and IAM writes CreateUser, CreatePolicy,
/// CreatePolicyVersion, DeletePolicyVersion, AttachUserPolicy and CreateAccessKey (with ListAccessKeys), which change the server's IAM state (never the
/// scenario) and which the reads then see.
/// </content>
public sealed partial class FakeAwsServer
{
    private const string StsService = "sts";
    private const string IamService = "iam";
    private const string StsVersion = "2011-06-15";
    private const string IamVersion = "2010-05-08";
    private const string DefaultPolicyVersionId = "v1";
    private const string IamTimestamp = "2024-01-02T03:04:05Z";

    private static readonly HashSet<string> IamActions = new(StringComparer.Ordinal)
    {
        "GetPolicy", "GetPolicyVersion", "ListAttachedUserPolicies", "ListUserPolicies", "GetUserPolicy",
        "ListGroupsForUser", "ListAttachedGroupPolicies", "ListGroupPolicies", "GetGroupPolicy",
        "GetUser", "ListPolicyVersions", "CreateUser", "CreatePolicy", "CreatePolicyVersion", "DeletePolicyVersion", "AttachUserPolicy",
        "ListAccessKeys", "CreateAccessKey", "GetAccessKeyLastUsed", "UpdateAccessKey", "DeleteAccessKey",
    };
    private static readonly XNamespace StsNamespace = $"https://sts.amazonaws.com/doc/{StsVersion}/";
    private static readonly XNamespace IamNamespace = $"https://iam.amazonaws.com/doc/{IamVersion}/";

    private FakeAwsResponse AnswerQuery(IncomingRequest request, string action)
    {
        string service = action switch
        {
            "GetCallerIdentity" => StsService,
            _ when IamActions.Contains(action) => IamService,
            _ => request.Scope?.Service == IamService ? IamService : StsService,
        };
        var call = new QueryCall(service, action, service == IamService ? IamNamespace : StsNamespace);
        if (request.Scope is null)
        {
            return QueryError(call, HttpStatusCode.Forbidden, "MissingAuthenticationToken", "Request is missing Authentication Token");
        }

        if (Caller(request) is not { } caller)
        {
            return QueryError(call, HttpStatusCode.Forbidden, "InvalidClientTokenId", "The security token included in the request is invalid.");
        }

        string version = service == IamService ? IamVersion : StsVersion;
        if (request.Parameter("Version") != version || (action != "GetCallerIdentity" && !IamActions.Contains(action)))
        {
            return QueryError(call, HttpStatusCode.BadRequest, "InvalidAction",
                $"Could not find operation {action} for version {request.Parameter("Version") ?? "(none)"} (FakeAwsServer answers {service} version {version}).");
        }

        if (service == StsService)
        {
            // GetCallerIdentity needs no permission, and cannot be denied.
            return QueryAnswer(call, new XElement(StsNamespace + "Arn", caller),
                new XElement(StsNamespace + "UserId", UserIdOf(caller)),
                new XElement(StsNamespace + "Account", caller.Split(':')[4]));
        }

        string subject = request.Parameter("PolicyArn")
            ?? (request.Parameter("PolicyName") is { } policyName && request.Parameter("UserName") is null ? $"arn:aws:iam::{Scenario.AccountId}:policy/{policyName}" : null)
            ?? (request.Parameter("GroupName") is { } group ? $"arn:aws:iam::{Scenario.AccountId}:group/{group}" : null)
            ?? $"arn:aws:iam::{Scenario.AccountId}:user/{request.Parameter("UserName")}";
        if (Denied(call.Operation))
        {
            return QueryError(call, HttpStatusCode.Forbidden, "AccessDenied",
                $"User: {caller} is not authorized to perform: {call.Operation} on resource: {subject} because no identity-based policy allows the {call.Operation} action");
        }

        return action switch
        {
            "GetPolicy" => GetPolicy(call, request),
            "GetPolicyVersion" => GetPolicyVersion(call, request),
            "ListAttachedUserPolicies" => ListAttachedUserPolicies(call, request),
            "ListPolicyVersions" => ListPolicyVersions(call, request),
            "GetUser" => WithUser(call, request, user => UserAnswer(call, Iam.GetUser(user)!)),
            "CreateUser" => CreateUser(call, request),
            "ListAccessKeys" => WithUser(call, request, user => ListAccessKeys(call, user)),
            "CreateAccessKey" => WithUser(call, request, user => CreateAccessKey(call, user)),
            "GetAccessKeyLastUsed" => GetAccessKeyLastUsed(call, request),
            "UpdateAccessKey" => WithUser(call, request, user => UpdateAccessKey(call, request, user)),
            "DeleteAccessKey" => WithUser(call, request, user => DeleteAccessKey(call, request, user)),
            "CreatePolicy" => CreatePolicy(call, request),
            "CreatePolicyVersion" => CreatePolicyVersion(call, request),
            "DeletePolicyVersion" => DeletePolicyVersion(call, request),
            "AttachUserPolicy" => AttachUserPolicy(call, request),
            "ListUserPolicies" => WithUser(call, request, user => PolicyNames(call, InlineOf(Scenario.UserInlinePolicies, user))),
            "GetUserPolicy" => WithUser(call, request, user => InlinePolicy(call, request, "UserName", user, InlineOf(Scenario.UserInlinePolicies, user))),
            "ListGroupsForUser" => WithUser(call, request, user => ListGroupsForUser(call, user)),
            "ListAttachedGroupPolicies" => WithGroup(call, request, group => AttachedPolicies(call, Scenario.Groups[group])),
            "ListGroupPolicies" => WithGroup(call, request, group => PolicyNames(call, InlineOf(Scenario.GroupInlinePolicies, group))),
            _ => WithGroup(call, request, group => InlinePolicy(call, request, "GroupName", group, InlineOf(Scenario.GroupInlinePolicies, group))),
        };
    }

    private static IReadOnlyDictionary<string, string> InlineOf(IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> all, string name) =>
        all.TryGetValue(name, out IReadOnlyDictionary<string, string>? policies) ? policies : new Dictionary<string, string>();

    /// <summary>Answers about an existing user (UserName given, listed in <see cref="FakeAwsScenario.UserPolicies"/> or created since).</summary>
    private FakeAwsResponse WithUser(QueryCall call, IncomingRequest request, Func<string, FakeAwsResponse> answer)
    {
        if (request.Parameter("UserName") is not { Length: > 0 } userName)
        {
            return QueryError(call, HttpStatusCode.BadRequest, "ValidationError", "1 validation error detected: Value null at 'userName' failed to satisfy constraint: Member must not be null");
        }

        return Iam.UserExists(userName)
            ? answer(userName)
            : QueryError(call, HttpStatusCode.NotFound, "NoSuchEntity", $"The user with name {userName} cannot be found.");
    }

    /// <summary>Answers about an existing group (GroupName given, listed in <see cref="FakeAwsScenario.Groups"/>).</summary>
    private FakeAwsResponse WithGroup(QueryCall call, IncomingRequest request, Func<string, FakeAwsResponse> answer)
    {
        if (request.Parameter("GroupName") is not { Length: > 0 } groupName)
        {
            return QueryError(call, HttpStatusCode.BadRequest, "ValidationError", "1 validation error detected: Value null at 'groupName' failed to satisfy constraint: Member must not be null");
        }

        return Scenario.Groups.ContainsKey(groupName)
            ? answer(groupName)
            : QueryError(call, HttpStatusCode.NotFound, "NoSuchEntity", $"The group with name {groupName} cannot be found.");
    }

    private static FakeAwsResponse PolicyNames(QueryCall call, IReadOnlyDictionary<string, string> policies) =>
        QueryAnswer(call,
            new XElement(IamNamespace + "PolicyNames", policies.Keys.Order(StringComparer.Ordinal).Select(name => new XElement(IamNamespace + "member", name))),
            new XElement(IamNamespace + "IsTruncated", "false"));

    /// <summary>GetUserPolicy / GetGroupPolicy: the document percent-encoded, as IAM answers it.</summary>
    private static FakeAwsResponse InlinePolicy(QueryCall call, IncomingRequest request, string subjectParameter, string subject, IReadOnlyDictionary<string, string> policies)
    {
        if (request.Parameter("PolicyName") is not { Length: > 0 } policyName)
        {
            return QueryError(call, HttpStatusCode.BadRequest, "ValidationError", "1 validation error detected: Value null at 'policyName' failed to satisfy constraint: Member must not be null");
        }

        if (!policies.TryGetValue(policyName, out string? document))
        {
            return QueryError(call, HttpStatusCode.NotFound, "NoSuchEntity", $"The {(subjectParameter == "UserName" ? "user" : "group")} policy with name {policyName} cannot be found.");
        }

        return QueryAnswer(call,
            new XElement(IamNamespace + subjectParameter, subject),
            new XElement(IamNamespace + "PolicyName", policyName),
            new XElement(IamNamespace + "PolicyDocument", Uri.EscapeDataString(document)));
    }

    private FakeAwsResponse ListGroupsForUser(QueryCall call, string userName)
    {
        IReadOnlyList<string> groups = Scenario.GroupMemberships.TryGetValue(userName, out IReadOnlyList<string>? names) ? names : [];
        return QueryAnswer(call,
            new XElement(IamNamespace + "Groups", groups.Select(group => new XElement(IamNamespace + "member",
                new XElement(IamNamespace + "Path", "/"),
                new XElement(IamNamespace + "GroupName", group),
                new XElement(IamNamespace + "GroupId", $"AGPA{StableId(group)}"),
                new XElement(IamNamespace + "Arn", $"arn:aws:iam::{Scenario.AccountId}:group/{group}"),
                new XElement(IamNamespace + "CreateDate", IamTimestamp)))),
            new XElement(IamNamespace + "IsTruncated", "false"));
    }

    private static FakeAwsResponse AttachedPolicies(QueryCall call, IReadOnlyList<string> policyArns) =>
        QueryAnswer(call,
            new XElement(IamNamespace + "AttachedPolicies", policyArns.Select(arn => new XElement(IamNamespace + "member",
                new XElement(IamNamespace + "PolicyName", arn.Split('/')[^1]),
                new XElement(IamNamespace + "PolicyArn", arn)))),
            new XElement(IamNamespace + "IsTruncated", "false"));

    private FakeAwsResponse GetPolicy(QueryCall call, IncomingRequest request)
    {
        if (request.Parameter("PolicyArn") is not { Length: > 0 } policyArn)
        {
            return MissingParameter(call, "policyArn");
        }

        return Iam.GetPolicy(policyArn) is { } policy
            ? QueryAnswer(call, PolicyElement(policy))
            : QueryError(call, HttpStatusCode.NotFound, "NoSuchEntity", $"Policy {policyArn} was not found.");
    }

    private static XElement PolicyElement(IamPolicyInfo policy) =>
        new(IamNamespace + "Policy",
            new XElement(IamNamespace + "PolicyName", policy.PolicyName),
            new XElement(IamNamespace + "DefaultVersionId", policy.DefaultVersionId),
            new XElement(IamNamespace + "PolicyId", $"ANPA{StableId(policy.Arn)}"),
            new XElement(IamNamespace + "Path", policy.Path),
            new XElement(IamNamespace + "Arn", policy.Arn),
            new XElement(IamNamespace + "AttachmentCount", policy.AttachmentCount),
            new XElement(IamNamespace + "PermissionsBoundaryUsageCount", 0),
            new XElement(IamNamespace + "IsAttachable", "true"),
            policy.Description is { Length: > 0 } description ? new XElement(IamNamespace + "Description", description) : null,
            new XElement(IamNamespace + "CreateDate", policy.CreateDate),
            new XElement(IamNamespace + "UpdateDate", policy.UpdateDate));

    private FakeAwsResponse GetPolicyVersion(QueryCall call, IncomingRequest request)
    {
        string? policyArn = request.Parameter("PolicyArn");
        string? versionId = request.Parameter("VersionId");
        if (string.IsNullOrEmpty(policyArn) || string.IsNullOrEmpty(versionId))
        {
            return QueryError(call, HttpStatusCode.BadRequest, "ValidationError", "PolicyArn and VersionId are required.");
        }

        if (Iam.GetPolicyVersion(policyArn, versionId) is not { } version)
        {
            return QueryError(call, HttpStatusCode.NotFound, "NoSuchEntity", $"Policy {policyArn} version {versionId} does not exist or is not attachable.");
        }

        // IAM percent-encodes the document (RFC 3986), then XML-escapes it.
        return QueryAnswer(call, new XElement(IamNamespace + "PolicyVersion",
            new XElement(IamNamespace + "Document", Uri.EscapeDataString(version.Document)),
            new XElement(IamNamespace + "VersionId", version.VersionId),
            new XElement(IamNamespace + "IsDefaultVersion", version.IsDefault ? "true" : "false"),
            new XElement(IamNamespace + "CreateDate", version.CreateDate)));
    }

    /// <summary>ListPolicyVersions: every version, newest first, without documents (as IAM lists them).</summary>
    private FakeAwsResponse ListPolicyVersions(QueryCall call, IncomingRequest request)
    {
        if (request.Parameter("PolicyArn") is not { Length: > 0 } policyArn)
        {
            return MissingParameter(call, "policyArn");
        }

        if (Iam.GetPolicy(policyArn) is not { } policy)
        {
            return QueryError(call, HttpStatusCode.NotFound, "NoSuchEntity", $"Policy {policyArn} was not found.");
        }

        return QueryAnswer(call,
            new XElement(IamNamespace + "Versions", policy.Versions.Select(version => new XElement(IamNamespace + "member",
                new XElement(IamNamespace + "VersionId", version.VersionId),
                new XElement(IamNamespace + "IsDefaultVersion", version.IsDefault ? "true" : "false"),
                new XElement(IamNamespace + "CreateDate", version.CreateDate)))),
            new XElement(IamNamespace + "IsTruncated", "false"));
    }

    private FakeAwsResponse ListAttachedUserPolicies(QueryCall call, IncomingRequest request)
    {
        if (request.Parameter("UserName") is not { Length: > 0 } userName)
        {
            return MissingParameter(call, "userName");
        }

        return Iam.AttachedTo(userName) is { } policyArns
            ? AttachedPolicies(call, policyArns)
            : QueryError(call, HttpStatusCode.NotFound, "NoSuchEntity", $"The user with name {userName} cannot be found.");
    }

    private FakeAwsResponse CreateUser(QueryCall call, IncomingRequest request)
    {
        if (request.Parameter("UserName") is not { Length: > 0 } userName)
        {
            return MissingParameter(call, "userName");
        }

        (IamUserInfo? user, IamError? error) = Iam.CreateUser(userName);
        return error is null ? UserAnswer(call, user!) : QueryError(call, error.Status, error.Code, error.Message);
    }

    private FakeAwsResponse ListAccessKeys(QueryCall call, string userName) =>
        QueryAnswer(call,
            new XElement(IamNamespace + "UserName", userName),
            new XElement(IamNamespace + "AccessKeyMetadata", Iam.AccessKeysOf(userName).Select(id => new XElement(IamNamespace + "member",
                new XElement(IamNamespace + "UserName", userName),
                new XElement(IamNamespace + "AccessKeyId", id),
                new XElement(IamNamespace + "Status", Iam.AccessKeyStatusOf(id) ?? "Active"),
                new XElement(IamNamespace + "CreateDate", IamTimestamp)))),
            new XElement(IamNamespace + "IsTruncated", "false"));

    // The secret goes into the answer only: the server keeps its digest (for tests that follow it to ICA), never the text.
    private FakeAwsResponse CreateAccessKey(QueryCall call, string userName)
    {
        (string? id, string? secret, IamError? error) = Iam.CreateAccessKey(userName);
        return error is not null
            ? QueryError(call, error.Status, error.Code, error.Message)
            : QueryAnswer(call, new XElement(IamNamespace + "AccessKey",
                new XElement(IamNamespace + "UserName", userName),
                new XElement(IamNamespace + "AccessKeyId", id),
                new XElement(IamNamespace + "Status", "Active"),
                new XElement(IamNamespace + "SecretAccessKey", secret),
                new XElement(IamNamespace + "CreateDate", IamTimestamp)));
    }

    private static FakeAwsResponse UserAnswer(QueryCall call, IamUserInfo user) =>
        QueryAnswer(call, new XElement(IamNamespace + "User",
            new XElement(IamNamespace + "Path", "/"),
            new XElement(IamNamespace + "UserName", user.UserName),
            new XElement(IamNamespace + "UserId", user.UserId),
            new XElement(IamNamespace + "Arn", user.Arn),
            new XElement(IamNamespace + "CreateDate", user.CreateDate)));

    private FakeAwsResponse CreatePolicy(QueryCall call, IncomingRequest request)
    {
        if (request.Parameter("PolicyName") is not { Length: > 0 } policyName)
        {
            return MissingParameter(call, "policyName");
        }

        (IamPolicyInfo? policy, IamError? error) = Iam.CreatePolicy(policyName, request.Parameter("PolicyDocument"), request.Parameter("Description"));
        return error is null ? QueryAnswer(call, PolicyElement(policy!)) : QueryError(call, error.Status, error.Code, error.Message);
    }

    private FakeAwsResponse CreatePolicyVersion(QueryCall call, IncomingRequest request)
    {
        if (request.Parameter("PolicyArn") is not { Length: > 0 } policyArn)
        {
            return MissingParameter(call, "policyArn");
        }

        bool setAsDefault = string.Equals(request.Parameter("SetAsDefault"), "true", StringComparison.OrdinalIgnoreCase);
        (IamPolicyVersion? version, IamError? error) = Iam.CreatePolicyVersion(policyArn, request.Parameter("PolicyDocument"), setAsDefault);
        return error is null
            ? QueryAnswer(call, new XElement(IamNamespace + "PolicyVersion",
                new XElement(IamNamespace + "IsDefaultVersion", version!.IsDefault ? "true" : "false"),
                new XElement(IamNamespace + "VersionId", version.VersionId),
                new XElement(IamNamespace + "CreateDate", version.CreateDate)))
            : QueryError(call, error.Status, error.Code, error.Message);
    }

    private FakeAwsResponse DeletePolicyVersion(QueryCall call, IncomingRequest request)
    {
        string? policyArn = request.Parameter("PolicyArn");
        string? versionId = request.Parameter("VersionId");
        if (string.IsNullOrEmpty(policyArn) || string.IsNullOrEmpty(versionId))
        {
            return QueryError(call, HttpStatusCode.BadRequest, "ValidationError", "PolicyArn and VersionId are required.");
        }

        return Iam.DeletePolicyVersion(policyArn, versionId) is { } error
            ? QueryError(call, error.Status, error.Code, error.Message)
            : QueryEmptyAnswer(call);
    }

    private FakeAwsResponse AttachUserPolicy(QueryCall call, IncomingRequest request)
    {
        string? userName = request.Parameter("UserName");
        string? policyArn = request.Parameter("PolicyArn");
        if (string.IsNullOrEmpty(userName) || string.IsNullOrEmpty(policyArn))
        {
            return QueryError(call, HttpStatusCode.BadRequest, "ValidationError", "UserName and PolicyArn are required.");
        }

        return Iam.AttachUserPolicy(userName, policyArn) is { } error
            ? QueryError(call, error.Status, error.Code, error.Message)
            : QueryEmptyAnswer(call);
    }

    private static FakeAwsResponse MissingParameter(QueryCall call, string member) =>
        QueryError(call, HttpStatusCode.BadRequest, "ValidationError",
            $"1 validation error detected: Value null at '{member}' failed to satisfy constraint: Member must not be null");

    /// <summary>The unique id GetCallerIdentity gives a principal: <c>AROA…:session</c> for a role session, <c>AIDA…</c> for a user.</summary>
    private static string UserIdOf(string arn)
    {
        string[] parts = arn.Split(':', 6);
        string resource = parts.Length == 6 ? parts[5] : arn;
        string[] path = resource.Split('/');
        return path[0] switch
        {
            "assumed-role" when path.Length >= 3 => $"AROA{StableId(string.Join('/', path[..^1]))}:{path[^1]}",
            "federated-user" => $"{parts[4]}:{path[^1]}",
            "root" => parts[4],
            _ => $"AIDA{StableId(arn)}",
        };
    }

    private static FakeAwsResponse QueryAnswer(QueryCall call, params XElement[] result) =>
        QueryXml(call, HttpStatusCode.OK, new XElement(call.Namespace + $"{call.Action}Response",
            new XElement(call.Namespace + $"{call.Action}Result", result),
            new XElement(call.Namespace + "ResponseMetadata", new XElement(call.Namespace + "RequestId", NewRequestId()))));

    /// <summary>The answer of an action that returns nothing (AttachUserPolicy, DeletePolicyVersion): no <c>…Result</c> element, as IAM sends it.</summary>
    private static FakeAwsResponse QueryEmptyAnswer(QueryCall call) =>
        QueryXml(call, HttpStatusCode.OK, new XElement(call.Namespace + $"{call.Action}Response",
            new XElement(call.Namespace + "ResponseMetadata", new XElement(call.Namespace + "RequestId", NewRequestId()))));

    /// <summary>The Query protocol's <c>&lt;ErrorResponse&gt;</c>.</summary>
    private static FakeAwsResponse QueryError(QueryCall call, HttpStatusCode status, string code, string message) =>
        QueryXml(call, status, new XElement(call.Namespace + "ErrorResponse",
            new XElement(call.Namespace + "Error",
                new XElement(call.Namespace + "Type", (int)status >= 500 ? "Receiver" : "Sender"),
                new XElement(call.Namespace + "Code", code),
                new XElement(call.Namespace + "Message", message)),
            new XElement(call.Namespace + "RequestId", NewRequestId())));

    private static FakeAwsResponse QueryXml(QueryCall call, HttpStatusCode status, XElement root) =>
        new(call.Service, call.Operation, status, XmlText(root), "text/xml", [("x-amzn-RequestId", NewRequestId())]);

    /// <summary>A Query-protocol call: its service, action and XML namespace.</summary>
    private sealed record QueryCall(string Service, string Action, XNamespace Namespace)
    {
        public string Operation => $"{Service}:{Action}";
    }
}
