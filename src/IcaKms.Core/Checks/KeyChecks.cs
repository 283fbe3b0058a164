using System.Globalization;
using IcaKms.Core.Aws;
using IcaKms.Core.Setup;

namespace IcaKms.Core.Checks;

/// <summary>The wizard's KMS key as DescribeKey shows it: resolvable, in the region, symmetric, enabled, customer managed.</summary>
internal static class KeyChecks
{
    public static CheckDefinition Resolves { get; } = new(LiveCheckIds.KeyResolves, WizardStep.Bucket, "Key is given as its key ARN");
    public static CheckDefinition Region { get; } = new(LiveCheckIds.KeyRegion, WizardStep.Bucket, "Key is in the ICA region");
    public static CheckDefinition Spec { get; } = new(LiveCheckIds.KeySpec, WizardStep.Bucket, "Key is a symmetric encryption key");
    public static CheckDefinition State { get; } = new(LiveCheckIds.KeyState, WizardStep.Bucket, "Key is enabled");
    public static CheckDefinition Manager { get; } = new(LiveCheckIds.KeyManager, WizardStep.Bucket, "Key is customer managed");

    private const string NoDescription = "kms:DescribeKey answered without a key description.";

    private const string NewKeyFix = "Create a customer managed symmetric key (Key type Symmetric, Key usage Encrypt and decrypt) in the ICA region and use its key ARN in step 1.";

    public static SetupCheck CheckResolves(CheckContext context)
    {
        if (context.KeyInput.Length == 0)
        {
            return Resolves.NotChecked("No KMS key given.", "Enter the key ARN in step 1, then inspect again.");
        }

        Result<KmsKeyDescription, AwsFailure> result = context.Snapshot.Key;
        if (result.Failure is AwsFailure failure)
        {
            if (context.KeyElsewhere is string elsewhere)
            {
                // The full ARN is on screen: it is a key ARN, which is what this check asks; only its existence cannot be seen from here.
                return Resolves.Pass(
                    $"{context.KeyInput} is a full key ARN, as ICA's Key Name and the IAM policy need. Whether the key exists was not checked: {Elsewhere(context, elsewhere)}");
            }

            return failure.Kind == AwsFailureKind.NotFound
                ? Resolves.Fail(
                    $"KMS finds no key {context.KeyInput} in {context.Request.AwsRegion}.",
                    "Copy the key ARN from the KMS console (in the ICA region) into step 1, or create a key there.")
                : Resolves.NotChecked(failure);
        }

        if (result.Value is not KmsKeyDescription key)
        {
            return Resolves.NotChecked(NoDescription, "Inspect again.");
        }

        return string.Equals(context.KeyInput, key.KeyArn, StringComparison.OrdinalIgnoreCase)
            ? Resolves.Pass($"{key.KeyArn} is the key's full ARN, as ICA's Key Name and the IAM policy need.")
            : Resolves.Fail(
                $"'{context.KeyInput}' is not a key ARN; it resolves to {key.KeyArn}.",
                $"Enter {key.KeyArn} in step 1: ICA's Key Name and the IAM policy need the key ARN, and an alias resolves in the caller's account.");
    }

    public static SetupCheck CheckRegion(CheckContext context)
    {
        string icaRegion = context.Request.AwsRegion;
        if (context.KeyElsewhere is string elsewhere)
        {
            // DescribeKey in the ICA region cannot see the key, but its ARN names its region.
            return Region.Fail(
                $"The key is in {elsewhere}, the ICA region is {icaRegion}: bucket, key and ICA project must be in the same region.",
                SameRegionFix(context));
        }

        if (KeyNotChecked(Region, context) is SetupCheck notChecked)
        {
            return notChecked;
        }

        KmsKeyDescription key = context.Key!;
        string multiRegion = key.MultiRegion ? " (a multi-Region key: this replica has its own key policy)" : string.Empty;
        return string.Equals(key.Region, icaRegion, StringComparison.Ordinal)
            ? Region.Pass($"The key is in {key.Region}, the ICA region's AWS region{multiRegion}.")
            : Region.Fail(
                $"The key is in {key.Region}, the ICA region is {icaRegion}: bucket, key and ICA project must be in the same region.",
                SameRegionFix(context));
    }

    public static SetupCheck CheckSpec(CheckContext context)
    {
        if (KeyNotChecked(Spec, context) is SetupCheck notChecked)
        {
            return notChecked;
        }

        KmsKeyDescription key = context.Key!;
        return key.KeySpec == "SYMMETRIC_DEFAULT" && key.KeyUsage == "ENCRYPT_DECRYPT"
            ? Spec.Pass("The key is a symmetric encryption key (SYMMETRIC_DEFAULT, ENCRYPT_DECRYPT), as S3 needs.")
            : Spec.Fail($"The key is {key.KeySpec} for {key.KeyUsage}: S3 encrypts only with symmetric encryption keys (SYMMETRIC_DEFAULT, ENCRYPT_DECRYPT).", NewKeyFix);
    }

    public static SetupCheck CheckState(CheckContext context)
    {
        if (KeyNotChecked(State, context) is SetupCheck notChecked)
        {
            return notChecked;
        }

        KmsKeyDescription key = context.Key!;
        return key.KeyState switch
        {
            "Enabled" => State.Pass("The key is enabled."),
            "PendingDeletion" => State.Fail(
                $"The key is pending deletion{When(key.DeletionDate)}: after that every object it encrypted is unreadable.",
                $"Cancel the deletion now (KMS console → Key actions → Cancel key deletion, or `aws kms cancel-key-deletion --key-id {key.KeyArn}`), then enable the key."),
            "Disabled" => State.Fail(
                "The key is disabled: S3 can neither encrypt nor decrypt with it.",
                $"Enable it (KMS console → Key actions → Enable, or `aws kms enable-key --key-id {key.KeyArn}`)."),
            "PendingImport" => State.Fail("The key is waiting for its imported key material.", "Import the key material, or use a key with KMS-generated material."),
            _ => State.Fail($"The key's state is {key.KeyState}: it must be Enabled.", "Enable the key in the KMS console, or use another key in step 1."),
        };
    }

    public static SetupCheck CheckManager(CheckContext context)
    {
        if (KeyNotChecked(Manager, context) is SetupCheck notChecked)
        {
            return notChecked;
        }

        KmsKeyDescription key = context.Key!;
        return key.KeyManager == "CUSTOMER"
            ? Manager.Pass("The key is customer managed: its key policy can be changed and shared with ICA's cross-account role.")
            : Manager.Fail(
                "The key is AWS managed: it cannot be used across accounts and its key policy cannot be changed.",
                "Create a customer managed symmetric key in the ICA region and use its key ARN in step 1.");
    }

    /// <summary>
    /// The shared "cannot say" answers of every check that needs the key described (the key checks and the key-policy
    /// checks, so they say it in one wording): no key given, a key ARN of another region, or DescribeKey failed.
    /// </summary>
    public static SetupCheck? KeyNotChecked(CheckDefinition check, CheckContext context)
    {
        if (context.KeyInput.Length == 0)
        {
            return check.NotChecked("No KMS key given.", "Enter the key ARN in step 1, then inspect again.");
        }

        if (context.KeyElsewhere is string elsewhere)
        {
            return check.NotChecked($"{Elsewhere(context, elsewhere)} So this was not checked.", SameRegionFix(context));
        }

        AwsFailure? failure = context.Snapshot.Key.Failure;
        if (failure is null)
        {
            return context.Key is null ? check.NotChecked(NoDescription, "Inspect again.") : null;
        }

        return failure.Kind == AwsFailureKind.NotFound
            ? check.NotChecked($"Not checked: KMS finds no key {context.KeyInput}.", "Fix the key in step 1, then inspect again.")
            : check.NotChecked(failure);
    }

    /// <summary>Why a key ARN of another region cannot be described from the ICA region.</summary>
    private static string Elsewhere(CheckContext context, string region) =>
        $"{context.KeyInput} is a key ARN in {region}: KMS in the ICA region {context.Request.AwsRegion} cannot describe it.";

    private static string SameRegionFix(CheckContext context) =>
        $"Use a key in {context.Request.AwsRegion} (create one, or replicate a multi-Region key there) and enter its key ARN in step 1.";

    private static string When(DateTimeOffset? date) =>
        date is DateTimeOffset at ? string.Create(CultureInfo.InvariantCulture, $" on {at.UtcDateTime:yyyy-MM-dd HH:mm} UTC") : string.Empty;
}
