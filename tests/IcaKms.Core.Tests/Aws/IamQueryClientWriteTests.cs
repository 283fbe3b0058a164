using System.Net;
using System.Security;
using Amazon.Runtime;
using IcaKms.Core.Aws;
using IcaKms.Core.Adapters.Aws;

namespace IcaKms.Core.Tests.Aws;

/// <summary>IAM's user, policy, version and attachment calls over AWS-format answers (shapes from the IAM API reference).</summary>
public class IamQueryClientWriteTests
{
    private const string PolicyArn = "arn:aws:iam::123456789012:policy/ica-storage";
    private const string UserName = "ica-user";

    // Characters that form encoding must carry: a space, a plus, an ampersand, a percent sign, a non-ASCII letter.
    private const string Document = """{"Version": "2012-10-17", "Statement": [{"Sid": "a+b & c 100% ✓", "Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}]}""";

    private readonly IamFakeHandler _iam = new();

    [Fact]
    public async Task GetUser_ReturnsTheUser()
    {
        _iam.Answer(HttpStatusCode.OK, UserAnswer("GetUser", UserName));

        Result<IamUser, AwsFailure> result = await Client().GetUserAsync(UserName);

        Assert.Equal(new IamUser(UserName, "AIDACKCEVSQ6C2EXAMPLE", $"arn:aws:iam::123456789012:user/{UserName}"), result.Value);
        Assert.Equal(Form("GetUser", ("UserName", UserName)), Assert.Single(_iam.Requests).Form);
    }

    [Fact]
    public async Task GetUser_FailsNotFound_WhenTheUserDoesNotExist()
    {
        _iam.Answer(HttpStatusCode.NotFound, IamXml.Error("NoSuchEntity", $"The user with name {UserName} cannot be found."));

        Result<IamUser, AwsFailure> result = await Client().GetUserAsync(UserName);

        Assert.Equal((AwsFailureKind.NotFound, "iam:GetUser", "NoSuchEntity"), (result.Failure!.Kind, result.Failure.Action, result.Failure.ErrorCode));
        Assert.Contains($"The IAM user {UserName} does not exist", result.Failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreateUser_PostsTheUserName_AndReturnsTheNewUser()
    {
        _iam.Answer(HttpStatusCode.OK, UserAnswer("CreateUser", UserName));

        Result<IamUser, AwsFailure> result = await Client().CreateUserAsync(UserName);

        Assert.Equal(UserName, result.Value!.UserName);
        Assert.Equal(Form("CreateUser", ("UserName", UserName)), Assert.Single(_iam.Requests).Form);
    }

    [Fact]
    public async Task CreateUser_FailsAlreadyExists_WhenTheUserExists()
    {
        _iam.Answer(HttpStatusCode.Conflict, IamXml.Error("EntityAlreadyExists", $"User with name {UserName} already exists."));

        Result<IamUser, AwsFailure> result = await Client().CreateUserAsync(UserName);

        Assert.Equal((AwsFailureKind.AlreadyExists, "iam:CreateUser"), (result.Failure!.Kind, result.Failure.Action));
        Assert.Contains($"The IAM user {UserName} already exists", result.Failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreatePolicy_SendsNameDocumentAndDescription_AndReturnsTheArnAndDefaultVersion()
    {
        _iam.Answer(HttpStatusCode.OK, CreatePolicyAnswer("ica-storage", PolicyArn));

        Result<CreatedPolicy, AwsFailure> result = await Client().CreatePolicyAsync("ica-storage", Document, "ICA storage, SSE-KMS");

        Assert.Equal(new CreatedPolicy("ica-storage", PolicyArn, "v1"), result.Value);
        IamRecordedRequest sent = Assert.Single(_iam.Requests);
        Assert.Equal(
            Form("CreatePolicy", ("PolicyName", "ica-storage"), ("PolicyDocument", Document), ("Description", "ICA storage, SSE-KMS")),
            sent.Form);
        // URL-encoded on the wire, not raw JSON.
        Assert.DoesNotContain("{", sent.BodyText, StringComparison.Ordinal);
        Assert.Contains("PolicyDocument=%7B", sent.BodyText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreatePolicy_SendsNoDescription_WhenThereIsNone()
    {
        _iam.Answer(HttpStatusCode.OK, CreatePolicyAnswer("ica-storage", PolicyArn));

        await Client().CreatePolicyAsync("ica-storage", Document, null);

        Assert.DoesNotContain("Description", Assert.Single(_iam.Requests).Form.Keys);
    }

    [Fact]
    public async Task CreatePolicy_RefusesADocumentOverIamsLimit_WithoutSendingIt()
    {
        Result<CreatedPolicy, AwsFailure> result = await Client().CreatePolicyAsync("ica-storage", DocumentOf(6145, indent: 0), null);

        Assert.Empty(_iam.Requests);
        Assert.Equal((AwsFailureKind.InvalidDocument, "iam:CreatePolicy", null), (result.Failure!.Kind, result.Failure.Action, result.Failure.ErrorCode));
        Assert.Contains("6,145 characters not counting whitespace, over IAM's limit of 6,144", result.Failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreatePolicy_DoesNotCountWhitespace_TowardsTheLimit()
    {
        _iam.Answer(HttpStatusCode.OK, CreatePolicyAnswer("ica-storage", PolicyArn));
        string document = DocumentOf(6144, indent: 2000);

        Result<CreatedPolicy, AwsFailure> result = await Client().CreatePolicyAsync("ica-storage", document, null);

        Assert.True(document.Length > 8000);
        Assert.True(result.Succeeded, result.Failure?.Message);
        Assert.Equal(document, Assert.Single(_iam.Requests).Form["PolicyDocument"]);
    }

    [Fact]
    public async Task CreatePolicy_FailsInvalidDocument_QuotingIamsMessageWithoutCredentials()
    {
        _iam.Answer(HttpStatusCode.BadRequest, IamXml.Error(
            "MalformedPolicyDocument",
            "Syntax errors in policy. Credential=AKIAIOSFODNN7EXAMPLE/20240102/us-east-1/iam/aws4_request, Signature=fe5f80f77d5fa3beca038a248ff027d0445342fe2855ddc963176630326f1024"));

        Result<CreatedPolicy, AwsFailure> result = await Client().CreatePolicyAsync("ica-storage", Document, null);

        Assert.Equal((AwsFailureKind.InvalidDocument, "iam:CreatePolicy", "MalformedPolicyDocument"), (result.Failure!.Kind, result.Failure.Action, result.Failure.ErrorCode));
        Assert.Contains("Syntax errors in policy.", result.Failure.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("AKIAIOSFODNN7EXAMPLE", result.Failure.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("fe5f80f77d5fa3be", result.Failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreatePolicy_FailsAlreadyExists_SayingToAddAVersion()
    {
        _iam.Answer(HttpStatusCode.Conflict, IamXml.Error("EntityAlreadyExists", "A policy called ica-storage already exists. Duplicate names are not allowed."));

        Result<CreatedPolicy, AwsFailure> result = await Client().CreatePolicyAsync("ica-storage", Document, null);

        Assert.Equal(AwsFailureKind.AlreadyExists, result.Failure!.Kind);
        Assert.Contains("add a new version to it", result.Failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreatePolicyVersion_SendsTheDocumentWithSetAsDefault_AndReturnsTheNewDefault()
    {
        _iam.Answer(HttpStatusCode.OK, Wrap("CreatePolicyVersion",
            "<PolicyVersion><IsDefaultVersion>true</IsDefaultVersion><VersionId>v2</VersionId><CreateDate>2014-09-15T19:58:59.430Z</CreateDate></PolicyVersion>"));

        Result<PolicyVersionInfo, AwsFailure> result = await Client().CreatePolicyVersionAsync(PolicyArn, Document);

        Assert.Equal(new PolicyVersionInfo("v2", true, new DateTimeOffset(2014, 9, 15, 19, 58, 59, 430, TimeSpan.Zero)), result.Value);
        Assert.Equal(
            Form("CreatePolicyVersion", ("PolicyArn", PolicyArn), ("PolicyDocument", Document), ("SetAsDefault", "true")),
            Assert.Single(_iam.Requests).Form);
    }

    [Fact]
    public async Task CreatePolicyVersion_FailsLimitExceeded_SayingToDeleteTheOldestNonDefaultVersion()
    {
        _iam.Answer(HttpStatusCode.Conflict, IamXml.Error("LimitExceeded",
            "A managed policy can have up to 5 versions. Before you create a new version, you must delete an existing version."));

        Result<PolicyVersionInfo, AwsFailure> result = await Client().CreatePolicyVersionAsync(PolicyArn, Document);

        Assert.Equal((AwsFailureKind.LimitExceeded, "iam:CreatePolicyVersion", "LimitExceeded"), (result.Failure!.Kind, result.Failure.Action, result.Failure.ErrorCode));
        Assert.Contains("already has 5 versions", result.Failure.Message, StringComparison.Ordinal);
        Assert.Contains("delete its oldest non-default version (iam:DeletePolicyVersion)", result.Failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreatePolicyVersion_RefusesADocumentOverIamsLimit_WithoutSendingIt()
    {
        Result<PolicyVersionInfo, AwsFailure> result = await Client().CreatePolicyVersionAsync(PolicyArn, DocumentOf(7000, indent: 0));

        Assert.Empty(_iam.Requests);
        Assert.Equal(AwsFailureKind.InvalidDocument, result.Failure!.Kind);
    }

    [Fact]
    public async Task ListPolicyVersions_ReadsIdsDefaultsAndDates_AcrossPages()
    {
        static string Member(string id, bool isDefault, string date) =>
            $"<VersionId>{id}</VersionId><IsDefaultVersion>{(isDefault ? "true" : "false")}</IsDefaultVersion><CreateDate>{date}</CreateDate>";
        _iam.Answer(HttpStatusCode.OK, IamXml.List("ListPolicyVersions", "Versions", [Member("v3", true, "2014-09-17T22:32:43Z"), Member("v2", false, "2014-09-16T01:02:03Z")], "NEXT"))
            .Answer(HttpStatusCode.OK, IamXml.List("ListPolicyVersions", "Versions", [Member("v1", false, "2014-09-15T01:02:03Z")], null));

        Result<IReadOnlyList<PolicyVersionInfo>, AwsFailure> result = await Client().ListPolicyVersionsAsync(PolicyArn);

        Assert.Equal(
            [
                new PolicyVersionInfo("v3", true, new DateTimeOffset(2014, 9, 17, 22, 32, 43, TimeSpan.Zero)),
                new PolicyVersionInfo("v2", false, new DateTimeOffset(2014, 9, 16, 1, 2, 3, TimeSpan.Zero)),
                new PolicyVersionInfo("v1", false, new DateTimeOffset(2014, 9, 15, 1, 2, 3, TimeSpan.Zero)),
            ],
            result.Value);
        Assert.Equal(Form("ListPolicyVersions", ("PolicyArn", PolicyArn)), _iam.Requests[0].Form);
        Assert.Equal(Form("ListPolicyVersions", ("PolicyArn", PolicyArn), ("Marker", "NEXT")), _iam.Requests[1].Form);
    }

    [Fact]
    public async Task ListPolicyVersions_FailsAsOther_WhenAVersionHasNoReadableDate()
    {
        _iam.Answer(HttpStatusCode.OK, IamXml.List("ListPolicyVersions", "Versions", ["<VersionId>v1</VersionId><IsDefaultVersion>true</IsDefaultVersion><CreateDate>soon</CreateDate>"], null));

        Result<IReadOnlyList<PolicyVersionInfo>, AwsFailure> result = await Client().ListPolicyVersionsAsync(PolicyArn);

        Assert.Equal(AwsFailureKind.Other, result.Failure!.Kind);
    }

    [Fact]
    public async Task DeletePolicyVersion_SendsTheArnAndVersion_AndSucceedsOnIamsAnswerWithoutResult()
    {
        _iam.Answer(HttpStatusCode.OK, Empty("DeletePolicyVersion"));

        Result<DeletedPolicyVersion, AwsFailure> result = await Client().DeletePolicyVersionAsync(PolicyArn, "v2");

        Assert.Equal(new DeletedPolicyVersion(PolicyArn, "v2"), result.Value);
        Assert.Equal(Form("DeletePolicyVersion", ("PolicyArn", PolicyArn), ("VersionId", "v2")), Assert.Single(_iam.Requests).Form);
    }

    [Fact]
    public async Task DeletePolicyVersion_FailsConflict_ForTheDefaultVersion()
    {
        _iam.Answer(HttpStatusCode.Conflict, IamXml.Error("DeleteConflict", "Cannot delete the default version of a policy."));

        Result<DeletedPolicyVersion, AwsFailure> result = await Client().DeletePolicyVersionAsync(PolicyArn, "v1");

        Assert.Equal((AwsFailureKind.Conflict, "iam:DeletePolicyVersion"), (result.Failure!.Kind, result.Failure.Action));
        Assert.Contains("Version v1 is the default version", result.Failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AttachUserPolicy_SendsTheUserAndArn_AndSucceedsOnIamsAnswerWithoutResult()
    {
        _iam.Answer(HttpStatusCode.OK, Empty("AttachUserPolicy"));

        Result<UserPolicyAttachment, AwsFailure> result = await Client().AttachUserPolicyAsync(UserName, PolicyArn);

        Assert.Equal(new UserPolicyAttachment(UserName, PolicyArn), result.Value);
        Assert.Equal(Form("AttachUserPolicy", ("UserName", UserName), ("PolicyArn", PolicyArn)), Assert.Single(_iam.Requests).Form);
    }

    [Fact]
    public async Task AttachUserPolicy_FailsAsOther_OnAnAnswerThatIsAnotherActions()
    {
        _iam.Answer(HttpStatusCode.OK, Empty("DeletePolicyVersion"));

        Result<UserPolicyAttachment, AwsFailure> result = await Client().AttachUserPolicyAsync(UserName, PolicyArn);

        Assert.Equal(AwsFailureKind.Other, result.Failure!.Kind);
    }

    [Fact]
    public async Task AttachUserPolicy_FailsNotFound_WhenTheUserOrPolicyIsMissing()
    {
        _iam.Answer(HttpStatusCode.NotFound, IamXml.Error("NoSuchEntity", $"The user with name {UserName} cannot be found."));

        Result<UserPolicyAttachment, AwsFailure> result = await Client().AttachUserPolicyAsync(UserName, PolicyArn);

        Assert.Equal((AwsFailureKind.NotFound, "iam:AttachUserPolicy"), (result.Failure!.Kind, result.Failure.Action));
    }

    public static TheoryData<string> Actions { get; } =
        ["GetUser", "ListPolicyVersions", "CreateUser", "CreatePolicy", "CreatePolicyVersion", "DeletePolicyVersion", "AttachUserPolicy"];

    [Theory]
    [MemberData(nameof(Actions))]
    public async Task EachCall_NamesItsPermission_WhenDenied(string action)
    {
        _iam.Answer(HttpStatusCode.Forbidden, IamXml.Error("AccessDenied", $"User: arn:aws:sts::123456789012:assumed-role/admin/x is not authorized to perform: iam:{action}"));

        AwsFailure? failure = await FailureOf(Client(), action);

        Assert.Equal((AwsFailureKind.AccessDenied, $"iam:{action}"), (failure!.Kind, failure.Action));
        Assert.Contains($"add iam:{action} to your role's policy", failure.Message, StringComparison.Ordinal);
    }

    public static TheoryData<string, int> AttemptsOnTimeout { get; } = new()
    {
        { "GetUser", 2 },
        { "ListPolicyVersions", 2 },
        { "CreateUser", 1 },
        { "CreatePolicy", 1 },
        { "CreatePolicyVersion", 1 },
        { "DeletePolicyVersion", 1 },
        { "AttachUserPolicy", 1 },
    };

    [Theory]
    [MemberData(nameof(AttemptsOnTimeout))]
    public async Task WritesAreSentOnce_AndReadsTwice_WhenIamDoesNotAnswerInTime(string action, int attempts)
    {
        static async Task<HttpResponseMessage> Never(IamRecordedRequest request, CancellationToken cancellationToken)
        {
            var never = new TaskCompletionSource<HttpResponseMessage>(TaskCreationOptions.RunContinuationsAsynchronously);
            await using CancellationTokenRegistration registration = cancellationToken.Register(() => never.TrySetCanceled(cancellationToken));
            return await never.Task;
        }

        _iam.Answer(Never).Answer(Never);
        var client = new IamQueryClient(new HttpClient(_iam) { Timeout = TimeSpan.FromMilliseconds(50) });

        AwsFailure? failure = await FailureOf(client, action);

        Assert.Equal((AwsFailureKind.Timeout, $"iam:{action}"), (failure!.Kind, failure.Action));
        Assert.Equal(attempts, _iam.Requests.Count);
        Assert.Equal(attempts == 1, failure.Message.Contains("sent once and not retried: IAM may still have applied it", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("CreateUser")]
    [InlineData("AttachUserPolicy")]
    public async Task Writes_AreSentOnce_WhenTheConnectionFails(string action)
    {
        _iam.Answer((_, _) => throw new HttpRequestException("Connection reset by peer"))
            .Answer((_, _) => throw new HttpRequestException("Connection reset by peer"));

        AwsFailure? failure = await FailureOf(Client(), action);

        Assert.Equal(AwsFailureKind.Network, failure!.Kind);
        Assert.Single(_iam.Requests);
    }

    private static Task<AwsFailure?> FailureOf(IamQueryClient client, string action) => action switch
    {
        "GetUser" => Fail(client.GetUserAsync(UserName)),
        "ListPolicyVersions" => Fail(client.ListPolicyVersionsAsync(PolicyArn)),
        "CreateUser" => Fail(client.CreateUserAsync(UserName)),
        "CreatePolicy" => Fail(client.CreatePolicyAsync("ica-storage", Document, null)),
        "CreatePolicyVersion" => Fail(client.CreatePolicyVersionAsync(PolicyArn, Document)),
        "DeletePolicyVersion" => Fail(client.DeletePolicyVersionAsync(PolicyArn, "v2")),
        "AttachUserPolicy" => Fail(client.AttachUserPolicyAsync(UserName, PolicyArn)),
        _ => throw new ArgumentOutOfRangeException(nameof(action), action, null),
    };

    private static async Task<AwsFailure?> Fail<T>(Task<Result<T, AwsFailure>> call) => (await call).Failure;

    /// <summary>The form fields IAM must receive: Action first, the parameters, Version=2010-05-08.</summary>
    private static Dictionary<string, string> Form(string action, params (string Name, string Value)[] parameters)
    {
        var form = new Dictionary<string, string>(StringComparer.Ordinal) { ["Action"] = action };
        foreach ((string name, string value) in parameters)
        {
            form[name] = value;
        }

        form["Version"] = "2010-05-08";
        return form;
    }

    /// <summary>A policy whose non-whitespace characters number exactly <paramref name="characters"/>, padded with <paramref name="indent"/> spaces.</summary>
    private static string DocumentOf(int characters, int indent)
    {
        const string Start = """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::""";
        const string End = "\"}]}";
        string filler = new('b', characters - Start.Length - End.Length);
        return Start + filler + End + new string(' ', indent);
    }

    private static string UserAnswer(string action, string userName) => Wrap(action,
        $"<User><Path>/</Path><UserName>{userName}</UserName><UserId>AIDACKCEVSQ6C2EXAMPLE</UserId><Arn>arn:aws:iam::123456789012:user/{userName}</Arn><CreateDate>2013-03-07T22:26:58Z</CreateDate></User>");

    private static string CreatePolicyAnswer(string name, string arn) => Wrap("CreatePolicy", $"""
        <Policy>
          <PolicyName>{SecurityElement.Escape(name)}</PolicyName>
          <DefaultVersionId>v1</DefaultVersionId>
          <PolicyId>AGPACKCEVSQ6C2EXAMPLE</PolicyId>
          <Path>/</Path>
          <Arn>{SecurityElement.Escape(arn)}</Arn>
          <AttachmentCount>0</AttachmentCount>
          <CreateDate>2014-09-15T17:36:14.673Z</CreateDate>
          <IsAttachable>true</IsAttachable>
          <UpdateDate>2014-09-15T17:36:14.673Z</UpdateDate>
        </Policy>
        """);

    private static string Wrap(string action, string result) => $"""
        <{action}Response xmlns="{IamXml.Namespace}">
          <{action}Result>{result}</{action}Result>
          <ResponseMetadata><RequestId>7a62c49f-347e-4fc4-9331-6e8eEXAMPLE</RequestId></ResponseMetadata>
        </{action}Response>
        """;

    /// <summary>The answer of an action that returns nothing: IAM sends no <c>…Result</c> element.</summary>
    private static string Empty(string action) => $"""
        <{action}Response xmlns="{IamXml.Namespace}">
          <ResponseMetadata><RequestId>ed7e72d3-3d07-11e4-bfad-8d1c6EXAMPLE</RequestId></ResponseMetadata>
        </{action}Response>
        """;

    private IamQueryClient Client() => IamQueryClient.Create(new SessionAWSCredentials("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", "token"), innerHandler: _iam);
}
