using System.Reflection;
using IcaKms.Core.Aws;
using IcaKms.Core.Policies;
using IcaKms.Core.Planning;
using IcaKms.Core.Applying;
using IcaKms.Core.Setup;
using IcaKms.Core.Tests.Checks;

namespace IcaKms.Core.Tests.Setup;

public class SetupApplierTests
{
    private static readonly PolicyDocument Policy = IcaIamPolicy.Create(Live.Bucket, Live.KeyArn, PolicyVariant.Unversioned);

    private static SetupPlan IamPlan(bool createsTheUser) => new(
        WizardStep.IamPolicy,
        [
            .. createsTheUser ? new SetupChange[] { new CreateIamUserChange(Live.User) } : [],
            new CreateIamPolicyChange("ica-kms", Live.PolicyArn, Policy),
            new AttachPolicyChange(Live.User, Live.PolicyArn),
        ],
        [],
        []);

    private static Task<ApplyResult> ApplyAsync(SetupPlan plan, ScriptedIam iam) =>
        SetupApplier.ApplyAsync(new AwsGateways(null!, null!, iam.Gateway, null!), plan, Live.UserArn, TimeProvider.System, consistencyDelays: [TimeSpan.Zero, TimeSpan.Zero, TimeSpan.Zero]);

    [Fact]
    public async Task AnAttachmentIamDoesNotSeeYet_IsAskedAgain_WhenThePlanCreatedWhatItNames()
    {
        var iam = new ScriptedIam(attachNotFoundTimes: 2);

        ApplyResult result = await ApplyAsync(IamPlan(createsTheUser: true), iam);

        Assert.True(result.Succeeded, string.Join(" | ", result.Changes.Select(c => c.Message)));
        Assert.Equal(3, iam.AttachCalls);
    }

    [Fact]
    public async Task AnAttachmentStillNotFound_FailsAndSaysIamMayBeCatchingUp()
    {
        var iam = new ScriptedIam(attachNotFoundTimes: 10);

        ApplyResult result = await ApplyAsync(IamPlan(createsTheUser: true), iam);

        Assert.Equal(4, iam.AttachCalls);
        Assert.Contains("eventually consistent", result.Failure!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ANotFoundForSomethingThePlanDidNotCreate_IsNotRetried()
    {
        var iam = new ScriptedIam(attachNotFoundTimes: 10);
        var plan = new SetupPlan(WizardStep.IamPolicy, [new AttachPolicyChange(Live.User, Live.PolicyArn)], [], []);

        ApplyResult result = await ApplyAsync(plan, iam);

        Assert.Equal(1, iam.AttachCalls);
        Assert.Equal(ChangeOutcome.Failed, Assert.Single(result.Changes).Outcome);
    }

    [Fact]
    public async Task TheWaits_RunOnTheGivenClock_OneDelayAfterAnother()
    {
        var iam = new ScriptedIam(attachNotFoundTimes: 2);
        var time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider();
        Task<ApplyResult> applying = SetupApplier.ApplyAsync(new AwsGateways(null!, null!, iam.Gateway, null!), IamPlan(createsTheUser: true), Live.UserArn, time);

        // Nothing waits on the wall clock: the apply stays parked at each delay until the fake clock passes it.
        await iam.AttachCalled(1);
        Assert.False(applying.IsCompleted);
        time.Advance(ConsistencyPolicy.DefaultDelays[0]);
        await iam.AttachCalled(2);
        Assert.False(applying.IsCompleted);
        time.Advance(ConsistencyPolicy.DefaultDelays[1]);

        ApplyResult result = await applying;
        Assert.True(result.Succeeded, string.Join(" | ", result.Changes.Select(c => c.Message)));
        Assert.Equal(3, iam.AttachCalls);
    }

    [Fact]
    public async Task AUserSomeoneCreatedSinceThePlan_IsNotCreated_AndThePlanStops()
    {
        var iam = new ScriptedIam(attachNotFoundTimes: 0) { UserExists = true };

        ApplyResult result = await ApplyAsync(IamPlan(createsTheUser: true), iam);

        Assert.Equal(0, iam.CreateUserCalls);
        Assert.Contains("exists now but did not when the plan was made", result.Failure!.Message, StringComparison.Ordinal);
        Assert.All(result.Changes.Skip(1), c => Assert.Equal(ChangeOutcome.NotDone, c.Outcome));
    }

    /// <summary>An IAM gateway whose writes succeed, but AttachUserPolicy answers NoSuchEntity the first N times.</summary>
    private sealed class ScriptedIam
    {
        public ScriptedIam(int attachNotFoundTimes)
        {
            Gateway = DispatchProxy.Create<IIamGateway, Handler>();
            ((Handler)(object)Gateway).Owner = this;
            NotFoundLeft = attachNotFoundTimes;
        }

        public IIamGateway Gateway { get; }

        public int AttachCalls => Volatile.Read(ref _attachCalls);

        public int CreateUserCalls { get; private set; }

        public bool UserExists { get; init; }

        private readonly TaskCompletionSource[] _attached = [.. Enumerable.Range(0, 8).Select(_ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously))];

        private int _attachCalls;

        // Completes once AttachUserPolicy was called n times (a signal from the fake, not a sleep).
        public Task AttachCalled(int n) => _attached[n - 1].Task.WaitAsync(TimeSpan.FromSeconds(10));

        private int NotFoundLeft { get; set; }

        public object Answer(string method, object?[] args) => method switch
        {
            nameof(IIamGateway.GetUserAsync) => Task.FromResult(UserExists
                ? Result<IamUser, AwsFailure>.Ok(new IamUser(Live.User, "AIDA", Live.UserArn))
                : Result<IamUser, AwsFailure>.Fail(new AwsFailure(AwsFailureKind.NotFound, "iam:GetUser", Live.User, "NoSuchEntity", "No such user."))),
            nameof(IIamGateway.GetPolicyDefaultVersionAsync) => Task.FromResult(Result<ManagedPolicyVersion, AwsFailure>.Fail(new AwsFailure(AwsFailureKind.NotFound, "iam:GetPolicy", Live.PolicyArn, "NoSuchEntity", "No such policy."))),
            nameof(IIamGateway.ListAttachedUserPoliciesAsync) => Task.FromResult(Result<IReadOnlyList<AttachedPolicy>, AwsFailure>.Ok([])),
            nameof(IIamGateway.CreateUserAsync) => CreateUser(),
            nameof(IIamGateway.CreatePolicyAsync) => Task.FromResult(Result<CreatedPolicy, AwsFailure>.Ok(new CreatedPolicy("ica-kms", Live.PolicyArn, "v1"))),
            nameof(IIamGateway.AttachUserPolicyAsync) => Attach(),
            _ => throw new NotSupportedException(method),
        };

        private Task<Result<IamUser, AwsFailure>> CreateUser()
        {
            CreateUserCalls++;
            return Task.FromResult(Result<IamUser, AwsFailure>.Ok(new IamUser(Live.User, "AIDA", Live.UserArn)));
        }

        private Task<Result<UserPolicyAttachment, AwsFailure>> Attach()
        {
            int calls = Interlocked.Increment(ref _attachCalls);
            _attached[Math.Min(calls, _attached.Length) - 1].TrySetResult();
            if (NotFoundLeft-- > 0)
            {
                return Task.FromResult(Result<UserPolicyAttachment, AwsFailure>.Fail(new AwsFailure(AwsFailureKind.NotFound, "iam:AttachUserPolicy", Live.User, "NoSuchEntity", $"The IAM user {Live.User} does not exist.")));
            }

            return Task.FromResult(Result<UserPolicyAttachment, AwsFailure>.Ok(new UserPolicyAttachment(Live.User, Live.PolicyArn)));
        }
    }

    // DispatchProxy needs a public, non-sealed class with a parameterless constructor.
#pragma warning disable CA1852 // DispatchProxy derives from it at run time.
    public class Handler : DispatchProxy
#pragma warning restore CA1852
    {
        internal object? Owner { get; set; }

        protected override object? Invoke(MethodInfo? targetMethod, object?[]? args) =>
            ((ScriptedIam)Owner!).Answer(targetMethod!.Name, args ?? []);
    }
}
