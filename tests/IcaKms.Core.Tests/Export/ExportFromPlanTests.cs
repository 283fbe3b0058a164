using System.Text.Json.Nodes;
using IcaKms.Core.Aws;
using IcaKms.Core.Checks;
using IcaKms.Core.Export;
using IcaKms.Core.Setup;
using IcaKms.TestKit;

namespace IcaKms.Core.Tests.Export;

public class ExportFromPlanTests
{
    [Fact]
    public void Create_MergesTheKeyPolicy_KeepingEveryOtherStatement()
    {
        ExportSubject subject = ExportSamples.Connected();

        JsonArray before = JsonNode.Parse(ExportSamples.ExistingKeyPolicy)!["Statement"]!.AsArray();
        JsonArray after = JsonNode.Parse(subject.MergedKeyPolicy!)!["Statement"]!.AsArray();
        Assert.Equal(before.Count + 1, after.Count);
        for (int i = 0; i < before.Count; i++)
        {
            Assert.True(JsonNode.DeepEquals(before[i], after[i]), $"statement #{i + 1} changed");
        }

        Assert.Equal("Allow cross account access", after[^1]!["Sid"]!.GetValue<string>());
        Assert.Equal("key-consolepolicy-3", JsonNode.Parse(subject.MergedKeyPolicy!)!["Id"]!.GetValue<string>());
    }

    [Fact]
    public void Create_LeavesTheKeyPolicyAlone_WhenTheMergeWouldLockTheCallerOut()
    {
        // The only statement that lets the caller change the policy has the spec's Sid: replacing it would lock them out.
        const string policy = """{"Version":"2012-10-17","Statement":[{"Sid":"Allow cross account access","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::123456789012:user/admin"},"Action":"kms:*","Resource":"*"}]}""";

        ExportSubject subject = ExportSamples.Connected(policy);

        Assert.Null(subject.MergedKeyPolicy);
        Assert.Contains("left alone", subject.KeyPolicyNote, StringComparison.Ordinal);
        Assert.Contains("lock you out", subject.KeyPolicyNote, StringComparison.Ordinal);
        Assert.DoesNotContain("aws_kms_key_policy", TerraformExport.MainTf(subject), StringComparison.Ordinal);
        Assert.DoesNotContain("AWS::KMS::Key", CloudFormationExport.Template(subject), StringComparison.Ordinal);
    }

    [Fact]
    public void Create_RendersTheKeyPolicyAsRead_WhenItAlreadyHoldsTheStatement()
    {
        string merged = ExportSamples.Connected().MergedKeyPolicy!;

        ExportSubject again = ExportSamples.Connected(merged);

        Assert.Equal(merged, again.MergedKeyPolicy);
        Assert.Contains("unchanged", again.KeyPolicyNote, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_ImportsWhatExists_AndCreatesWhatDoesNot()
    {
        ExportSubject subject = ExportSamples.Connected();

        Assert.True(subject.BucketExists);
        Assert.True(subject.EncryptionExists);
        Assert.False(subject.OwnershipExists);
        Assert.True(subject.PublicAccessBlockExists);
        Assert.True(subject.PrefixExists);
        Assert.True(subject.UserExists);
        Assert.True(subject.PolicyAttached);
        Assert.Equal(["SSE-C"], subject.BlockedEncryptionTypes);
        string main = TerraformExport.MainTf(subject);
        Assert.Contains("to = aws_s3_bucket.ica\n", main, StringComparison.Ordinal);
        Assert.DoesNotContain("to = aws_s3_bucket_ownership_controls.ica", main, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_ImportsNothing_WhenTheBucketAndUserDoNotExist()
    {
        ExportSubject connected = ExportSamples.Connected();
        var noBucket = new AwsFailure(AwsFailureKind.NotFound, "s3:HeadBucket", "b", "NoSuchBucket", "missing");
        var noUser = new AwsFailure(AwsFailureKind.NotFound, "iam:ListAttachedUserPolicies", "u", "NoSuchEntity", "missing");
        LiveSnapshot empty = ExportSamples.Snapshot(ExportSamples.ExistingKeyPolicy) with
        {
            BucketRegion = Result<string, AwsFailure>.Fail(noBucket),
            IamPolicies = Result<IReadOnlyList<IdentityPolicy>, AwsFailure>.Fail(noUser),
        };
        SetupInputs inputs = ExportSamples.Inputs() with { IamUserName = "ica-storage" };

        ExportSubject subject = ExportFromPlan.Create(ExportSamples.Documents(inputs).Content, InspectionRequest.Create(inputs), empty, ExportSamples.Caller);

        Assert.False(subject.BucketExists || subject.UserExists || subject.PrefixExists || subject.PolicyAttached);
        string main = TerraformExport.MainTf(subject);
        Assert.False(main.Contains("import {", StringComparison.Ordinal), main);
        Assert.DoesNotContain("\"DeletionPolicy\"", CloudFormationExport.Template(subject), StringComparison.Ordinal);
        Assert.True(connected.ImportsAnything);
    }
}
