using System.Net;
using System.Text.Json;
using IcaKms.Core.Aws;

namespace IcaKms.Core.Tests.Aws;

/// <summary>The KMS writes over the real SDK client: the request KMS receives, the typed result, the failures.</summary>
public class KmsGatewayWriteTests
{
    private const string Account = "111122223333";
    private const string KeyId = "1234abcd-12ab-34cd-56ef-1234567890ab";
    private const string KeyArn = $"arn:aws:kms:eu-west-2:{Account}:key/{KeyId}";
    private const string Policy = """{"Version":"2012-10-17","Statement":[{"Sid":"Enable IAM User Permissions","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:root"},"Action":"kms:*","Resource":"*"}]}""";

    private readonly AwsHttpStub _aws = new();

    private IKmsGateway Gateway => _aws.Gateways().Kms;

    [Fact]
    public async Task CreateKey_AsksForACustomerManagedSymmetricEncryptionKey_WithDescriptionAndTags()
    {
        _aws.RespondWith(_ => AwsHttpStub.Json($$"""
            {"KeyMetadata":{"AWSAccountId":"{{Account}}","Arn":"{{KeyArn}}","KeyId":"{{KeyId}}","KeySpec":"SYMMETRIC_DEFAULT",
             "KeyUsage":"ENCRYPT_DECRYPT","KeyState":"Enabled","KeyManager":"CUSTOMER","Enabled":true,"MultiRegion":false,
             "Description":"ICA lab data","Origin":"AWS_KMS","CreationDate":1700000000} }
            """));

        Result<KmsKeyDescription, AwsFailure> result = await Gateway.CreateKeyAsync("ICA lab data", new Dictionary<string, string> { ["app"] = "icakms" });

        Assert.True(result.Succeeded, result.Failure?.Message);
        Assert.Equal(
            new KmsKeyDescription(KeyArn, KeyId, "eu-west-2", Account, "SYMMETRIC_DEFAULT", "ENCRYPT_DECRYPT", "Enabled", "CUSTOMER", false, null),
            result.Value);
        RecordedRequest request = Assert.Single(_aws.Requests);
        Assert.Equal("TrentService.CreateKey", request.Target);
        JsonElement body = JsonDocument.Parse(request.Body).RootElement;
        Assert.Equal("SYMMETRIC_DEFAULT", body.GetProperty("KeySpec").GetString());
        Assert.Equal("ENCRYPT_DECRYPT", body.GetProperty("KeyUsage").GetString());
        Assert.Equal("ICA lab data", body.GetProperty("Description").GetString());
        JsonElement tag = Assert.Single(body.GetProperty("Tags").EnumerateArray());
        Assert.Equal(("app", "icakms"), (tag.GetProperty("TagKey").GetString(), tag.GetProperty("TagValue").GetString()));
        Assert.False(body.TryGetProperty("Policy", out _), "CreateKey keeps KMS's default key policy");
        Assert.False(body.TryGetProperty("BypassPolicyLockoutSafetyCheck", out _));
    }

    [Fact]
    public async Task CreateKey_SendsNoTags_WhenNoneAreGiven()
    {
        _aws.RespondWith(_ => AwsHttpStub.KmsError("AccessDeniedException", "denied"));

        await Gateway.CreateKeyAsync("ICA lab data");

        Assert.False(JsonDocument.Parse(Assert.Single(_aws.Requests).Body).RootElement.TryGetProperty("Tags", out _));
    }

    public static TheoryData<string, string?, Func<IKmsGateway, Task<AwsFailure?>>> DeniedWrites() => new()
    {
        { "kms:CreateKey", null, async kms => (await kms.CreateKeyAsync("ICA lab data")).Failure },
        { "kms:CreateAlias", "alias/lab-data", async kms => (await kms.CreateAliasAsync("alias/lab-data", KeyArn)).Failure },
        { "kms:PutKeyPolicy", KeyArn, async kms => (await kms.PutKeyPolicyAsync(KeyArn, Policy)).Failure },
    };

    [Theory]
    [MemberData(nameof(DeniedWrites))]
    public async Task Writes_FailAccessDenied_NamingTheIamAction(string action, string? resource, Func<IKmsGateway, Task<AwsFailure?>> write)
    {
        _aws.RespondWith(_ => AwsHttpStub.KmsError("AccessDeniedException", $"User: arn:aws:sts::{Account}:assumed-role/Admin/alice is not authorized to perform: {action}"));

        AwsFailure failure = (await write(Gateway))!;

        Assert.Equal(AwsFailureKind.AccessDenied, failure.Kind);
        Assert.Equal(action, failure.Action);
        Assert.Equal(resource, failure.Resource);
        Assert.Equal(
            $"AccessDenied on {action}{(resource is null ? "" : $" for {resource}")}: add {action} to your role's policy (and check the key policy allows your account).",
            failure.Message);
    }

    [Fact]
    public async Task CreateAlias_PointsTheAliasAtTheKeyArn()
    {
        _aws.RespondWith(_ => AwsHttpStub.Json(""));

        Result<string, AwsFailure> result = await Gateway.CreateAliasAsync("alias/lab-data", KeyArn);

        Assert.Equal("alias/lab-data", result.Value);
        RecordedRequest request = Assert.Single(_aws.Requests);
        Assert.Equal("TrentService.CreateAlias", request.Target);
        JsonElement body = JsonDocument.Parse(request.Body).RootElement;
        Assert.Equal("alias/lab-data", body.GetProperty("AliasName").GetString());
        Assert.Equal(KeyArn, body.GetProperty("TargetKeyId").GetString());
    }

    [Theory]
    [InlineData("lab-data", KeyArn)]
    [InlineData("alias/aws/s3", KeyArn)]
    [InlineData("alias/lab-data", "alias/other")]
    public async Task CreateAlias_RefusesAReservedOrMalformedAliasOrTarget_BeforeAnyCall(string alias, string target)
    {
        Result<string, AwsFailure> result = await Gateway.CreateAliasAsync(alias, target);

        Assert.Equal(AwsFailureKind.Refused, result.Failure!.Kind);
        Assert.StartsWith("kms:CreateAlias was not sent: ", result.Failure.Message, StringComparison.Ordinal);
        Assert.Empty(_aws.Requests);
    }

    [Fact]
    public async Task PutKeyPolicy_ReplacesTheDefaultPolicy_NeverBypassingTheLockoutSafetyCheck()
    {
        _aws.RespondWith(_ => AwsHttpStub.Json(""));

        Result<string, AwsFailure> result = await Gateway.PutKeyPolicyAsync(KeyArn, Policy);

        Assert.Equal(Policy, result.Value);
        RecordedRequest request = Assert.Single(_aws.Requests);
        Assert.Equal("TrentService.PutKeyPolicy", request.Target);
        JsonElement body = JsonDocument.Parse(request.Body).RootElement;
        Assert.Equal(KeyArn, body.GetProperty("KeyId").GetString());
        Assert.Equal("default", body.GetProperty("PolicyName").GetString());
        Assert.Equal(Policy, body.GetProperty("Policy").GetString());
        Assert.False(
            body.TryGetProperty("BypassPolicyLockoutSafetyCheck", out JsonElement bypass) && bypass.ValueKind != JsonValueKind.False,
            "BypassPolicyLockoutSafetyCheck must never be true");
    }

    [Theory]
    [InlineData("alias/lab-data")]
    [InlineData("arn:aws:kms:eu-west-2:111122223333:alias/lab-data")]
    [InlineData(KeyId)]
    public async Task PutKeyPolicy_RefusesAnythingButAKeyArn_BeforeAnyCall(string keyId)
    {
        Result<string, AwsFailure> result = await Gateway.PutKeyPolicyAsync(keyId, Policy);

        Assert.Equal(AwsFailureKind.Refused, result.Failure!.Kind);
        Assert.Equal("kms:PutKeyPolicy", result.Failure.Action);
        Assert.Null(result.Failure.ErrorCode);
        Assert.Equal(
            $"kms:PutKeyPolicy was not sent: {keyId} is not a KMS key ARN (arn:aws:kms:REGION:ACCOUNT:key/KEY-ID): resolve it with DescribeKey first and use the key ARN it returns.",
            result.Failure.Message);
        Assert.Empty(_aws.Requests);
    }

    [Fact]
    public async Task PutKeyPolicy_ShowsKmsReason_WhenTheLockoutSafetyCheckRefusesThePolicy()
    {
        _aws.RespondWith(_ => AwsHttpStub.KmsError("MalformedPolicyDocumentException",
            "The new key policy will not allow you to update the key policy in the future."));

        Result<string, AwsFailure> result = await Gateway.PutKeyPolicyAsync(KeyArn, Policy);

        Assert.Equal(AwsFailureKind.Other, result.Failure!.Kind);
        Assert.Equal("MalformedPolicyDocumentException", result.Failure.ErrorCode);
        Assert.Equal(
            $"kms:PutKeyPolicy for {KeyArn} failed (MalformedPolicyDocumentException, HTTP 400): The new key policy will not allow you to update the key policy in the future.",
            result.Failure.Message);
    }

    [Fact]
    public async Task Writes_RethrowTheCallersCancellation()
    {
        using var cancellation = new CancellationTokenSource();
        _aws.Respond = async (_, _) =>
        {
            await cancellation.CancelAsync();
            return AwsHttpStub.Json("");
        };

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Gateway.PutKeyPolicyAsync(KeyArn, Policy, cancellation.Token));
    }
}
