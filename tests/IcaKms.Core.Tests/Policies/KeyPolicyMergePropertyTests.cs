using System.Text.Json;
using System.Text.Json.Nodes;
using CsCheck;
using IcaKms.Core.Policies;
using static IcaKms.Core.Tests.Policies.KeyPolicyMergeSamples;
using IcaKms.Core.KeyPolicies;

namespace IcaKms.Core.Tests.Policies;

/// <summary>
/// Properties of the key-policy merge over generated key policies: 1–20 statements with random Sids (sometimes the
/// spec's, once or twice, exact or not), principals, actions as a string or an array, NotAction, Deny, conditions
/// and unknown fields, written compact or indented.
/// </summary>
public class KeyPolicyMergePropertyTests
{
    /// <summary>Iterations per property: about a second each on two shared cores.</summary>
    private const int Iterations = 2_000;

    private const string Sid = CrossAccountKeyStatement.Sid;

    private static readonly string[] PrincipalPool = [Root, Account, AdminRole, AdminRoleWithPath, AdminSession, OtherRole, User, IcaRole, OtherIcaRole, "*"];

    /// <summary>The action patterns generated, and whether each covers kms:PutKeyPolicy (written out, not computed).</summary>
    private static readonly Dictionary<string, bool> ActionPool = new()
    {
        ["kms:*"] = true,
        ["kms:Put*"] = true,
        ["*"] = true,
        ["kms:PutKeyPolicy"] = true,
        ["KMS:putkeypolicy"] = true,
        ["kms:Decrypt"] = false,
        ["kms:Get*"] = false,
        ["kms:Describe*"] = false,
        ["kms:ReEncrypt*"] = false,
        ["s3:GetObject"] = false,
    };

    /// <summary>The oracle's table: the generated patterns and the spec statement's own actions (none covers kms:PutKeyPolicy).</summary>
    private static readonly Dictionary<string, bool> Covers = new(ActionPool.Concat(
        CrossAccountKeyStatement.Actions.Where(a => !ActionPool.ContainsKey(a)).Select(a => KeyValuePair.Create(a, false))));

    /// <summary>The callers generated, and the principals that name each (written out, not computed).</summary>
    private static readonly Dictionary<string, string[]> Callers = new()
    {
        [AdminSession] = [Root, Account, AdminRole, AdminRoleWithPath, AdminSession],
        [User] = [Root, Account, User],
        [Root] = [Root, Account],
    };

    private static readonly Gen<JsonNode> Strings = Gen.OneOf(
        Gen.OneOf(ActionPool.Keys.ToArray()).Select(a => (JsonNode)JsonValue.Create(a)),
        Gen.OneOf(ActionPool.Keys.ToArray()).Array[1, 4].Select(a => (JsonNode)new JsonArray([.. a.Select(x => (JsonNode?)JsonValue.Create(x))])));

    private static readonly Gen<JsonNode> Principal = Gen.OneOf(
        Gen.Const(() => (JsonNode)JsonValue.Create("*")),
        Gen.OneOf(PrincipalPool).Select(p => (JsonNode)new JsonObject { ["AWS"] = p }),
        Gen.OneOf(PrincipalPool).Array[1, 3].Select(p => (JsonNode)new JsonObject { ["AWS"] = new JsonArray([.. p.Select(x => (JsonNode?)JsonValue.Create(x))]) }),
        Gen.Const(() => (JsonNode)new JsonObject { ["Service"] = "logs.us-east-1.amazonaws.com" }));

    private static readonly Gen<JsonNode?> Unknown = Gen.OneOf(
        Gen.Const(() => (JsonNode?)null),
        Gen.Int[-1000, 1000].Select(i => (JsonNode?)JsonValue.Create(i)),
        Gen.Const(() => (JsonNode?)JsonNode.Parse("{\"n\": 2.50, \"list\": [true, null, \"x\"]}")),
        Gen.Char["abc XYZ-_é\"\\"].Array[0, 10].Select(c => (JsonNode?)JsonValue.Create(new string(c))));

    /// <summary>A statement that never has the spec's Sid.</summary>
    private static readonly Gen<string> OtherStatement = Gen.Select(
        Gen.OneOf("", "Enable IAM User Permissions", "Allow use of the key", "allow cross account access", "Allow cross account access ", "S1"),
        Gen.Int[0, 3],
        Principal,
        Gen.Bool,
        Strings,
        Gen.Int[0, 4],
        Unknown,
        Gen.Bool,
        (sid, effect, principal, notAction, actions, extras, unknown, unknownFirst) =>
        {
            var statement = new JsonObject();
            if (unknownFirst && unknown is not null)
            {
                statement["X-Extra"] = unknown;
            }

            if (sid.Length > 0)
            {
                statement["Sid"] = sid;
            }

            statement["Effect"] = effect == 0 ? "Deny" : "Allow";
            statement["Principal"] = principal;
            statement[notAction ? "NotAction" : "Action"] = actions;
            if (extras != 1)
            {
                statement["Resource"] = extras == 2 ? "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab" : "*";
            }

            if (extras == 3)
            {
                statement["Condition"] = JsonNode.Parse("{\"StringEquals\": {\"kms:CallerAccount\": \"111122223333\"}}");
            }

            if (!unknownFirst && unknown is not null)
            {
                statement["X-Extra"] = unknown;
            }

            return statement.ToJsonString();
        });

    /// <summary>A statement with the spec's Sid: exact for ICA's role, for another role, with a Condition, or actions as one string.</summary>
    private static readonly Gen<string> SidStatement = Gen.Int[0, 3].Select(kind =>
    {
        JsonObject statement = JsonNode.Parse(SpecStatement(kind == 1 ? OtherIcaRole : IcaRole))!.AsObject();
        if (kind == 2)
        {
            statement["Condition"] = JsonNode.Parse("{\"Bool\": {\"aws:SecureTransport\": \"true\"}}");
        }
        else if (kind == 3)
        {
            statement["Action"] = "kms:*";
            statement["Principal"] = new JsonObject { ["AWS"] = AdminRole };
        }

        return statement.ToJsonString();
    });

    /// <summary>A generated key policy (text as KMS could return it) and a caller.</summary>
    private static readonly Gen<(string Policy, string Caller)> Policies = Gen.Select(
        OtherStatement.List[1, 20],
        Gen.Frequency((3, Gen.Const(0)), (4, Gen.Const(1)), (1, Gen.Const(2))),
        SidStatement.List[2, 2],
        Gen.Int[0, 100].List[2, 2],
        Gen.Int[0, 3],
        Gen.OneOf(Callers.Keys.ToArray()),
        (others, sidCount, sidStatements, positions, layout, caller) =>
        {
            List<string> statements = [.. others];
            for (int i = 0; i < sidCount; i++)
            {
                statements.Insert(positions[i] % (statements.Count + 1), sidStatements[i]);
            }

            var root = new JsonObject();
            if (layout == 1)
            {
                root["X-Top"] = JsonNode.Parse("{\"owner\": \"lab-it\", \"n\": 1e3}");
            }

            root["Version"] = "2012-10-17";
            if (layout >= 2)
            {
                root["Id"] = "key-consolepolicy-3";
            }

            root["Statement"] = new JsonArray([.. statements.Select(s => JsonNode.Parse(s))]);
            return (root.ToJsonString(new JsonSerializerOptions { WriteIndented = layout % 2 == 0 }), caller);
        });

    [Fact]
    public void EveryOtherStatementAndTopLevelField_IsKeptExactlyAndInOrder_AndExactlyOneStatementHasTheSid() =>
        Policies.Sample((policy, caller) =>
        {
            KeyPolicyMergeResult result = Merge(policy, caller);
            if (!result.Changed)
            {
                return;
            }

            JsonObject before = JsonNode.Parse(policy)!.AsObject();
            JsonObject after = JsonNode.Parse(result.MergedPolicy!)!.AsObject();
            Assert.Equal(Texts(Others(before)), Texts(Others(after)));
            Assert.Equal(
                before.Where(p => p.Key != "Statement").Select(p => p.Key + "=" + p.Value!.ToJsonString()),
                after.Where(p => p.Key != "Statement").Select(p => p.Key + "=" + p.Value!.ToJsonString()));
            Assert.Equal(before.Select(p => p.Key), after.Select(p => p.Key));
            List<int> withSid = SidIndices(after);
            Assert.Equal([result.StatementIndex!.Value], withSid);
            Assert.True(JsonNode.DeepEquals(JsonNode.Parse(SpecStatement()), after["Statement"]![withSid[0]]));
            if (result.Outcome == KeyPolicyMergeOutcome.Replaced)
            {
                Assert.Equal(SidIndices(before), withSid);
            }
        }, iter: Iterations);

    [Fact]
    public void MergingTwice_EqualsMergingOnce_AndTheSecondIsNoChange() =>
        Policies.Sample((policy, caller) =>
        {
            KeyPolicyMergeResult once = Merge(policy, caller);
            if (once.Outcome == KeyPolicyMergeOutcome.Refused)
            {
                return;
            }

            KeyPolicyMergeResult twice = Merge(once.MergedPolicy!, caller);

            Assert.Equal(KeyPolicyMergeOutcome.NoChange, twice.Outcome);
            Assert.Equal(once.MergedPolicy, twice.MergedPolicy);
            Assert.Equal(once.StatementIndex, twice.StatementIndex);
        }, iter: Iterations);

    [Fact]
    public void AnAcceptedMergeKeepsTheCallersPutKeyPolicy_AndOnlyALockoutOrTwoSidsIsRefused() =>
        Policies.Sample((policy, caller) =>
        {
            KeyPolicyMergeResult result = Merge(policy, caller);
            JsonObject before = JsonNode.Parse(policy)!.AsObject();
            int sids = SidIndices(before).Count;

            if (sids > 1)
            {
                Assert.Equal(KeyPolicyMergeRefusal.DuplicateSid, result.Refusal);
                return;
            }

            JsonArray statements = before["Statement"]!.AsArray();
            JsonNode spec = JsonNode.Parse(SpecStatement())!;
            if (sids == 1 && JsonNode.DeepEquals(statements[SidIndices(before)[0]], spec))
            {
                Assert.Equal(KeyPolicyMergeOutcome.NoChange, result.Outcome);
                return;
            }

            if (sids == 1)
            {
                statements[SidIndices(before)[0]] = spec;
            }
            else
            {
                statements.Add(spec);
            }

            bool callerKeepsAccess = CallerCanPutKeyPolicy(statements, caller);
            Assert.True(callerKeepsAccess == result.Changed, $"oracle {callerKeepsAccess}, merge {result.Outcome}: {result.Message}");
            if (!callerKeepsAccess)
            {
                Assert.Equal(KeyPolicyMergeRefusal.Lockout, result.Refusal);
            }
            else
            {
                Assert.True(CallerCanPutKeyPolicy(JsonNode.Parse(result.MergedPolicy!)!["Statement"]!.AsArray(), caller));
            }
        }, iter: Iterations);

    /// <summary>
    /// The lockout rule written out over the generator's finite pools: some Allow whose Condition surely holds names the
    /// caller (or its account, or "*") with an action covering kms:PutKeyPolicy, and no Deny that may hold names it.
    /// </summary>
    private static bool CallerCanPutKeyPolicy(JsonArray statements, string caller)
    {
        bool allowed = false;
        foreach (JsonObject statement in statements.Select(s => s!.AsObject()))
        {
            bool namesCaller = statement["Principal"] switch
            {
                JsonValue v => v.GetValue<string>() == "*",
                JsonObject o when o["AWS"] is JsonNode aws => Values(aws).Any(p => p == "*" || Callers[caller].Contains(p)),
                _ => false,
            };
            bool covers = statement["Action"] is JsonNode action
                ? Values(action).Any(a => Covers[a])
                : !Values(statement["NotAction"]!).Any(a => Covers[a]);
            // The pools' conditions: kms:CallerAccount is the caller's account (known, so judged); aws:SecureTransport
            // is not known before the call, so it can be neither relied on (Allow) nor dismissed (Deny).
            string? callerAccount = statement["Condition"]?["StringEquals"]?["kms:CallerAccount"]?.GetValue<string>();
            bool? holds = !statement.ContainsKey("Condition") ? true : callerAccount is not null ? callerAccount == caller.Split(':')[4] : null;
            if (!namesCaller || !covers || holds == false)
            {
                continue;
            }

            if ((string?)statement["Effect"] == "Deny")
            {
                return false;
            }

            allowed |= holds == true;
        }

        return allowed;
    }

    private static IEnumerable<string> Values(JsonNode node) =>
        node is JsonArray array ? array.Select(n => n!.GetValue<string>()) : [node.GetValue<string>()];

    private static IEnumerable<JsonNode> Others(JsonObject policy) =>
        policy["Statement"]!.AsArray().Select(s => s!).Where(s => (string?)s["Sid"] != Sid);

    private static List<string> Texts(IEnumerable<JsonNode> nodes) => [.. nodes.Select(n => n.ToJsonString())];

    private static List<int> SidIndices(JsonObject policy)
    {
        JsonArray statements = policy["Statement"]!.AsArray();
        return [.. Enumerable.Range(0, statements.Count).Where(i => (string?)statements[i]!["Sid"] == Sid)];
    }
}
