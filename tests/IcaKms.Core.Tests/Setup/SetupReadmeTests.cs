using IcaKms.Core.Checks;
using IcaKms.Core.Policies;
using IcaKms.Core.Planning;
using IcaKms.Core.Applying;
using IcaKms.Core.Bundle;
using IcaKms.Core.Setup;

namespace IcaKms.Core.Tests.Setup;

public class SetupReadmeTests
{
    [Fact]
    public void Create_ListsConsoleStepsInSpecOrder_Always()
    {
        string readme = SetupReadme.Create(Samples.Content(role: "arn:aws:iam::079623148045:role/ica_aps2_crossacct"));

        int[] positions =
        [
            readme.IndexOf("1. Create the bucket with SSE-KMS", StringComparison.Ordinal),
            readme.IndexOf("Create the folder \"runs/\"", StringComparison.Ordinal),
            readme.IndexOf("2. Create the IAM policy", StringComparison.Ordinal),
            readme.IndexOf("Summary lists 3 permissions: KMS, S3 and STS", StringComparison.Ordinal),
            readme.IndexOf("3. Attach the policy to the IAM user", StringComparison.Ordinal),
            readme.IndexOf("4. In ICA, create the storage configuration", StringComparison.Ordinal),
            readme.IndexOf("5. Cross-account copy", StringComparison.Ordinal),
        ];

        Assert.DoesNotContain(-1, positions);
        Assert.Equal(positions.Order(), positions);
    }

    [Fact]
    public void Create_ListsEncryptionFieldsUnderOptionalSection_InStep4()
    {
        string[] lines = SetupReadme.Create(Samples.Content()).Split('\n');

        int section = Array.IndexOf(lines, "     [Optional] Server Side Encryption");
        Assert.True(section > 0);
        Assert.Equal("     Algorithm           aws:kms", lines[section + 1]);
        Assert.Equal($"     Key Name            {Samples.KeyArn}", lines[section + 2]);
    }

    [Fact]
    public void Create_SaysEditNotReplace_WhenCrossAccountChosen()
    {
        const string role = "arn:aws:iam::079623148045:role/ica_aps2_crossacct";

        string readme = SetupReadme.Create(Samples.Content(role: role));

        Assert.Contains($"chosen: ICA's role {role}", readme, StringComparison.Ordinal);
        Assert.Contains("Keep every existing statement: edit the policy,\n   do not replace it", readme, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_NamesConfirmedRole_WhenCrossAccountOmittedInRegionWithKnownRole()
    {
        string readme = SetupReadme.Create(Samples.Content(role: null));

        Assert.Contains("not chosen: kms-key-policy-statement.json keeps the ASSUME_ROLE_ARN placeholder", readme, StringComparison.Ordinal);
        Assert.Contains("ICA's role ARN for ap-southeast-2:\n   arn:aws:iam::079623148045:role/ica_aps2_crossacct\n", readme, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_PointsToIcaPage_WhenCrossAccountOmittedInRegionWithoutKnownRole()
    {
        var content = Samples.Content() with { Configuration = Samples.Configuration() with { Region = Samples.Japan } };

        string readme = SetupReadme.Create(content);

        Assert.Contains("ICA's role ARN for ap-northeast-1:\n   copy it from ICA's \"Enable Cross Account Copy\" page.", readme, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_ExplainsVersionedPolicy_WhenVersioned()
    {
        string readme = SetupReadme.Create(Samples.Content(PolicyVariant.Versioned));

        Assert.Contains(
            "versioned: the bucket's versioning is Enabled or Suspended, so ICA also needs s3:ListBucketVersions, s3:GetBucketVersioning, s3:DeleteObjectVersion, s3:GetObjectVersion",
            readme,
            StringComparison.Ordinal);
    }

    [Fact]
    public void Create_ExplainsUnversionedPolicy_WhenUnversioned()
    {
        string readme = SetupReadme.Create(Samples.Content(PolicyVariant.Unversioned));

        Assert.Contains("unversioned: versioning was never enabled on the bucket", readme, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_WarnsAboutBucketRoot_WhenNoPrefix()
    {
        string readme = SetupReadme.Create(Samples.Content(keyPrefix: ""));

        Assert.Contains("(none) the bucket root: connecting the whole bucket blocks it for other ICA projects", readme, StringComparison.Ordinal);
        Assert.Contains("No key prefix was chosen.", readme, StringComparison.Ordinal);
        Assert.Contains("     Key prefix          (leave empty)\n", readme, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_DescribesScopedObjectAccess_WhenScopedToPrefix()
    {
        string readme = SetupReadme.Create(Samples.Content(scope: true));

        Assert.Contains($"only under the key prefix (arn:aws:s3:::{Samples.Bucket}/runs/*)", readme, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_ExplainsApiPlaceholders_ForStorageConfigurationBody()
    {
        string readme = SetupReadme.Create(Samples.Content());

        Assert.Contains("in place of STORAGE_CREDENTIAL_ID", readme, StringComparison.Ordinal);
        Assert.Contains("GET /api/regions lists ICA's regions; put the id of Australia in place of REGION_ID", readme, StringComparison.Ordinal);
        Assert.Contains("application/vnd.illumina.v3+json", readme, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_UsesLfLineEnds_OnEveryPlatform()
    {
        string readme = SetupReadme.Create(Samples.Content());

        Assert.DoesNotContain('\r', readme);
        Assert.EndsWith("\n", readme, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_LeavesNoTrailingSpaces_WhenFormValuesEmpty()
    {
        var content = Samples.Content() with { Configuration = Samples.Configuration(keyPrefix: "", description: "") };

        string readme = SetupReadme.Create(content);

        Assert.DoesNotContain(" \n", readme, StringComparison.Ordinal);
        Assert.Contains("     Description         (leave empty)\n", readme, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_RecordsLiveChecksWithFixes_WhenInspected()
    {
        var content = Samples.Content() with
        {
            LiveChecks =
            [
                new SetupCheck("bucket-key", WizardStep.Bucket, "Bucket Key is on", CheckState.Warning, "Bucket Key is off.", "Turn Bucket Key on."),
                new SetupCheck("key-state", WizardStep.Bucket, "Key is enabled", CheckState.Pass, "The key is enabled.", ""),
            ],
        };

        string readme = SetupReadme.Create(content);

        Assert.Contains("LIVE CHECKS", readme, StringComparison.Ordinal);
        Assert.Contains("   [WARNING] Bucket Key is on: Bucket Key is off.\n      Fix: Turn Bucket Key on.\n", readme, StringComparison.Ordinal);
        Assert.Contains("   [pass] Key is enabled: The key is enabled.\n", readme, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_HasNoLiveSection_WhenOffline() =>
        Assert.DoesNotContain("LIVE CHECKS", SetupReadme.Create(Samples.Content()), StringComparison.Ordinal);

    [Fact]
    public void Create_RecordsTheAppliedChanges_WithWhoWhenAndTheDocuments()
    {
        var at = new DateTimeOffset(2026, 11, 30, 8, 15, 0, TimeSpan.Zero);
        AppliedChange[] applied =
        [
            new(new CreateBucketChange("lab-data", "us-east-1"), ChangeOutcome.Done, "Created lab-data in us-east-1.", "arn:aws:sts::111122223333:assumed-role/Admin/me", at),
            new(new BlockPublicAccessChange("lab-data") { Before = "{\n    \"BlockPublicAcls\": false\n}", After = "{\n    \"BlockPublicAcls\": true\n}" },
                ChangeOutcome.Failed, "AccessDenied on s3:PutBucketPublicAccessBlock.", "arn:aws:sts::111122223333:assumed-role/Admin/me", at),
        ];

        string readme = SetupReadme.Create(Samples.Content() with { AppliedChanges = applied });

        Assert.Contains("CHANGES APPLIED BY ICAKMS", readme, StringComparison.Ordinal);
        Assert.Contains("[done] 2026-11-30 08:15:00 UTC by arn:aws:sts::111122223333:assumed-role/Admin/me: Create the bucket lab-data in us-east-1", readme, StringComparison.Ordinal);
        Assert.Contains("[FAILED]", readme, StringComparison.Ordinal);
        Assert.Contains("Before: { \"BlockPublicAcls\": false }", readme, StringComparison.Ordinal);
        Assert.Contains("After:  { \"BlockPublicAcls\": true }", readme, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_HasNoAppliedSection_WhenNothingWasApplied()
    {
        Assert.DoesNotContain("CHANGES APPLIED", SetupReadme.Create(Samples.Content()), StringComparison.Ordinal);
    }
}
