using CsCheck;
using IcaKms.Core.Policies.Evaluation;
using static IcaKms.Core.Tests.Policies.Evaluation.Eval;

namespace IcaKms.Core.Tests.Policies.Evaluation;

/// <summary>
/// Properties of AWS's evaluation that hold whatever the policies say, each an oracle independent of the evaluator's code:
/// an unrelated statement changes nothing, a matching unconditional Deny always denies, statement order does not
/// matter, and Allow/Deny with the same NotPrincipal cover the same principals.
/// </summary>
public class AccessEvaluatorPropertyTests
{
    private const int Iterations = 1_000;

    private static readonly string[] Principals =
    [
        "\"*\"", $"{{\"AWS\": \"{Root}\"}}", $"{{\"AWS\": \"{Account}\"}}", $"{{\"AWS\": \"arn:aws:iam::{Account}:user/ExampleUser\"}}",
        $"{{\"AWS\": \"arn:aws:iam::{Account}:user/Bob\"}}", $"{{\"AWS\": \"arn:aws:iam::{Account}:role/Admin\"}}",
        $"{{\"AWS\": [\"{Root}\", \"arn:aws:iam::{Account}:user/ExampleUser\"]}}", $"{{\"AWS\": \"arn:aws:iam::{OtherAccount}:root\"}}",
        "{\"Service\": \"s3.amazonaws.com\"}",
    ];

    private static readonly string[] Actions = ["\"kms:Decrypt\"", "\"kms:*\"", "[\"kms:Encrypt\", \"kms:GenerateDataKey*\"]", "\"*\"", "\"kms:Describe*\""];

    private static readonly string[] Conditions =
    [
        "",
        $", \"Condition\": {{\"StringEquals\": {{\"kms:CallerAccount\": \"{Account}\"}}}}",
        ", \"Condition\": {\"StringEquals\": {\"aws:SourceVpce\": \"vpce-1a2b3c4d\"}}",
        ", \"Condition\": {\"Bool\": {\"aws:SecureTransport\": \"false\"}}",
        ", \"Condition\": {\"StringEqualsIfExists\": {\"kms:ViaService\": \"s3.us-west-2.amazonaws.com\"}}",
    ];

    private static readonly string[] Requesters =
    [
        $"arn:aws:iam::{Account}:user/ExampleUser", $"arn:aws:iam::{Account}:user/Bob",
        $"arn:aws:sts::{Account}:assumed-role/Admin/alice", $"arn:aws:iam::{OtherAccount}:user/Carol", Root,
    ];

    private static readonly string[] RequestActions = ["kms:Decrypt", "kms:Encrypt", "kms:GenerateDataKey", "kms:DescribeKey", "kms:PutKeyPolicy"];

    private static readonly RequestContext KnownContext = Context(("kms:CallerAccount", Account), ("aws:SecureTransport", "true"));

    private static readonly Gen<string> Statement = Gen.Select(Gen.Bool, Gen.Int[0, 1], Gen.OneOf(Principals), Gen.OneOf(Actions), Gen.OneOf(Conditions))
        .Select((allow, not, principal, action, condition) =>
            $$"""{"Effect": "{{(allow ? "Allow" : "Deny")}}", "{{(not == 1 && !allow ? "NotPrincipal" : "Principal")}}": {{principal}}, "Action": {{action}}, "Resource": "*"{{condition}}}""");

    private static readonly Gen<List<string>> Statements = Statement.List[0, 5];

    private static readonly Gen<(List<string> Statements, string Requester, string Action, bool Grant, bool Identity)> Cases =
        Gen.Select(Statements, Gen.OneOf(Requesters), Gen.OneOf(RequestActions), Gen.Bool, Gen.Bool);

    private static AccessDecision Decide(IEnumerable<string> statements, string requester, string action, bool grant, bool identity) =>
        Key(
            Principal(requester),
            action,
            $$"""{"Version": "2012-10-17", "Statement": [{{string.Join(",", statements)}}]}""",
            identity: identity ? ["""{"Statement": {"Effect": "Allow", "Action": "kms:*", "Resource": "*"}}"""] : [],
            grants: grant ? [new KeyGrant("g", requester, ["Decrypt", "Encrypt"])] : [],
            context: KnownContext);

    [Fact]
    public void Evaluate_NeverChanges_WhenAnUnrelatedStatementIsAdded() =>
        Gen.Select(Cases, Gen.Bool, Gen.OneOf(Principals), Gen.Int[0, 10]).Sample(
            (c, allow, principal, at) =>
            {
                AccessDecision before = Decide(c.Statements, c.Requester, c.Action, c.Grant, c.Identity);
                string unrelated = $$"""{"Effect": "{{(allow ? "Allow" : "Deny")}}", "Principal": {{principal}}, "Action": "ec2:TerminateInstances", "Resource": "*"}""";
                List<string> more = [.. c.Statements];
                more.Insert(Math.Min(at, more.Count), unrelated);

                AccessDecision after = Decide(more, c.Requester, c.Action, c.Grant, c.Identity);

                Assert.Equal(before.Verdict, after.Verdict);
            },
            iter: Iterations);

    [Fact]
    public void Evaluate_AlwaysDenies_WhenAMatchingUnconditionalDenyIsAdded() =>
        Cases.Sample(
            c =>
            {
                List<string> more = [.. c.Statements, $$"""{"Sid": "Stop", "Effect": "Deny", "Principal": "*", "Action": "{{c.Action}}", "Resource": "*"}"""];

                AccessDecision after = Decide(more, c.Requester, c.Action, c.Grant, c.Identity);

                Assert.Equal(AccessVerdict.ExplicitDeny, after.Verdict);
                Assert.NotEmpty(after.Deciding);
            },
            iter: Iterations);

    [Fact]
    public void Evaluate_IgnoresStatementOrder() =>
        Gen.Select(Cases, Gen.Int).Sample(
            (c, seed) =>
            {
                var random = new Random(seed);
                List<string> shuffled = [.. c.Statements.OrderBy(_ => random.Next())];

                Assert.Equal(
                    Decide(c.Statements, c.Requester, c.Action, c.Grant, c.Identity).Verdict,
                    Decide(shuffled, c.Requester, c.Action, c.Grant, c.Identity).Verdict);
            },
            iter: Iterations);

    [Fact]
    public void Evaluate_CoversTheSamePrincipals_WithAllowAndDenyOfOneNotPrincipal() =>
        Gen.Select(Gen.OneOf(Principals), Gen.OneOf(Requesters)).Sample(
            (principal, requester) =>
            {
                string allowAllBut = $$"""{"Effect": "Allow", "NotPrincipal": {{principal}}, "Action": "kms:Decrypt", "Resource": "*"}""";
                string allowAll = """{"Effect": "Allow", "Principal": "*", "Action": "kms:Decrypt", "Resource": "*"}""";
                string denyAllBut = $$"""{"Effect": "Deny", "NotPrincipal": {{principal}}, "Action": "kms:Decrypt", "Resource": "*"}""";

                bool allowed = Decide([allowAllBut], requester, "kms:Decrypt", grant: false, identity: false).Verdict == AccessVerdict.Allowed;
                bool denied = Decide([allowAll, denyAllBut], requester, "kms:Decrypt", grant: false, identity: false).Verdict == AccessVerdict.ExplicitDeny;

                Assert.Equal(allowed, denied);
            },
            iter: Iterations);

    [Fact]
    public void Evaluate_NeverAllows_WhenADenyDependsOnAnUnknownKey() =>
        Cases.Sample(
            c =>
            {
                List<string> more = [.. c.Statements, $$"""{"Effect": "Deny", "Principal": "*", "Action": "{{c.Action}}", "Resource": "*", "Condition": {"StringNotEquals": {"aws:SourceVpce": "vpce-1"} } }"""];

                AccessDecision after = Decide(more, c.Requester, c.Action, c.Grant, c.Identity);

                Assert.NotEqual(AccessVerdict.Allowed, after.Verdict);
                if (after.Verdict == AccessVerdict.DependsOn)
                {
                    Assert.NotEmpty(after.Open);
                }
            },
            iter: Iterations);
}
