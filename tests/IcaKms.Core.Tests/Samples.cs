using IcaKms.Core.Ica;
using IcaKms.Core.Policies;
using IcaKms.Core.Bundle;

namespace IcaKms.Core.Tests;

/// <summary>Realistic values the Ica and Setup tests share.</summary>
internal static class Samples
{
    public const string KeyArn = "arn:aws:kms:ap-southeast-2:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab";

    public const string Bucket = "acme-genomics-ica";

    public const string Prefix = "runs/";

    public static IcaRegion Australia => IcaRegions.FindByAwsRegion("ap-southeast-2")!;

    public static IcaRegion Japan => IcaRegions.FindByAwsRegion("ap-northeast-1")!;

    public static IcaStorageConfiguration Configuration(string keyPrefix = Prefix, string description = "Sequencing runs") =>
        new(Australia, "acme-runs", description, Bucket, keyPrefix, KeyArn);

    public static SetupBundleContent Content(
        PolicyVariant variant = PolicyVariant.Unversioned,
        bool scope = false,
        string? role = null,
        string keyPrefix = Prefix) =>
        new(Configuration(keyPrefix), variant, scope, role);
}
