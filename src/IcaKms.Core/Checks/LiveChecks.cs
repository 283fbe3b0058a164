namespace IcaKms.Core.Checks;

/// <summary>
/// The live setup checks: pure functions over a <see cref="LiveSnapshot"/>, one verdict each, in wizard-step order.
/// A failed call makes the checks that need it <see cref="CheckState.NotChecked"/> with the failure's message,
/// unless the failure is itself the finding (e.g. a bucket that does not exist).
/// </summary>
public static class LiveChecks
{
    /// <summary>Evaluates every live check (ids in <see cref="LiveCheckIds"/>).</summary>
    /// <param name="snapshot">The inspected state.</param>
    /// <param name="request">The validated request the snapshot was taken for.</param>
    /// <returns>
    /// One check per id of <see cref="LiveCheckIds"/>; the cross-account one only when cross-account copy was chosen.
    /// </returns>
    public static IReadOnlyList<SetupCheck> Evaluate(LiveSnapshot snapshot, InspectionRequest request)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(request);

        var context = new CheckContext(snapshot, request);
        var checks = new List<SetupCheck>
        {
            BucketChecks.CheckRegion(context),
            EncryptionChecks.CheckEncryption(context),
            EncryptionChecks.CheckBucketKey(context),
            BucketChecks.CheckPrefix(context),
            BucketChecks.CheckOwnership(context),
            BucketChecks.CheckPublicAccess(context),
            BucketPolicyChecks.CheckPolicy(context),
            KeyChecks.CheckResolves(context),
            KeyChecks.CheckRegion(context),
            KeyChecks.CheckSpec(context),
            KeyChecks.CheckState(context),
            KeyChecks.CheckManager(context),
            PolicyChecks.CheckVersioning(context),
            PolicyChecks.CheckPolicy(context),
            KeyPolicyChecks.CheckIam(context),
        };

        if (request.CrossAccountCopy)
        {
            checks.Add(KeyPolicyChecks.CheckCrossAccount(context));
        }

        return checks;
    }
}
