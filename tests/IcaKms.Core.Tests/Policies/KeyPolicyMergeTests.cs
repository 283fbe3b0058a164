using System.Text.Json.Nodes;
using IcaKms.Core.Policies;
using static IcaKms.Core.Tests.Policies.KeyPolicyMergeSamples;
using IcaKms.Core.KeyPolicies;

namespace IcaKms.Core.Tests.Policies;

public class KeyPolicyMergeTests
{
    [Fact]
    public void DefaultPolicy_AddsStatementAfterIt_KeepsItAndTheDocumentFields()
    {
        KeyPolicyMergeResult result = Merge(DefaultPolicy);

        Assert.Equal(KeyPolicyMergeOutcome.Added, result.Outcome);
        Assert.True(result.Changed);
        Assert.Equal(1, result.StatementIndex);
        JsonObject merged = JsonNode.Parse(result.MergedPolicy!)!.AsObject();
        JsonObject previous = JsonNode.Parse(DefaultPolicy)!.AsObject();
        Assert.Equal(["Version", "Id", "Statement"], merged.Select(p => p.Key));
        Assert.Equal("key-default-1", (string?)merged["Id"]);
        JsonArray statements = merged["Statement"]!.AsArray();
        Assert.Equal(2, statements.Count);
        Assert.Equal(previous["Statement"]![0]!.ToJsonString(), statements[0]!.ToJsonString());
        Assert.Equal(JsonNode.Parse(SpecStatement())!.ToJsonString(), statements[1]!.ToJsonString());
        Assert.Equal(DefaultPolicy, result.PreviousPolicy);
    }

    [Fact]
    public void MergedText_IsIndentedWithFourSpaces_AndHoldsTheSpecStatementVerbatim()
    {
        string merged = Merge(DefaultPolicy).MergedPolicy!;

        Assert.StartsWith("{\n    \"Version\": \"2012-10-17\",\n", merged, StringComparison.Ordinal);
        string specIndented = string.Join("\n", SpecStatement().Split('\n').Select(line => "        " + line));
        Assert.Contains(specIndented, merged, StringComparison.Ordinal);
    }

    [Fact]
    public void PolicyWithTheExactStatement_IsNoChange_AndMergingTwiceEqualsOnce()
    {
        KeyPolicyMergeResult first = Merge(DefaultPolicy);

        KeyPolicyMergeResult second = Merge(first.MergedPolicy!);

        Assert.Equal(KeyPolicyMergeOutcome.NoChange, second.Outcome);
        Assert.False(second.Changed);
        Assert.Equal(first.MergedPolicy, second.MergedPolicy);
        Assert.Equal(1, second.StatementIndex);
        Assert.All(second.Difference, line => Assert.Equal(PolicyDiffKind.Unchanged, line.Kind));
    }

    [Fact]
    public void StatementWithTheSidButAnotherRole_IsReplacedInPlace()
    {
        const string Other = """{"Sid": "Allow use of the key", "Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111122223333:user/ops/bob"}, "Action": ["kms:Decrypt"], "Resource": "*"}""";
        string policy = Policy(RootStatement, SpecStatement(OtherIcaRole), Other);

        KeyPolicyMergeResult result = Merge(policy);

        Assert.Equal(KeyPolicyMergeOutcome.Replaced, result.Outcome);
        Assert.Equal(1, result.StatementIndex);
        JsonArray statements = Statements(result.MergedPolicy!);
        Assert.Equal(3, statements.Count);
        Assert.Equal(JsonNode.Parse(RootStatement)!.ToJsonString(), statements[0]!.ToJsonString());
        Assert.Equal(JsonNode.Parse(SpecStatement())!.ToJsonString(), statements[1]!.ToJsonString());
        Assert.Equal(JsonNode.Parse(Other)!.ToJsonString(), statements[2]!.ToJsonString());
        Assert.Contains(result.Difference, l => l.Kind == PolicyDiffKind.Removed && l.Text.Contains(OtherIcaRole, StringComparison.Ordinal));
        Assert.Contains(result.Difference, l => l.Kind == PolicyDiffKind.Added && l.Text.Contains(IcaRole, StringComparison.Ordinal));
    }

    [Fact]
    public void ReplacingTheOnlyStatementThatLetsTheCallerChangeThePolicy_IsRefusedAsLockout()
    {
        string sidWithAdmin = $$"""{"Sid": "{{CrossAccountKeyStatement.Sid}}", "Effect": "Allow", "Principal": {"AWS": "{{AdminRole}}"}, "Action": "kms:*", "Resource": "*"}""";
        const string DecryptOnly = """{"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111122223333:root"}, "Action": "kms:Decrypt", "Resource": "*"}""";

        KeyPolicyMergeResult result = Merge(Policy(DecryptOnly, sidWithAdmin));

        Assert.Equal(KeyPolicyMergeOutcome.Refused, result.Outcome);
        Assert.Equal(KeyPolicyMergeRefusal.Lockout, result.Refusal);
        Assert.Null(result.MergedPolicy);
        Assert.Contains("would lock you out", result.Message, StringComparison.Ordinal);
        Assert.Contains("rename its Sid", result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void DenyOfPutKeyPolicyForTheCaller_IsRefusedAsLockout()
    {
        string deny = $$"""{"Sid": "NoPolicyChanges", "Effect": "Deny", "Principal": {"AWS": ["{{User}}", "{{AdminRole}}"]}, "Action": "kms:PutKeyPolicy", "Resource": "*"}""";

        KeyPolicyMergeResult result = Merge(Policy(RootStatement, deny));

        Assert.Equal(KeyPolicyMergeRefusal.Lockout, result.Refusal);
        Assert.Contains("#2 'NoPolicyChanges' denies kms:PutKeyPolicy", result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void DenyForAnotherPrincipal_DoesNotLockTheCallerOut()
    {
        string deny = $$"""{"Effect": "Deny", "Principal": {"AWS": "{{OtherRole}}"}, "Action": "kms:*", "Resource": "*"}""";

        Assert.Equal(KeyPolicyMergeOutcome.Added, Merge(Policy(RootStatement, deny)).Outcome);
    }

    [Fact]
    public void PolicyOverThe32KBLimit_IsRefusedWithItsSize()
    {
        string big = $$"""{"Sid": "Padding", "Effect": "Allow", "Principal": {"AWS": "{{User}}"}, "Action": "kms:Decrypt", "Resource": "*", "Description": "{{new string('x', 33_000)}}"}""";

        KeyPolicyMergeResult result = Merge(Policy(RootStatement, big));

        Assert.Equal(KeyPolicyMergeRefusal.TooLarge, result.Refusal);
        Assert.Matches(@"would be 33,\d{3} bytes .*over KMS's limit of 32,768 bytes", result.Message);
    }

    [Fact]
    public void PolicyThatFitsOnlyWithoutIndentation_IsSentCompact()
    {
        // Many short statements: the indentation alone pushes the indented text over the limit.
        string[] statements = [RootStatement, .. Enumerable.Range(0, 120).Select(i => $$"""{"Sid": "S{{i}}", "Effect": "Allow", "Principal": {"AWS": ["{{User}}", "{{OtherRole}}"]}, "Action": ["kms:Decrypt", "kms:Encrypt"], "Resource": "*"}""")];
        string policy = Policy(statements);

        KeyPolicyMergeResult result = Merge(policy);

        Assert.True(result.Outcome == KeyPolicyMergeOutcome.Added, result.Message);
        Assert.DoesNotContain('\n', result.MergedPolicy!);
        Assert.True(result.MergedSize <= KeyPolicyMerge.MaxPolicyBytes, $"{result.MergedSize} bytes");
        Assert.Contains("without indentation", result.Message, StringComparison.Ordinal);
        Assert.Equal(KeyPolicyMergeOutcome.NoChange, Merge(result.MergedPolicy!).Outcome);
    }

    [Fact]
    public void TwoStatementsWithTheSid_AreRefusedAndNamed()
    {
        KeyPolicyMergeResult result = Merge(Policy(RootStatement, SpecStatement(), SpecStatement(OtherIcaRole)));

        Assert.Equal(KeyPolicyMergeRefusal.DuplicateSid, result.Refusal);
        Assert.Contains("Statements #2, #3", result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void UnknownTopLevelAndStatementFields_AndValueShapes_ArePreserved()
    {
        const string Policy = """
            {
              "Id": "custom-policy",
              "Version": "2012-10-17",
              "X-Owner": {"team": "lab-it", "ticket": 4711, "ratio": 2.50, "tags": [true, null]},
              "Statement": [
                {"Resource": "*", "Action": ["kms:*"], "Effect": "Allow", "Principal": {"AWS": ["111122223333"]}, "Sid": "Root"},
                {"Sid": "Svc", "Effect": "Allow", "Principal": {"Service": "logs.us-east-1.amazonaws.com"}, "Action": "kms:GenerateDataKey*",
                 "Resource": "*", "Condition": {"ArnLike": {"kms:EncryptionContext:aws:logs:arn": "arn:aws:logs:us-east-1:111122223333:*"}}, "X-Note": "keep me"}
              ],
              "X-Trailer": "last"
            }
            """;

        KeyPolicyMergeResult result = Merge(Policy);

        Assert.Equal(KeyPolicyMergeOutcome.Added, result.Outcome);
        JsonObject previous = JsonNode.Parse(Policy)!.AsObject();
        JsonObject merged = JsonNode.Parse(result.MergedPolicy!)!.AsObject();
        Assert.Equal(["Id", "Version", "X-Owner", "Statement", "X-Trailer"], merged.Select(p => p.Key));
        Assert.Equal(previous["X-Owner"]!.ToJsonString(), merged["X-Owner"]!.ToJsonString());
        Assert.Contains("\"ratio\": 2.50", result.MergedPolicy, StringComparison.Ordinal);
        Assert.Equal(previous["Statement"]![0]!.ToJsonString(), merged["Statement"]![0]!.ToJsonString());
        Assert.Equal(previous["Statement"]![1]!.ToJsonString(), merged["Statement"]![1]!.ToJsonString());
    }

    [Fact]
    public void SingleStatementObject_BecomesAnArrayHoldingItAndTheNewStatement()
    {
        string policy = "{\"Version\": \"2012-10-17\", \"Statement\": " + RootStatement + "}";

        KeyPolicyMergeResult result = Merge(policy);

        JsonArray statements = Statements(result.MergedPolicy!);
        Assert.Equal(2, statements.Count);
        Assert.Equal(JsonNode.Parse(RootStatement)!.ToJsonString(), statements[0]!.ToJsonString());
    }

    [Theory]
    [InlineData(AdminSession, AdminRole)]
    [InlineData(AdminSession, AdminRoleWithPath)]
    [InlineData(AdminSession, AdminSession)]
    [InlineData(User, User)]
    [InlineData(Root, Account)]
    [InlineData(AdminSession, Account)]
    [InlineData(User, "*")]
    public void CallerNamedByAnAllowOfPutKeyPolicy_IsAccepted(string caller, string principal)
    {
        string admin = $$"""{"Effect": "Allow", "Principal": {"AWS": "{{principal}}"}, "Action": ["kms:Describe*", "kms:Put*"], "Resource": "*"}""";

        KeyPolicyMergeResult result = Merge(Policy(admin), caller);

        Assert.Equal(KeyPolicyMergeOutcome.Added, result.Outcome);
    }

    [Theory]
    [InlineData(AdminSession, OtherRole)]
    [InlineData(AdminSession, "arn:aws:iam::444455556666:role/KeyAdmin")]
    [InlineData(AdminSession, "arn:aws:iam::111122223333:user/KeyAdmin")]
    [InlineData(User, "arn:aws:iam::111122223333:user/bob")]
    [InlineData(User, "444455556666")]
    public void CallerNotNamedByAnyAllowOfPutKeyPolicy_IsRefusedAsLockout(string caller, string principal)
    {
        string admin = $$"""{"Effect": "Allow", "Principal": {"AWS": "{{principal}}"}, "Action": "kms:*", "Resource": "*"}""";

        KeyPolicyMergeResult result = Merge(Policy(admin), caller);

        Assert.Equal(KeyPolicyMergeRefusal.Lockout, result.Refusal);
        Assert.Contains($"no statement would allow kms:PutKeyPolicy to", result.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("\"Action\": \"*\"", true)]
    [InlineData("\"Action\": \"kms:Put*\"", true)]
    [InlineData("\"Action\": \"KMS:putkeypolicy\"", true)]
    [InlineData("\"Action\": [\"kms:Get*\", \"kms:Create*\"]", false)]
    [InlineData("\"NotAction\": \"kms:Decrypt\"", true)]
    [InlineData("\"NotAction\": [\"kms:Put*\"]", false)]
    public void ActionsAreMatchedWithWildcardsAndNotAction(string actions, bool accepted)
    {
        string admin = "{\"Effect\": \"Allow\", \"Principal\": {\"AWS\": \"" + Root + "\"}, " + actions + ", \"Resource\": \"*\"}";

        KeyPolicyMergeResult result = Merge(Policy(admin));

        Assert.Equal(accepted ? KeyPolicyMergeOutcome.Added : KeyPolicyMergeOutcome.Refused, result.Outcome);
    }

    [Fact]
    public void AnAllowOnlyUnderACondition_DoesNotCount_AndTheMessageSaysSo()
    {
        const string Conditional = """{"Sid": "MfaAdmins", "Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111122223333:root"}, "Action": "kms:*", "Resource": "*", "Condition": {"Bool": {"aws:MultiFactorAuthPresent": "true"}}}""";

        KeyPolicyMergeResult result = Merge(Policy(Conditional));

        Assert.Equal(KeyPolicyMergeRefusal.Lockout, result.Refusal);
        Assert.Contains("#1 'MfaAdmins' allows it only with a Condition", result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AwsManagedKey_IsRefusedBeforeAnyMerge()
    {
        KeyPolicyMergeResult result = Merge(DefaultPolicy, keyManager: "AWS");

        Assert.Equal(KeyPolicyMergeRefusal.AwsManagedKey, result.Refusal);
        Assert.StartsWith("AWS managed keys' policies cannot be changed", result.Message, StringComparison.Ordinal);
        Assert.Null(result.MergedPolicy);
    }

    [Theory]
    [InlineData("")]
    [InlineData("not json")]
    [InlineData("[1, 2]")]
    [InlineData("{\"Version\": \"2012-10-17\"}")]
    [InlineData("{\"Version\": \"2012-10-17\", \"Statement\": \"Allow\"}")]
    [InlineData("{\"Version\": \"2012-10-17\", \"Statement\": [42]}")]
    [InlineData("{\"Version\": \"2012-10-17\", \"Version\": \"2008-10-17\", \"Statement\": []}")]
    [InlineData("{\"Statement\": [{\"Sid\": \"a\", \"Sid\": \"b\"}]}")]
    public void TextThatIsNotAKeyPolicy_IsRefused(string text)
    {
        KeyPolicyMergeResult result = Merge(text);

        Assert.Equal(KeyPolicyMergeRefusal.NotAPolicy, result.Refusal);
        Assert.Equal(text, result.PreviousPolicy);
    }

    [Theory]
    [InlineData("")]
    [InlineData("arn:aws:s3:::bucket")]
    [InlineData("arn:aws:sts::111122223333:assumed-role/KeyAdmin")]
    [InlineData("arn:aws:iam::1111:user/bob")]
    public void CallerThatIsNotAPrincipalArn_IsRefused(string caller) =>
        Assert.Equal(KeyPolicyMergeRefusal.InvalidCaller, Merge(DefaultPolicy, caller).Refusal);

    [Fact]
    public void RoleThatIsNotARoleArn_IsRefused() =>
        Assert.Equal(KeyPolicyMergeRefusal.InvalidRoleArn, Merge(DefaultPolicy, role: "arn:aws:iam::079623148045:user/ica").Refusal);

    [Fact]
    public void Difference_ComparesThePreviousDocumentInTheSameFormatting_SoOnlyTheNewStatementIsAdded()
    {
        KeyPolicyMergeResult result = Merge(DefaultPolicy);

        List<PolicyDiffLine> removed = [.. result.Difference.Where(l => l.Kind == PolicyDiffKind.Removed)];
        List<PolicyDiffLine> added = [.. result.Difference.Where(l => l.Kind == PolicyDiffKind.Added)];
        Assert.Empty(removed);
        Assert.Equal("        },", added[0].Text);
        Assert.Equal(SpecStatement().Split('\n').Length, added.Count);
        Assert.Equal(result.MergedPolicy!.Split('\n'), result.Difference.Where(l => l.Kind != PolicyDiffKind.Removed).Select(l => l.Text));
    }
}
