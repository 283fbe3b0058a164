using IcaKms.Core.Policies.Evaluation;
using static IcaKms.Core.Tests.Policies.Evaluation.Eval;

namespace IcaKms.Core.Tests.Policies.Evaluation;

/// <summary>
/// The evaluator against AWS's own documented examples. Each test names the page (IAM User Guide or KMS Developer Guide)
/// whose example policy it quotes and the verdict that page gives.
/// </summary>
public class AccessEvaluatorDocumentedTests
{
    /// <summary>KMS Developer Guide, "Default key policy" (key-policy-default): the statement that lets IAM policies decide.</summary>
    private const string DefaultKeyPolicy = $$"""
        {"Version": "2012-10-17", "Id": "key-default-1", "Statement": [
          {"Sid": "Enable IAM User Permissions", "Effect": "Allow", "Principal": {"AWS": "{{Root}}"}, "Action": "kms:*", "Resource": "*"}]}
        """;

    private const string AllowDecrypt = $$"""{"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": ["kms:Decrypt", "kms:Encrypt"], "Resource": "{{KeyArn}}"} }""";

    // IAM User Guide, "Policy evaluation logic" (reference_policies_evaluation-logic): "An explicit deny in any of these
    // policies overrides the allow."
    [Fact]
    public void Evaluate_ExplicitDenyWins_OverAnAllowInAnotherPolicy()
    {
        AccessDecision decision = Identity("s3:DeleteObject", "arn:aws:s3:::amzn-s3-demo-bucket/a", null,
            """{"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "s3:*", "Resource": "*"}}""",
            """{"Version": "2012-10-17", "Statement": {"Sid": "NoDeletes", "Effect": "Deny", "Action": "s3:DeleteObject", "Resource": "*"}}""");

        Assert.Equal(AccessVerdict.ExplicitDeny, decision.Verdict);
        Assert.Equal("statement 'NoDeletes' of policy 2", decision.DecidedBy);
    }

    // IAM User Guide, "Policy evaluation logic": "By default, all requests are implicitly denied".
    [Fact]
    public void Evaluate_ImplicitlyDenies_WhenNothingAllows()
    {
        AccessDecision decision = Identity("s3:GetObject", "arn:aws:s3:::amzn-s3-demo-bucket/a", null,
            """{"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "s3:ListBucket", "Resource": "arn:aws:s3:::amzn-s3-demo-bucket"}}""");

        Assert.Equal(AccessVerdict.ImplicitDeny, decision.Verdict);
        Assert.Empty(decision.Deciding);
    }

    // KMS Developer Guide, "Default key policy": with the root statement, "IAM policies ... can allow access to the KMS key".
    [Fact]
    public void Evaluate_AllowsThroughIamPolicy_WhenTheDefaultKeyPolicyDelegatesToTheAccount()
    {
        AccessDecision decision = Key(User(), "kms:Decrypt", DefaultKeyPolicy, identity: [AllowDecrypt]);

        Assert.Equal(AccessVerdict.Allowed, decision.Verdict);
        Assert.Contains("'Enable IAM User Permissions' of the key policy", decision.DecidedBy, StringComparison.Ordinal);
        Assert.Contains("identity policy 1", decision.DecidedBy, StringComparison.Ordinal);
    }

    // KMS Developer Guide, "Default key policy": without the root statement "IAM policies ... are not effective".
    [Fact]
    public void Evaluate_IgnoresTheIamPolicy_WhenTheKeyPolicyDoesNotDelegate()
    {
        const string AdminsOnly = """
            {"Version": "2012-10-17", "Statement": [{"Sid": "Allow access for Key Administrators", "Effect": "Allow",
              "Principal": {"AWS": "arn:aws:iam::111122223333:role/ExampleAdminRole"}, "Action": ["kms:Create*", "kms:Describe*", "kms:Put*"], "Resource": "*"}]}
            """;

        Assert.Equal(AccessVerdict.ImplicitDeny, Key(User(), "kms:Decrypt", AdminsOnly, identity: [AllowDecrypt]).Verdict);
    }

    // KMS Developer Guide, "Key policies" ("Allows key users to use the KMS key"): naming the principal needs no IAM policy.
    [Fact]
    public void Evaluate_AllowsWithoutIamPolicy_WhenTheKeyPolicyNamesThePrincipal()
    {
        const string KeyUsers = """
            {"Version": "2012-10-17", "Statement": [{"Sid": "Allow use of the key", "Effect": "Allow",
              "Principal": {"AWS": "arn:aws:iam::111122223333:user/ExampleUser"},
              "Action": ["kms:Encrypt", "kms:Decrypt", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:DescribeKey"], "Resource": "*"}]}
            """;

        AccessDecision decision = Key(User(), "kms:GenerateDataKeyWithoutPlaintext", KeyUsers, identity: []);

        Assert.Equal(AccessVerdict.Allowed, decision.Verdict);
        Assert.Equal("statement 'Allow use of the key' of the key policy", decision.DecidedBy);
    }

    // KMS Developer Guide, "Grants in AWS KMS": a grant lets the grantee use the key for its operations, with no policy naming it.
    [Fact]
    public void Evaluate_AllowsThroughAGrant_WhenNoPolicyNamesTheGrantee()
    {
        const string NoUsers = """{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111122223333:role/Admin"}, "Action": "kms:*", "Resource": "*"}]}""";
        var grant = new KeyGrant("0c237476b39f8bc44e45212e08498fbe3151305030726c0590dd8d3e9f3d6a60", "arn:aws:iam::111122223333:user/ExampleUser", ["Decrypt", "GenerateDataKey"]);

        AccessDecision decrypt = Key(User(), "kms:Decrypt", NoUsers, identity: [], grants: [grant]);
        AccessDecision encrypt = Key(User(), "kms:Encrypt", NoUsers, identity: [], grants: [grant]);

        Assert.Equal(AccessVerdict.Allowed, decrypt.Verdict);
        Assert.StartsWith("statement operations Decrypt, GenerateDataKey of grant 0c23", decrypt.DecidedBy, StringComparison.Ordinal);
        Assert.Equal(AccessVerdict.ImplicitDeny, encrypt.Verdict);
    }

    // KMS Developer Guide, "Grant constraints": EncryptionContextSubset allows only requests whose context holds the pairs.
    [Fact]
    public void Evaluate_DependsOnTheEncryptionContext_ForAConstrainedGrant()
    {
        const string NoUsers = """{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111122223333:role/Admin"}, "Action": "kms:*", "Resource": "*"}]}""";
        var grant = new KeyGrant("g1", "arn:aws:iam::111122223333:user/ExampleUser", ["Decrypt"], EncryptionContextSubset: new Dictionary<string, string> { ["Department"] = "IT" });

        AccessDecision unknown = Key(User(), "kms:Decrypt", NoUsers, identity: [], grants: [grant]);
        AccessDecision known = Key(User(), "kms:Decrypt", NoUsers, identity: [], grants: [grant], context: Context(("kms:EncryptionContext:Department", "IT")));
        AccessDecision other = Key(User(), "kms:Decrypt", NoUsers, identity: [], grants: [grant], context: Context(("kms:EncryptionContext:Department", "HR")));

        Assert.Equal(AccessVerdict.DependsOn, unknown.Verdict);
        Assert.Contains("kms:EncryptionContext:Department", unknown.DependsOn, StringComparison.Ordinal);
        Assert.Equal(AccessVerdict.Allowed, known.Verdict);
        Assert.Equal(AccessVerdict.ImplicitDeny, other.Verdict);
    }

    // IAM User Guide, "NotPrincipal": "Deny" with NotPrincipal denies everyone except the principals listed; the example lists
    // the user and its account: {"NotPrincipal": {"AWS": ["arn:aws:iam::444455556666:user/Bob", "arn:aws:iam::444455556666:root"]}}.
    [Fact]
    public void Evaluate_DeniesEveryoneButTheListed_ForDenyWithNotPrincipal()
    {
        string policy = $$"""
            {"Version": "2012-10-17", "Statement": [
              {"Sid": "Enable IAM User Permissions", "Effect": "Allow", "Principal": {"AWS": "{{Root}}"}, "Action": "kms:*", "Resource": "*"},
              {"Sid": "DenyAllButBob", "Effect": "Deny", "NotPrincipal": {"AWS": ["arn:aws:iam::{{Account}}:user/Bob", "{{Root}}"]}, "Action": "kms:*", "Resource": "*"}]}
            """;

        AccessDecision bob = Key(User("Bob"), "kms:Decrypt", policy, identity: [AllowDecrypt]);
        AccessDecision alice = Key(User("Alice"), "kms:Decrypt", policy, identity: [AllowDecrypt]);

        Assert.Equal(AccessVerdict.Allowed, bob.Verdict);
        Assert.Equal(AccessVerdict.ExplicitDeny, alice.Verdict);
        Assert.Equal("statement 'DenyAllButBob' of the key policy", alice.DecidedBy);
    }

    // IAM User Guide, "NotPrincipal": "you must also specify the account ARN of the not-denied principal. Otherwise, the
    // policy might deny access to the entire account"; for an assumed role, AWS may check the account, the role and the session.
    [Fact]
    public void Evaluate_DeniesARoleSession_WhenNotPrincipalListsOnlyTheRole()
    {
        RequestPrincipal session = Principal($"arn:aws:sts::{Account}:assumed-role/Admin/alice");
        string RoleOnly(string extra) => $$"""
            {"Version": "2012-10-17", "Statement": [
              {"Effect": "Allow", "Principal": {"AWS": "{{Root}}"}, "Action": "kms:*", "Resource": "*"},
              {"Sid": "OnlyAdmin", "Effect": "Deny", "NotPrincipal": {"AWS": ["arn:aws:iam::{{Account}}:role/Admin"{{extra}}]}, "Action": "kms:*", "Resource": "*"}]}
            """;

        Assert.Equal(AccessVerdict.ExplicitDeny, Key(session, "kms:Decrypt", RoleOnly(""), identity: [AllowDecrypt]).Verdict);
        Assert.Equal(AccessVerdict.ExplicitDeny, Key(session, "kms:Decrypt", RoleOnly($", \"{Root}\""), identity: [AllowDecrypt]).Verdict);
        Assert.Equal(AccessVerdict.Allowed, Key(session, "kms:Decrypt", RoleOnly($", \"{Root}\", \"{session.Arn}\""), identity: [AllowDecrypt]).Verdict);
    }

    // IAM User Guide, "Principal" (role principals): a role ARN in a resource policy covers the role's sessions.
    [Fact]
    public void Evaluate_AllowsARoleSession_ThroughAStatementForItsRole()
    {
        RequestPrincipal session = Principal("arn:aws:sts::079623148045:assumed-role/ica_use1_crossacct/session-1");
        string policy = """
            {"Version": "2012-10-17", "Statement": [{"Sid": "Allow cross account access", "Effect": "Allow",
              "Principal": {"AWS": "arn:aws:iam::079623148045:role/ica_use1_crossacct"}, "Action": ["kms:Decrypt"], "Resource": "*"}]}
            """;

        // The role's own policies (in its account) are not given: null means "assumed to allow".
        Assert.Equal(AccessVerdict.Allowed, Key(session, "kms:Decrypt", policy).Verdict);
        Assert.Equal(AccessVerdict.ImplicitDeny, Key(Principal("arn:aws:sts::079623148045:assumed-role/other/s"), "kms:Decrypt", policy).Verdict);
    }

    // IAM User Guide, "NotAction": "Allow" with NotAction allows every action but those listed
    // ({"Effect": "Allow", "NotAction": "iam:*", "Resource": "*"}).
    [Fact]
    public void Evaluate_AllowsEverythingButTheListed_ForAllowWithNotAction()
    {
        const string Policy = """{"Version": "2012-10-17", "Statement": {"Effect": "Allow", "NotAction": "iam:*", "Resource": "*"}}""";

        Assert.Equal(AccessVerdict.Allowed, Identity("s3:GetObject", "arn:aws:s3:::b/k", null, Policy).Verdict);
        Assert.Equal(AccessVerdict.ImplicitDeny, Identity("iam:CreateUser", "arn:aws:iam::111122223333:user/x", null, Policy).Verdict);
    }

    // IAM User Guide, "NotResource": "Deny" with NotResource denies every resource but the listed one.
    [Fact]
    public void Evaluate_DeniesEveryResourceButTheListed_ForDenyWithNotResource()
    {
        const string Allow = """{"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "s3:*", "Resource": "*"}}""";
        const string Deny = """{"Version": "2012-10-17", "Statement": {"Effect": "Deny", "Action": "s3:*", "NotResource": ["arn:aws:s3:::HRBucket/Payroll", "arn:aws:s3:::HRBucket/Payroll/*"]}}""";

        Assert.Equal(AccessVerdict.Allowed, Identity("s3:GetObject", "arn:aws:s3:::HRBucket/Payroll/jan", null, Allow, Deny).Verdict);
        Assert.Equal(AccessVerdict.ExplicitDeny, Identity("s3:GetObject", "arn:aws:s3:::HRBucket/Other", null, Allow, Deny).Verdict);
    }

    // IAM User Guide, "Policy variables": "arn:aws:s3:::amzn-s3-demo-bucket/${aws:username}/*" lets each user reach only their folder.
    [Fact]
    public void Evaluate_ResolvesPolicyVariables_InResources()
    {
        const string Policy = """{"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::amzn-s3-demo-bucket/${aws:username}/*"}}""";

        Assert.Equal(AccessVerdict.Allowed, Identity("s3:GetObject", "arn:aws:s3:::amzn-s3-demo-bucket/ExampleUser/a", Context(("aws:username", "ExampleUser")), Policy).Verdict);
        Assert.Equal(AccessVerdict.ImplicitDeny, Identity("s3:GetObject", "arn:aws:s3:::amzn-s3-demo-bucket/Bob/a", Context(("aws:username", "ExampleUser")), Policy).Verdict);
        AccessDecision unknown = Identity("s3:GetObject", "arn:aws:s3:::amzn-s3-demo-bucket/ExampleUser/a", null, Policy);
        Assert.Equal(AccessVerdict.DependsOn, unknown.Verdict);
        Assert.Contains("aws:username", unknown.DependsOn, StringComparison.Ordinal);
    }

    // IAM User Guide, "Condition operators" (…IfExists): the MFA policy {"BoolIfExists": {"aws:MultiFactorAuthPresent": "false"}}
    // denies requests signed with long-term access keys, where the key is absent.
    [Fact]
    public void Evaluate_AppliesBoolIfExists_WhenTheKeyIsAbsent()
    {
        const string Allow = """{"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "*", "Resource": "*"}}""";
        const string DenyWithoutMfa = """
            {"Version": "2012-10-17", "Statement": {"Sid": "DenyAllExceptListedIfNoMFA", "Effect": "Deny", "NotAction": ["iam:ListMFADevices", "sts:GetSessionToken"],
              "Resource": "*", "Condition": {"BoolIfExists": {"aws:MultiFactorAuthPresent": "false"}}}}
            """;

        Assert.Equal(AccessVerdict.ExplicitDeny, Identity("s3:GetObject", "arn:aws:s3:::b/k", Context(("aws:MultiFactorAuthPresent", null)), Allow, DenyWithoutMfa).Verdict);
        Assert.Equal(AccessVerdict.Allowed, Identity("s3:GetObject", "arn:aws:s3:::b/k", Context(("aws:MultiFactorAuthPresent", "true")), Allow, DenyWithoutMfa).Verdict);
        Assert.Equal(AccessVerdict.Allowed, Identity("sts:GetSessionToken", "*", Context(("aws:MultiFactorAuthPresent", null)), Allow, DenyWithoutMfa).Verdict);
        Assert.Equal(AccessVerdict.DependsOn, Identity("s3:GetObject", "arn:aws:s3:::b/k", null, Allow, DenyWithoutMfa).Verdict);
    }

    // KMS Developer Guide, "kms:ViaService": a key-policy statement with {"StringEquals": {"kms:ViaService": ["ec2.us-west-2.amazonaws.com",
    // "rds.us-west-2.amazonaws.com"]}} allows ExampleUser only through those services.
    [Fact]
    public void Evaluate_MatchesViaService_AgainstTheCallingService()
    {
        const string Policy = """
            {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111122223333:user/ExampleUser"},
              "Action": ["kms:Encrypt", "kms:Decrypt"], "Resource": "*",
              "Condition": {"StringEquals": {"kms:ViaService": ["ec2.us-west-2.amazonaws.com", "rds.us-west-2.amazonaws.com"]}}}]}
            """;

        Assert.Equal(AccessVerdict.Allowed, Key(User(), "kms:Decrypt", Policy, identity: [], context: Context(("kms:ViaService", "rds.us-west-2.amazonaws.com"))).Verdict);
        Assert.Equal(AccessVerdict.ImplicitDeny, Key(User(), "kms:Decrypt", Policy, identity: [], context: Context(("kms:ViaService", "s3.us-west-2.amazonaws.com"))).Verdict);
        AccessDecision open = Key(User(), "kms:Decrypt", Policy, identity: []);
        Assert.Equal(AccessVerdict.DependsOn, open.Verdict);
        Assert.Single(open.Open);
        Assert.Equal("kms:ViaService", open.Open[0].Key);
        Assert.Equal("#1", open.Open[0].Statement.Statement);
    }

    // S3 User Guide, "Requiring server-side encryption with AWS KMS": the bucket policy
    // {"Sid": "DenyObjectsThatAreNotSSEKMS", "Effect": "Deny", "Principal": "*", "Action": "s3:PutObject", "Resource": "arn:aws:s3:::amzn-s3-demo-bucket/*",
    //  "Condition": {"Null": {"s3:x-amz-server-side-encryption-aws-kms-key-id": "true"}}} refuses writes without a KMS key header.
    [Fact]
    public void Evaluate_RefusesAWriteWithoutTheKmsHeader_ForTheNullCheckBucketPolicy()
    {
        const string Policy = """
            {"Version": "2012-10-17", "Id": "PutObjPolicy", "Statement": [{"Sid": "DenyObjectsThatAreNotSSEKMS", "Effect": "Deny", "Principal": "*",
              "Action": "s3:PutObject", "Resource": "arn:aws:s3:::amzn-s3-demo-bucket/*",
              "Condition": {"Null": {"s3:x-amz-server-side-encryption-aws-kms-key-id": "true"}}}]}
            """;
        AccessDecision Put(string? key) => AccessEvaluator.Evaluate(
            new AccessRequest(User(), "s3:PutObject", "arn:aws:s3:::amzn-s3-demo-bucket/a", Context(("s3:x-amz-server-side-encryption-aws-kms-key-id", key))),
            new AccessPolicies { Kind = ResourceKind.S3, ResourceAccount = Account, Resource = BucketPolicy(Policy), Identity = [Eval.Policy("""{"Statement": {"Effect": "Allow", "Action": "s3:*", "Resource": "*"}}""")] });

        Assert.Equal(AccessVerdict.ExplicitDeny, Put(null).Verdict);
        Assert.Equal("statement 'DenyObjectsThatAreNotSSEKMS' of the bucket policy", Put(null).DecidedBy);
        Assert.Equal(AccessVerdict.Allowed, Put(KeyArn).Verdict);
    }

    // IAM User Guide, "Cross-account policy evaluation logic": across accounts, the identity policy and the resource policy must both allow.
    [Fact]
    public void Evaluate_NeedsBothPolicies_AcrossAccounts()
    {
        RequestPrincipal outsider = User("Carol", OtherAccount);
        const string BucketAllows = """{"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::444455556666:root"}, "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/*"}}""";
        const string IdentityAllows = """{"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}}""";
        AccessDecision Get(string? bucket, string? identity) => AccessEvaluator.Evaluate(
            new AccessRequest(outsider, "s3:GetObject", "arn:aws:s3:::b/k", RequestContext.Empty),
            new AccessPolicies
            {
                Kind = ResourceKind.S3,
                ResourceAccount = Account,
                Resource = bucket is null ? null : BucketPolicy(bucket),
                Identity = identity is null ? [] : [Policy(identity)],
            });

        Assert.Equal(AccessVerdict.Allowed, Get(BucketAllows, IdentityAllows).Verdict);
        Assert.Equal(AccessVerdict.ImplicitDeny, Get(BucketAllows, null).Verdict);
        Assert.Equal(AccessVerdict.ImplicitDeny, Get(null, IdentityAllows).Verdict);
    }

    // IAM User Guide, "Policy evaluation for requests within a single account": a resource policy naming the principal
    // allows it even without an identity-policy Allow.
    [Fact]
    public void Evaluate_AllowsThroughTheBucketPolicyAlone_WithinTheAccount()
    {
        const string BucketAllows = """{"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111122223333:user/ExampleUser"}, "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/*"}}""";

        AccessDecision decision = AccessEvaluator.Evaluate(
            new AccessRequest(User(), "s3:GetObject", "arn:aws:s3:::b/k", RequestContext.Empty),
            new AccessPolicies { Kind = ResourceKind.S3, ResourceAccount = Account, Resource = BucketPolicy(BucketAllows), Identity = [] });

        Assert.Equal(AccessVerdict.Allowed, decision.Verdict);
    }

    // S3 User Guide, "Security best practices" (enforce encryption in transit): {"Effect": "Deny", "Principal": "*", "Action": "s3:*",
    // "Condition": {"Bool": {"aws:SecureTransport": "false"}}} refuses plain HTTP only.
    [Fact]
    public void Evaluate_RefusesOnlyPlainHttp_ForTheSecureTransportPolicy()
    {
        const string Policy = """
            {"Version": "2012-10-17", "Statement": [{"Sid": "RestrictToTLSRequestsOnly", "Effect": "Deny", "Principal": "*", "Action": "s3:*",
              "Resource": ["arn:aws:s3:::b", "arn:aws:s3:::b/*"], "Condition": {"Bool": {"aws:SecureTransport": "false"}}}]}
            """;
        AccessVerdict Get(string tls) => AccessEvaluator.Evaluate(
            new AccessRequest(User(), "s3:GetObject", "arn:aws:s3:::b/k", Context(("aws:SecureTransport", tls))),
            new AccessPolicies { Kind = ResourceKind.S3, ResourceAccount = Account, Resource = BucketPolicy(Policy) }).Verdict;

        Assert.Equal(AccessVerdict.Allowed, Get("true"));
        Assert.Equal(AccessVerdict.ExplicitDeny, Get("false"));
    }

    // IAM User Guide, "Multivalued context keys": ForAllValues is true when the key is absent; ForAnyValue is false.
    [Theory]
    [InlineData("ForAllValues:StringEquals", null, true)]
    [InlineData("ForAnyValue:StringEquals", null, false)]
    [InlineData("ForAllValues:StringEquals", "Owner", true)]
    [InlineData("ForAllValues:StringEquals", "Owner,Cost", false)]
    [InlineData("ForAnyValue:StringEquals", "Cost,Owner", true)]
    [InlineData("ForAnyValue:StringNotEquals", "Owner", false)]
    [InlineData("ForAllValues:StringNotEquals", "Cost", true)]
    public void Evaluate_ReadsSetOperators_AsTheGuideDoes(string op, string? tagKeys, bool allowed)
    {
        string policy = $$"""{"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "ec2:CreateTags", "Resource": "*", "Condition": {"{{op}}": {"aws:TagKeys": ["Owner", "Department"]} } } }""";
        var values = new Dictionary<string, ContextValue>
        {
            ["aws:TagKeys"] = tagKeys is null ? ContextValue.Absent("test") : ContextValue.OfMany(tagKeys.Split(','), "test"),
        };

        AccessDecision decision = Identity("ec2:CreateTags", "arn:aws:ec2:us-west-2:111122223333:instance/i-1", new RequestContext(values), policy);

        Assert.Equal(allowed ? AccessVerdict.Allowed : AccessVerdict.ImplicitDeny, decision.Verdict);
    }

    // IAM User Guide, "Condition operators": an absent key makes a positive operator false and a negated one true; Null tests presence.
    [Theory]
    [InlineData("StringEquals", "x", false)]
    [InlineData("StringNotEquals", "x", true)]
    [InlineData("StringLike", "*", false)]
    [InlineData("StringNotLike", "a*", true)]
    [InlineData("StringEqualsIfExists", "x", true)]
    [InlineData("ArnNotLike", "arn:aws:iam::*:role/x", true)]
    [InlineData("Null", "true", true)]
    [InlineData("Null", "false", false)]
    [InlineData("NotIpAddress", "203.0.113.0/24", true)]
    [InlineData("IpAddress", "203.0.113.0/24", false)]
    public void Evaluate_TreatsAnAbsentKey_AsTheGuideSays(string op, string value, bool holds)
    {
        string policy = $$"""{"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*", "Condition": {"{{op}}": {"aws:SourceIp": "{{value}}"} } } }""";

        AccessDecision decision = Identity("s3:GetObject", "arn:aws:s3:::b/k", Context(("aws:SourceIp", null)), policy);

        Assert.Equal(holds ? AccessVerdict.Allowed : AccessVerdict.ImplicitDeny, decision.Verdict);
    }

    // IAM User Guide, "Condition operators": string, ARN, IP, numeric, date, bool and IgnoreCase operators on present keys.
    [Theory]
    [InlineData("StringEquals", "aws:username", "Bob", "Bob", true)]
    [InlineData("StringEquals", "aws:username", "bob", "Bob", false)]
    [InlineData("StringEqualsIgnoreCase", "aws:username", "bob", "Bob", true)]
    [InlineData("StringNotEqualsIgnoreCase", "aws:username", "bob", "Bob", false)]
    [InlineData("StringLike", "s3:prefix", "home/*", "home/bob/x", true)]
    [InlineData("StringLike", "s3:prefix", "home/?", "home/ab", false)]
    [InlineData("StringNotLike", "s3:prefix", "home/*", "other/x", true)]
    [InlineData("ArnLike", "aws:PrincipalArn", "arn:aws:iam::*:role/ica_*", "arn:aws:iam::079623148045:role/ica_use1_crossacct", true)]
    [InlineData("ArnEquals", "aws:PrincipalArn", "arn:aws:iam::111122223333:role/x", "arn:aws:iam::111122223333:role/y", false)]
    [InlineData("ArnNotEquals", "aws:PrincipalArn", "arn:aws:iam::111122223333:role/x", "arn:aws:iam::111122223333:role/y", true)]
    [InlineData("IpAddress", "aws:SourceIp", "203.0.113.0/24", "203.0.113.7", true)]
    [InlineData("IpAddress", "aws:SourceIp", "203.0.113.0/24", "198.51.100.7", false)]
    [InlineData("IpAddress", "aws:SourceIp", "2001:DB8:1234:5678::/64", "2001:db8:1234:5678::1", true)]
    [InlineData("NotIpAddress", "aws:SourceIp", "203.0.113.0/24", "198.51.100.7", true)]
    [InlineData("NumericLessThanEquals", "s3:max-keys", "10", "10", true)]
    [InlineData("NumericGreaterThan", "s3:max-keys", "10", "10", false)]
    [InlineData("NumericNotEquals", "s3:max-keys", "10", "11", true)]
    [InlineData("DateGreaterThan", "aws:CurrentTime", "2020-04-01T00:00:00Z", "2026-01-01T00:00:00Z", true)]
    [InlineData("DateLessThan", "aws:CurrentTime", "2020-04-01T00:00:00Z", "2026-01-01T00:00:00Z", false)]
    [InlineData("DateEquals", "aws:EpochTime", "1585699200", "2020-04-01T00:00:00Z", true)]
    [InlineData("Bool", "aws:SecureTransport", "true", "TRUE", true)]
    [InlineData("Bool", "aws:SecureTransport", "true", "false", false)]
    [InlineData("BinaryEquals", "key", "QmluYXJ5VmFsdWVJbkJhc2U2NA==", "QmluYXJ5VmFsdWVJbkJhc2U2NA==", true)]
    [InlineData("StringEqualsIfExists", "aws:username", "Bob", "Alice", false)]
    [InlineData("StringEquals", "aws:username", "${aws:PrincipalAccount}", "111122223333", true)]
    public void Evaluate_ComparesPresentKeys_AsTheGuideSays(string op, string key, string policyValue, string requestValue, bool holds)
    {
        string policy = $$"""{"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "s3:ListBucket", "Resource": "*", "Condition": {"{{op}}": {"{{key}}": "{{policyValue}}"} } } }""";
        RequestContext context = Context((key, requestValue), ("aws:PrincipalAccount", Account));

        Assert.Equal(holds ? AccessVerdict.Allowed : AccessVerdict.ImplicitDeny, Identity("s3:ListBucket", "arn:aws:s3:::b", context, policy).Verdict);
    }

    // IAM User Guide, "Condition" ("Evaluation logic for conditions"): keys in a block are ANDed, a key's values ORed.
    [Fact]
    public void Evaluate_AndsKeys_AndOrsValues()
    {
        const string Policy = """
            {"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*",
              "Condition": {"StringEquals": {"aws:PrincipalTag/team": ["a", "b"], "aws:RequestedRegion": "us-east-1"}}}}
            """;

        Assert.Equal(AccessVerdict.Allowed, Identity("s3:GetObject", "arn:aws:s3:::b/k", Context(("aws:PrincipalTag/team", "b"), ("aws:RequestedRegion", "us-east-1")), Policy).Verdict);
        Assert.Equal(AccessVerdict.ImplicitDeny, Identity("s3:GetObject", "arn:aws:s3:::b/k", Context(("aws:PrincipalTag/team", "b"), ("aws:RequestedRegion", "eu-west-2")), Policy).Verdict);

        // One key known false decides even when the other is unknown.
        Assert.Equal(AccessVerdict.ImplicitDeny, Identity("s3:GetObject", "arn:aws:s3:::b/k", Context(("aws:RequestedRegion", "eu-west-2")), Policy).Verdict);
        AccessDecision open = Identity("s3:GetObject", "arn:aws:s3:::b/k", Context(("aws:RequestedRegion", "us-east-1")), Policy);
        Assert.Equal(AccessVerdict.DependsOn, open.Verdict);
        Assert.Equal("aws:PrincipalTag/team", Assert.Single(open.Open).Key);
    }

    // An operator AWS does not know cannot be judged: the verdict stays open rather than guessed.
    [Fact]
    public void Evaluate_LeavesTheVerdictOpen_ForAnUnknownOperator()
    {
        const string Policy = """{"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*", "Condition": {"StringSortOf": {"aws:username": "x"}}}}""";

        Assert.Equal(AccessVerdict.DependsOn, Identity("s3:GetObject", "arn:aws:s3:::b/k", Context(("aws:username", "x")), Policy).Verdict);
    }

    // IAM User Guide, "Principal" (AWS service principals): {"Service": "s3.amazonaws.com"} names the service, not users.
    [Fact]
    public void Evaluate_MatchesServicePrincipals_OnlyForTheService()
    {
        const string Policy = """{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"Service": "s3.amazonaws.com"}, "Action": "kms:GenerateDataKey", "Resource": "*"}]}""";

        Assert.Equal(AccessVerdict.Allowed, Key(Principal("s3.amazonaws.com"), "kms:GenerateDataKey", Policy, identity: []).Verdict);
        Assert.Equal(AccessVerdict.ImplicitDeny, Key(User(), "kms:GenerateDataKey", Policy, identity: []).Verdict);
    }

    // IAM User Guide, "Principal" (AWS account principals): the bare account id is the same as the root ARN.
    [Fact]
    public void Evaluate_ReadsABareAccountId_AsTheAccountRoot()
    {
        string policy = $$"""{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"AWS": "{{Account}}"}, "Action": "kms:*", "Resource": "*"}]}""";

        Assert.Equal(AccessVerdict.Allowed, Key(User(), "kms:Encrypt", policy, identity: [AllowDecrypt]).Verdict);
        Assert.Equal(AccessVerdict.ImplicitDeny, Key(User(), "kms:Encrypt", policy, identity: []).Verdict);
        Assert.Equal(AccessVerdict.Allowed, Key(Principal(Root), "kms:Encrypt", policy, identity: []).Verdict);
    }
}
