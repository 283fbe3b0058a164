using System.Text.Json.Nodes;
using IcaKms.Core.Policies;
using IcaKms.Core.Tests.Spec;
using static IcaKms.Core.Tests.Policies.TestPolicies;

namespace IcaKms.Core.Tests.Policies;

public class PolicySummaryCheckTests
{
    private static readonly string[] UnversionedRequired =
    [
        "kms:Decrypt", "kms:Encrypt", "kms:GenerateDataKey",
        "s3:PutBucketNotification", "s3:ListBucket", "s3:GetBucketNotification", "s3:GetBucketLocation",
        "s3:PutObject", "s3:GetObject", "s3:RestoreObject", "s3:DeleteObject",
        "sts:GetFederationToken",
    ];

    private static readonly string[] VersionActions =
        ["s3:ListBucketVersions", "s3:GetBucketVersioning", "s3:DeleteObjectVersion", "s3:GetObjectVersion"];

    // ---- The spec's own documents ----

    [Theory]
    [InlineData(PolicyVariant.Unversioned)]
    [InlineData(PolicyVariant.Versioned)]
    public void Check_PassesWithoutFindings_SpecPolicyWithRealNames(PolicyVariant variant)
    {
        PolicySummary summary = PolicySummaryCheck.Check(SpecPolicy(variant), variant, Bucket, Key);

        Assert.Equal(CheckState.Pass, summary.Verdict);
        Assert.Null(summary.InputProblem);
        Assert.Empty(summary.Findings);
        Assert.Empty(summary.DifferencesFromSpec);
        Assert.Empty(summary.MisplacedActions);
        Assert.Empty(summary.ExtraActions);
        Assert.Equal(3, summary.StatementCount);
        Assert.Equal(["KMS", "S3", "STS"], summary.Services.Select(s => s.Name));
        Assert.All(summary.RequiredActions, c => Assert.True(c.Granted, c.Action));
    }

    [Theory]
    [InlineData(PolicyVariant.Unversioned)]
    [InlineData(PolicyVariant.Versioned)]
    public void Check_PassesWithoutFindings_SpecPolicyWithPlaceholdersAndNoNames(PolicyVariant variant)
    {
        string json = PolicyJson.Serialize(IcaIamPolicy.Create(IcaIamPolicy.BucketPlaceholder, IcaIamPolicy.KeyPlaceholder, variant));

        PolicySummary summary = PolicySummaryCheck.Check(json, variant);

        Assert.Equal(CheckState.Pass, summary.Verdict);
        Assert.Empty(summary.Findings);
        Assert.Empty(summary.DifferencesFromSpec);
        Assert.Equal(["KMS", "S3", "STS"], summary.Services.Select(s => s.Name));
    }

    [Fact]
    public void Check_PassesWithoutFindings_RawSpecTextUnversioned()
    {
        PolicySummary summary = PolicySummaryCheck.Check(SpecDocuments.UnversionedPolicy, PolicyVariant.Unversioned);

        Assert.Equal(CheckState.Pass, summary.Verdict);
        Assert.Empty(summary.Findings);
        Assert.Equal(3, summary.StatementCount);
        Assert.Equal(["KMS", "S3", "STS"], summary.Services.Select(s => s.Name));
        Assert.Equal(UnversionedRequired, summary.RequiredActions.Select(c => c.Action));
    }

    [Fact]
    public void Check_PassesWithoutFindings_RawSpecTextVersioned()
    {
        PolicySummary summary = PolicySummaryCheck.Check(SpecDocuments.VersionedPolicy, PolicyVariant.Versioned);

        Assert.Equal(CheckState.Pass, summary.Verdict);
        Assert.Empty(summary.Findings);
        Assert.Equal(16, summary.RequiredActions.Count);
        Assert.All(summary.RequiredActions, c => Assert.True(c.Present, c.Action));
    }

    [Fact]
    public void Check_GroupsLikeIamSummary_SpecPolicy()
    {
        PolicySummary summary = PolicySummaryCheck.Check(SpecPolicy(), PolicyVariant.Unversioned, Bucket, Key);

        ServiceSummary kms = summary.Services[0];
        Assert.Equal(("kms", "KMS"), (kms.Prefix, kms.Name));
        Assert.Equal(["kms:Decrypt", "kms:Encrypt", "kms:GenerateDataKey"], kms.Actions);
        Assert.Equal([Key], kms.Resources);
        ServiceSummary s3 = summary.Services[1];
        Assert.Equal(
            ["s3:PutBucketNotification", "s3:ListBucket", "s3:GetBucketNotification", "s3:GetBucketLocation", "s3:PutObject", "s3:GetObject", "s3:RestoreObject", "s3:DeleteObject"],
            s3.Actions);
        Assert.Equal([BucketArn, ObjectsArn], s3.Resources);
        Assert.Equal(["*"], summary.Services[2].Resources);
    }

    [Fact]
    public void Check_CountsCharactersWithoutWhitespace_SpecPolicy()
    {
        string json = SpecPolicy();

        PolicySummary summary = PolicySummaryCheck.Check(json, PolicyVariant.Unversioned);

        Assert.Equal(json.Count(c => !char.IsWhiteSpace(c)), summary.CharacterCount);
        Assert.True(summary.IsWithinCharacterLimit);
    }

    [Fact]
    public void Check_CountsWhitespaceInsideStrings_NotOutside()
    {
        string compact = Policy("""{"Sid":"a b","Effect":"Allow","Action":"s3:GetObject","Resource":"*"}""");
        string spaced = compact.Replace(",", " ,\n\t ", StringComparison.Ordinal);

        int expected = compact.Count(c => c != ' ') + 1;

        Assert.Equal(expected, PolicySummaryCheck.Check(compact, PolicyVariant.Unversioned).CharacterCount);
        Assert.Equal(expected, PolicySummaryCheck.Check(spaced, PolicyVariant.Unversioned).CharacterCount);
    }

    [Fact]
    public void Check_FailsWithMissingVersionActions_UnversionedSpecCheckedAsVersioned()
    {
        PolicySummary summary = PolicySummaryCheck.Check(SpecPolicy(PolicyVariant.Unversioned), PolicyVariant.Versioned, Bucket, Key);

        Assert.Equal(CheckState.Fail, summary.Verdict);
        Assert.Equal(VersionActions, summary.MissingActions);
        PolicyFinding finding = Assert.Single(summary.Findings, f => f.Kind == PolicyFindingKind.MissingVersionActions);
        Assert.Contains("s3:ListBucketVersions", finding.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(summary.Findings, f => f.Kind == PolicyFindingKind.MissingActions);
    }

    [Fact]
    public void Check_WarnsHarmlessButNotNeeded_VersionedSpecCheckedAsUnversioned()
    {
        PolicySummary summary = PolicySummaryCheck.Check(SpecPolicy(PolicyVariant.Versioned), PolicyVariant.Unversioned, Bucket, Key);

        Assert.Equal(CheckState.Warning, summary.Verdict);
        PolicyFinding finding = Assert.Single(summary.Findings);
        Assert.Equal(PolicyFindingKind.VersionActionsNotNeeded, finding.Kind);
        Assert.Contains("harmless but not needed", finding.Message, StringComparison.Ordinal);
        Assert.Equal(["s3:ListBucketVersions", "s3:GetBucketVersioning", "s3:DeleteObjectVersion", "s3:GetObjectVersion"], summary.ExtraActions);
    }

    [Fact]
    public void Check_TreatsSpecPlaceholdersAsUnknownNames_WhenPassedAsNames()
    {
        string json = PolicyJson.Serialize(IcaIamPolicy.Create(IcaIamPolicy.BucketPlaceholder, IcaIamPolicy.KeyPlaceholder, PolicyVariant.Unversioned));

        PolicySummary summary = PolicySummaryCheck.Check(json, PolicyVariant.Unversioned, IcaIamPolicy.BucketPlaceholder, IcaIamPolicy.KeyPlaceholder);

        Assert.Equal(CheckState.Pass, summary.Verdict);
    }

    // ---- Actions ----

    [Fact]
    public void Check_FailsNamingMissingAction_ActionRemoved()
    {
        string json = Edit(s => RemoveAction(s, 0, "kms:Decrypt"));

        PolicySummary summary = PolicySummaryCheck.Check(json, PolicyVariant.Unversioned, Bucket, Key);

        Assert.Equal(CheckState.Fail, summary.Verdict);
        Assert.Equal(["kms:Decrypt"], summary.MissingActions);
        Assert.False(summary.RequiredActions.Single(c => c.Action == "kms:Decrypt").Present);
        PolicyFinding finding = Assert.Single(summary.Findings);
        Assert.Equal(PolicyFindingKind.MissingActions, finding.Kind);
        Assert.Equal("Missing KMS actions: kms:Decrypt.", finding.Message);
        Assert.Contains("KMS key ARN", finding.Fix, StringComparison.Ordinal);
        Assert.Contains("Statement 1: missing kms:Decrypt.", summary.DifferencesFromSpec);
    }

    [Fact]
    public void Check_FailsWithSummaryAndCount_StsStatementRemoved()
    {
        string json = Edit(s => s.RemoveAt(2));

        PolicySummary summary = PolicySummaryCheck.Check(json, PolicyVariant.Unversioned, Bucket, Key);

        Assert.Equal(CheckState.Fail, summary.Verdict);
        Assert.Equal(2, summary.StatementCount);
        Assert.Equal(["KMS", "S3"], summary.Services.Select(s => s.Name));
        Assert.Equal(["sts:GetFederationToken"], summary.MissingActions);
        PolicyFinding services = Assert.Single(summary.Findings, f => f.Kind == PolicyFindingKind.Services);
        Assert.StartsWith("The spec expects 3 permissions in the IAM Summary: KMS, S3 and STS", services.Message, StringComparison.Ordinal);
        Assert.Equal(FindingSeverity.Error, services.Severity);
        Assert.Equal(FindingSeverity.Warning, Assert.Single(summary.Findings, f => f.Kind == PolicyFindingKind.StatementCount).Severity);
        Assert.Contains(summary.DifferencesFromSpec, d => d.StartsWith("No statement matches the spec's statement 3 (STS)", StringComparison.Ordinal));
    }

    [Fact]
    public void Check_ReportsKmsActionsMisplaced_KeyRemovedFromTheirStatement()
    {
        string json = Edit(s => Set(s, 0, "Resource", $"""["{BucketArn}"]"""));

        PolicySummary summary = PolicySummaryCheck.Check(json, PolicyVariant.Unversioned);

        Assert.Equal(CheckState.Fail, summary.Verdict);
        Assert.Equal(["kms:Decrypt", "kms:Encrypt", "kms:GenerateDataKey"], summary.MisplacedActions.Select(m => m.Action));
        Assert.Contains(BucketArn, summary.MisplacedActions[0].Reason, StringComparison.Ordinal);
        Assert.Contains("KMS key ARN", summary.MisplacedActions[0].Reason, StringComparison.Ordinal);
        RequiredActionCheck decrypt = summary.RequiredActions[0];
        Assert.True(decrypt.Present);
        Assert.True(decrypt.Misplaced);
        Assert.False(decrypt.Granted);
        Assert.Empty(summary.Services[0].Resources);
        Assert.Contains(summary.Findings, f => f.Kind == PolicyFindingKind.MisplacedAction && f.Message.StartsWith("kms:Decrypt grants nothing", StringComparison.Ordinal));
    }

    [Fact]
    public void Check_ReportsObjectActionsMisplaced_ObjectStatementOnBucketArn()
    {
        string json = Edit(s => Set(s, 1, "Resource", $"\"{BucketArn}\""));

        PolicySummary summary = PolicySummaryCheck.Check(json, PolicyVariant.Unversioned, Bucket, Key);

        Assert.Equal(["s3:PutObject", "s3:GetObject", "s3:RestoreObject", "s3:DeleteObject"], summary.MisplacedActions.Select(m => m.Action));
        Assert.Contains("object ARNs", summary.MisplacedActions[1].Reason, StringComparison.Ordinal);
        Assert.Contains(summary.Findings, f => f.Kind == PolicyFindingKind.ObjectsNotNamed);
    }

    [Fact]
    public void Check_ReportsListBucketMisplaced_OnlyPairedWithObjectArn()
    {
        string json = Edit(s =>
        {
            RemoveAction(s, 0, "s3:ListBucket");
            s[1]!["Action"]!.AsArray().Add("s3:ListBucket");
        });

        PolicySummary summary = PolicySummaryCheck.Check(json, PolicyVariant.Unversioned, Bucket, Key);

        MisplacedAction misplaced = Assert.Single(summary.MisplacedActions);
        Assert.Equal("s3:ListBucket", misplaced.Action);
        Assert.Contains(ObjectsArn, misplaced.Reason, StringComparison.Ordinal);
        Assert.Contains("Statement 2: has s3:ListBucket, which the spec puts in statement 1 (KMS key and bucket).", summary.DifferencesFromSpec);
    }

    [Fact]
    public void Check_ReportsFederationTokenMisplaced_OnS3Resource()
    {
        string json = Edit(s => Set(s, 2, "Resource", $"\"{BucketArn}\""));

        PolicySummary summary = PolicySummaryCheck.Check(json, PolicyVariant.Unversioned, Bucket, Key);

        Assert.Equal("sts:GetFederationToken", Assert.Single(summary.MisplacedActions).Action);
        Assert.Contains($"Statement 3: Resource is {BucketArn} (spec: \"*\").", summary.DifferencesFromSpec);
    }

    [Fact]
    public void Check_CountsWildcardAsPresentButWarns_S3Star()
    {
        string json = Policy($$"""
            {"Effect": "Allow", "Action": ["kms:Decrypt", "kms:Encrypt", "kms:GenerateDataKey", "s3:*"], "Resource": ["{{Key}}", "{{BucketArn}}"]},
            {"Effect": "Allow", "Action": "s3:*", "Resource": "{{ObjectsArn}}"},
            {"Effect": "Allow", "Action": "sts:GetFederationToken", "Resource": "*"}
            """);

        PolicySummary summary = PolicySummaryCheck.Check(json, PolicyVariant.Versioned, Bucket, Key);

        Assert.Equal(CheckState.Warning, summary.Verdict);
        Assert.All(summary.RequiredActions, c => Assert.True(c.Granted, c.Action));
        Assert.Equal("s3:*", summary.RequiredActions.Single(c => c.Action == "s3:GetObject").GrantedBy);
        Assert.Equal(["s3:*"], summary.ExtraActions);
        PolicyFinding finding = Assert.Single(summary.Findings);
        Assert.Equal(PolicyFindingKind.WildcardAction, finding.Kind);
        Assert.Contains("s3:*", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_MatchesWildcardsCaseInsensitively_QuestionMarkAndStar()
    {
        string json = Policy($$"""
            {"Effect": "Allow", "Action": ["KMS:*crypt", "kms:GenerateDataKe?", "S3:*Bucket*"], "Resource": ["{{Key}}", "{{BucketArn}}"]},
            {"Effect": "Allow", "Action": ["s3:*Object"], "Resource": "{{ObjectsArn}}"},
            {"Effect": "Allow", "Action": "STS:Get*", "Resource": "*"}
            """);

        PolicySummary summary = PolicySummaryCheck.Check(json, PolicyVariant.Unversioned, Bucket, Key);

        Assert.Empty(summary.MissingActions);
        Assert.Equal("KMS:*crypt", summary.RequiredActions.Single(c => c.Action == "kms:Encrypt").GrantedBy);
        Assert.Equal(["KMS", "S3", "STS"], summary.Services.Select(s => s.Name));
        Assert.Equal(PolicyFindingKind.WildcardAction, Assert.Single(summary.Findings).Kind);
    }

    [Fact]
    public void Check_WarnsAboutEverything_AdministratorPolicy()
    {
        string json = Policy("""{"Effect": "Allow", "Action": "*", "Resource": "*"}""");

        PolicySummary summary = PolicySummaryCheck.Check(json, PolicyVariant.Versioned, Bucket, Key);

        Assert.Equal(CheckState.Warning, summary.Verdict);
        Assert.Empty(summary.MissingActions);
        Assert.Equal("All services", Assert.Single(summary.Services).Name);
        Assert.Contains(summary.Findings, f => f.Kind == PolicyFindingKind.WildcardAction);
        Assert.Contains(summary.Findings, f => f.Kind == PolicyFindingKind.BroadResource && f.Message.Contains("KMS and S3", StringComparison.Ordinal));
        Assert.Contains(summary.Findings, f => f.Kind == PolicyFindingKind.Services && f.Severity == FindingSeverity.Warning);
        Assert.Contains(summary.Findings, f => f.Kind == PolicyFindingKind.StatementCount);
    }

    [Fact]
    public void Check_WarnsAboutExtraActionAndService_ExtraEc2AndDescribeKey()
    {
        string json = Edit(s =>
        {
            s[0]!["Action"]!.AsArray().Add("kms:DescribeKey");
            s[2]!["Action"]!.AsArray().Add("ec2:DescribeInstances");
        });

        PolicySummary summary = PolicySummaryCheck.Check(json, PolicyVariant.Unversioned, Bucket, Key);

        Assert.Equal(CheckState.Warning, summary.Verdict);
        Assert.Equal(["kms:DescribeKey", "ec2:DescribeInstances"], summary.ExtraActions);
        Assert.Equal("Actions the spec does not list: kms:DescribeKey, ec2:DescribeInstances.", Assert.Single(summary.Findings, f => f.Kind == PolicyFindingKind.ExtraActions).Message);
        Assert.Contains("EC2", Assert.Single(summary.Findings, f => f.Kind == PolicyFindingKind.Services).Message, StringComparison.Ordinal);
        Assert.Contains("Statement 1: extra kms:DescribeKey.", summary.DifferencesFromSpec);
    }

    [Fact]
    public void Check_FailsOnMalformedAction_NoServicePrefix()
    {
        string json = Edit(s => s[1]!["Action"]!.AsArray().Add("GetObject"));

        PolicySummary summary = PolicySummaryCheck.Check(json, PolicyVariant.Unversioned);

        PolicyFinding finding = Assert.Single(summary.Findings);
        Assert.Equal(PolicyFindingKind.InvalidAction, finding.Kind);
        Assert.Contains("\"GetObject\"", finding.Message, StringComparison.Ordinal);
    }

    // ---- Resources ----

    [Fact]
    public void Check_FailsNamingBothBuckets_WrongBucket()
    {
        string json = PolicyJson.Serialize(IcaIamPolicy.Create("someone-elses-bucket", Key, PolicyVariant.Unversioned));

        PolicySummary summary = PolicySummaryCheck.Check(json, PolicyVariant.Unversioned, Bucket, Key);

        Assert.Equal(CheckState.Fail, summary.Verdict);
        Assert.Equal($"The policy does not name your bucket {BucketArn}.", Assert.Single(summary.Findings, f => f.Kind == PolicyFindingKind.BucketNotNamed).Message);
        Assert.Contains(ObjectsArn, Assert.Single(summary.Findings, f => f.Kind == PolicyFindingKind.ObjectsNotNamed).Message, StringComparison.Ordinal);
        Assert.Contains("arn:aws:s3:::someone-elses-bucket", Assert.Single(summary.Findings, f => f.Kind == PolicyFindingKind.ForeignBucket).Message, StringComparison.Ordinal);
        Assert.Contains($"Statement 1: Resource lacks {BucketArn}.", summary.DifferencesFromSpec);
    }

    [Fact]
    public void Check_Passes_ObjectsScopedToPrefix()
    {
        string json = PolicyJson.Serialize(IcaIamPolicy.Create(Bucket, Key, PolicyVariant.Unversioned, "runs/2026/"));

        PolicySummary summary = PolicySummaryCheck.Check(json, PolicyVariant.Unversioned, Bucket, Key);

        Assert.Equal(CheckState.Pass, summary.Verdict);
        Assert.Empty(summary.Findings);
        Assert.Contains(summary.DifferencesFromSpec, d => d.Contains("objects limited to arn:aws:s3:::my-ica-bucket/runs/2026/*", StringComparison.Ordinal));
    }

    [Fact]
    public void Check_FailsNamingKey_KeyMissingFromResources()
    {
        const string otherKey = "arn:aws:kms:us-east-1:123456789012:key/ffffffff-0000-0000-0000-000000000000";
        string json = PolicyJson.Serialize(IcaIamPolicy.Create(Bucket, otherKey, PolicyVariant.Unversioned));

        PolicySummary summary = PolicySummaryCheck.Check(json, PolicyVariant.Unversioned, Bucket, Key);

        Assert.Equal(CheckState.Fail, summary.Verdict);
        Assert.Equal($"The policy does not name your KMS key {Key}.", Assert.Single(summary.Findings, f => f.Kind == PolicyFindingKind.KeyNotNamed).Message);
        Assert.Contains(otherKey, Assert.Single(summary.Findings, f => f.Kind == PolicyFindingKind.ForeignKey).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_FailsOnAliasArn_EvenWithoutKeyGiven()
    {
        const string alias = "arn:aws:kms:us-east-1:123456789012:alias/ica";
        string json = PolicyJson.Serialize(IcaIamPolicy.Create(Bucket, alias, PolicyVariant.Unversioned));

        PolicySummary summary = PolicySummaryCheck.Check(json, PolicyVariant.Unversioned);

        Assert.Equal(CheckState.Fail, summary.Verdict);
        PolicyFinding finding = Assert.Single(summary.Findings);
        Assert.Equal(PolicyFindingKind.KeyAlias, finding.Kind);
        Assert.StartsWith($"{alias} is a KMS alias ARN", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_SuggestsGivenKey_AliasArnWithKeyGiven()
    {
        string json = PolicyJson.Serialize(IcaIamPolicy.Create(Bucket, "arn:aws:kms:us-east-1:123456789012:alias/ica", PolicyVariant.Unversioned));

        PolicySummary summary = PolicySummaryCheck.Check(json, PolicyVariant.Unversioned, Bucket, Key);

        PolicyFinding finding = Assert.Single(summary.Findings);
        Assert.Equal($"Replace it with {Key}.", finding.Fix);
    }

    [Fact]
    public void Check_FailsStillContainsPlaceholder_KeyGivenButPlaceholderLeft()
    {
        string json = PolicyJson.Serialize(IcaIamPolicy.Create(Bucket, IcaIamPolicy.KeyPlaceholder, PolicyVariant.Unversioned));

        PolicySummary summary = PolicySummaryCheck.Check(json, PolicyVariant.Unversioned, Bucket, Key);

        Assert.Equal(CheckState.Fail, summary.Verdict);
        PolicyFinding finding = Assert.Single(summary.Findings);
        Assert.Equal(PolicyFindingKind.Placeholder, finding.Kind);
        Assert.Equal("The policy still contains the placeholder arn:aws:kms:xxx.", finding.Message);
        Assert.Equal($"Replace it with {Key}.", finding.Fix);
    }

    [Fact]
    public void Check_FailsStillContainsPlaceholder_BucketGivenButPlaceholderLeft()
    {
        string json = PolicyJson.Serialize(IcaIamPolicy.Create(IcaIamPolicy.BucketPlaceholder, Key, PolicyVariant.Unversioned));

        PolicySummary summary = PolicySummaryCheck.Check(json, PolicyVariant.Unversioned, Bucket, Key);

        PolicyFinding finding = Assert.Single(summary.Findings);
        Assert.Equal(PolicyFindingKind.Placeholder, finding.Kind);
        Assert.StartsWith("The policy still contains the placeholder BUCKET_NAME", finding.Message, StringComparison.Ordinal);
        Assert.Equal($"Replace BUCKET_NAME with {Bucket}.", finding.Fix);
    }

    [Fact]
    public void Check_FailsOnTruncatedKeyArn_WithoutKeyGiven()
    {
        string json = PolicyJson.Serialize(IcaIamPolicy.Create(Bucket, "arn:aws:kms:us-east-1:123456789012", PolicyVariant.Unversioned));

        PolicySummary summary = PolicySummaryCheck.Check(json, PolicyVariant.Unversioned);

        PolicyFinding finding = Assert.Single(summary.Findings);
        Assert.Equal(PolicyFindingKind.Placeholder, finding.Kind);
        Assert.Contains("not a complete KMS key ARN", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_WarnsBroadResource_S3ActionsOnEveryBucket()
    {
        string json = Edit(s => Set(s, 1, "Resource", "\"arn:aws:s3:::*\""));

        PolicySummary summary = PolicySummaryCheck.Check(json, PolicyVariant.Unversioned, Bucket, Key);

        Assert.Equal(CheckState.Warning, summary.Verdict);
        PolicyFinding finding = Assert.Single(summary.Findings);
        Assert.Equal(PolicyFindingKind.BroadResource, finding.Kind);
        Assert.StartsWith("Statement 2 allows S3 actions on arn:aws:s3:::*", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_WarnsSingleObject_ObjectResourceWithoutWildcard()
    {
        string json = Edit(s => Set(s, 1, "Resource", $"\"{BucketArn}/data\""));

        PolicySummary summary = PolicySummaryCheck.Check(json, PolicyVariant.Unversioned, Bucket, Key);

        PolicyFinding finding = Assert.Single(summary.Findings);
        Assert.Equal(PolicyFindingKind.SingleObjectResource, finding.Kind);
        Assert.Equal($"Write {BucketArn}/data/* to reach the objects under it.", finding.Fix);
    }

    // ---- Size ----

    [Fact]
    public void Check_FailsOverSizeLimit_ManyPrefixes()
    {
        string json = Edit(s => Set(s, 1, "Resource", "[" + string.Join(",", Enumerable.Range(0, 200).Select(i => $"\"{BucketArn}/folder-{i:D4}/*\"")) + "]"));

        PolicySummary summary = PolicySummaryCheck.Check(json, PolicyVariant.Unversioned, Bucket, Key);

        Assert.True(summary.CharacterCount > PolicySummary.CharacterLimit);
        Assert.False(summary.IsWithinCharacterLimit);
        Assert.Equal(CheckState.Fail, summary.Verdict);
        PolicyFinding finding = Assert.Single(summary.Findings);
        Assert.Equal(PolicyFindingKind.SizeLimit, finding.Kind);
        Assert.Contains("IAM allows at most 6,144", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_IgnoresWhitespaceForSize_HeavilyIndentedSpecPolicy()
    {
        string json = SpecPolicy().Replace("\n", "\n" + new string(' ', 10_000), StringComparison.Ordinal);

        PolicySummary summary = PolicySummaryCheck.Check(json, PolicyVariant.Unversioned, Bucket, Key);

        Assert.True(json.Length > 100_000);
        Assert.Equal(CheckState.Pass, summary.Verdict);
        Assert.Equal(PolicySummaryCheck.Check(SpecPolicy(), PolicyVariant.Unversioned).CharacterCount, summary.CharacterCount);
    }

    // ---- Statement shapes and elements ----

    [Fact]
    public void Check_Passes_SingleStringActionAndResource()
    {
        string json = Policy($$"""
            {"Effect": "Allow", "Action": ["kms:Decrypt", "kms:Encrypt", "kms:GenerateDataKey"], "Resource": "{{Key}}"},
            {"Effect": "Allow", "Action": ["s3:PutBucketNotification", "s3:ListBucket", "s3:GetBucketNotification", "s3:GetBucketLocation"], "Resource": "{{BucketArn}}"},
            {"Effect": "Allow", "Action": ["s3:PutObject", "s3:GetObject", "s3:RestoreObject", "s3:DeleteObject"], "Resource": "{{ObjectsArn}}"},
            {"Effect": "Allow", "Action": "sts:GetFederationToken", "Resource": "*"}
            """);

        PolicySummary summary = PolicySummaryCheck.Check(json, PolicyVariant.Unversioned, Bucket, Key);

        Assert.Equal(CheckState.Warning, summary.Verdict);
        Assert.Equal(PolicyFindingKind.StatementCount, Assert.Single(summary.Findings).Kind);
        Assert.Empty(summary.MissingActions);
        Assert.Empty(summary.MisplacedActions);
        Assert.Contains("Statements 1, 2 split the spec's statement 1 (KMS key and bucket) into 2.", summary.DifferencesFromSpec);
    }

    [Fact]
    public void Check_ReadsSingleStatementObject_InsteadOfArray()
    {
        string actions = string.Join(", ", UnversionedRequired.Select(a => $"\"{a}\""));
        string json = $$$"""
            {"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": [{{{actions}}}], "Resource": ["{{{Key}}}", "{{{BucketArn}}}", "{{{ObjectsArn}}}", "*"]}}
            """;

        PolicySummary summary = PolicySummaryCheck.Check(json, PolicyVariant.Unversioned, Bucket, Key);

        Assert.Null(summary.InputProblem);
        Assert.Equal(1, summary.StatementCount);
        Assert.Empty(summary.MissingActions);
        Assert.Empty(summary.MisplacedActions);
        Assert.Equal(["KMS", "S3", "STS"], summary.Services.Select(s => s.Name));
        Assert.Contains(summary.Findings, f => f.Kind == PolicyFindingKind.StatementCount && f.Message.StartsWith("The policy has 1 statement;", StringComparison.Ordinal));
        Assert.Contains(summary.Findings, f => f.Kind == PolicyFindingKind.BroadResource);
    }

    [Fact]
    public void Check_WarnsNamingBlockedActions_DenyStatement()
    {
        string json = Edit(s => s.Add(JsonNode.Parse($$"""{"Effect": "Deny", "Action": "s3:DeleteObject", "Resource": "{{ObjectsArn}}"}""")));

        PolicySummary summary = PolicySummaryCheck.Check(json, PolicyVariant.Unversioned, Bucket, Key);

        Assert.Equal(CheckState.Warning, summary.Verdict);
        PolicyFinding deny = Assert.Single(summary.Findings, f => f.Kind == PolicyFindingKind.DenyStatement);
        Assert.Equal("Statement 4 is a Deny of s3:DeleteObject, which ICA needs: check that it does not block ICA.", deny.Message);
        Assert.Equal(4, summary.StatementCount);
        Assert.Contains("Statement 4 is a Deny statement; the spec has none.", summary.DifferencesFromSpec);
    }

    [Fact]
    public void Check_WarnsNotAnalysed_NotActionAndNotResource()
    {
        string json = Edit(s => s[2] = JsonNode.Parse("""{"Effect": "Allow", "NotAction": "iam:*", "NotResource": "arn:aws:s3:::secret/*"}"""));

        PolicySummary summary = PolicySummaryCheck.Check(json, PolicyVariant.Unversioned, Bucket, Key);

        PolicyFinding finding = Assert.Single(summary.Findings, f => f.Kind == PolicyFindingKind.NotAnalysed);
        Assert.StartsWith("Statement 3 uses NotAction and NotResource", finding.Message, StringComparison.Ordinal);
        Assert.Equal(["sts:GetFederationToken"], summary.MissingActions);
    }

    [Fact]
    public void Check_PassesWithInfo_Condition()
    {
        string json = Edit(s => Set(s, 2, "Condition", """{"Bool": {"aws:SecureTransport": "true"}}"""));

        PolicySummary summary = PolicySummaryCheck.Check(json, PolicyVariant.Unversioned, Bucket, Key);

        Assert.Equal(CheckState.Pass, summary.Verdict);
        PolicyFinding finding = Assert.Single(summary.Findings);
        Assert.Equal((FindingSeverity.Info, PolicyFindingKind.Condition), (finding.Severity, finding.Kind));
    }

    [Fact]
    public void Check_FailsOnPrincipal_KeyPolicyStatementPasted()
    {
        string json = Edit(s => Set(s, 2, "Principal", """{"AWS": "arn:aws:iam::079623148045:role/ica_use1_crossacct"}"""));

        PolicySummary summary = PolicySummaryCheck.Check(json, PolicyVariant.Unversioned, Bucket, Key);

        Assert.Equal(CheckState.Fail, summary.Verdict);
        Assert.Contains("must not name one", Assert.Single(summary.Findings, f => f.Kind == PolicyFindingKind.Principal).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_FailsOnEffectCase_LowerCaseAllow()
    {
        string json = Edit(s => Set(s, 2, "Effect", "\"allow\""));

        PolicySummary summary = PolicySummaryCheck.Check(json, PolicyVariant.Unversioned, Bucket, Key);

        PolicyFinding finding = Assert.Single(summary.Findings);
        Assert.Equal(PolicyFindingKind.InvalidElement, finding.Kind);
        Assert.Equal("Write \"Allow\".", finding.Fix);
        Assert.Empty(summary.MissingActions);
    }

    [Fact]
    public void Check_FailsOnUnknownElement_TypoInStatement()
    {
        string json = Edit(s => Set(s, 0, "Conditions", "{}"));

        PolicySummary summary = PolicySummaryCheck.Check(json, PolicyVariant.Unversioned, Bucket, Key);

        Assert.Equal("Unknown element \"Conditions\" in statement 1: IAM rejects the policy.", Assert.Single(summary.Findings).Message);
    }

    [Fact]
    public void Check_InformsOnly_VersionMissing()
    {
        JsonObject root = JsonNode.Parse(SpecPolicy())!.AsObject();
        root.Remove("Version");

        PolicySummary summary = PolicySummaryCheck.Check(root.ToJsonString(), PolicyVariant.Unversioned, Bucket, Key);

        Assert.Equal(CheckState.Pass, summary.Verdict);
        PolicyFinding finding = Assert.Single(summary.Findings);
        Assert.Equal((FindingSeverity.Info, PolicyFindingKind.Version), (finding.Severity, finding.Kind));
    }

    [Fact]
    public void Check_ListsErrorsBeforeWarnings_MixedFindings()
    {
        string json = Edit(s =>
        {
            RemoveAction(s, 1, "s3:GetObject");
            s[2]!["Action"]!.AsArray().Add("ec2:*");
        });

        PolicySummary summary = PolicySummaryCheck.Check(json, PolicyVariant.Unversioned, Bucket, Key);

        Assert.Equal(FindingSeverity.Error, summary.Findings[0].Severity);
        Assert.Equal(FindingSeverity.Warning, summary.Findings[^1].Severity);
        Assert.Equal(CheckState.Fail, summary.Verdict);
    }
}
