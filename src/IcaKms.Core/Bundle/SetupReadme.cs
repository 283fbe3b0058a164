using System.Globalization;
using IcaKms.Core.Ica;
using IcaKms.Core.Policies;
using IcaKms.Core.KeyPolicies;
using IcaKms.Core.Applying;
using IcaKms.Core.Setup;

namespace IcaKms.Core.Bundle;

/// <summary>
/// The bundle's README.txt: the chosen values and the console steps in the order of ICA's SSE-KMS help page.
/// Plain text with <c>\n</c> line ends, so the same content yields the same bytes on every platform.
/// </summary>
public static class SetupReadme
{
    private const int LabelWidth = 20;

    /// <summary>Writes the guide for the given content.</summary>
    public static string Create(SetupBundleContent content)
    {
        ArgumentNullException.ThrowIfNull(content);
        IcaStorageConfiguration config = content.Configuration;
        List<string> lines =
        [
            "ICA storage for an SSE-KMS encrypted S3 bucket",
            "==============================================",
            "",
            "These files connect the S3 bucket below to Illumina Connected Analytics (ICA), following",
            "ICA's help page \"SSE-KMS Encryption\". They hold no secrets.",
            "",
            "VALUES",
            "",
            Row("ICA region", config.Region.DisplayName),
            Row("AWS region", $"{config.Region.AwsRegion} (the bucket, the KMS key and the ICA project must all be here)"),
            Row("Bucket", config.BucketName),
            Row("Key prefix", config.IsBucketRoot
                ? "(none) the bucket root: connecting the whole bucket blocks it for other ICA projects"
                : config.KeyPrefix),
            Row("Algorithm", IcaStorageConfiguration.Algorithm),
            Row("Key ARN", config.KeyArn),
            Row("IAM policy", VariantReason(content.Variant)),
            Row("Object access", ObjectAccess(content)),
            Row("Cross-account copy", content.CrossAccountCopy
                ? $"chosen: ICA's role {content.CrossAccountRoleArn} is named in {SetupFileNames.KeyPolicyStatement}"
                : $"not chosen: {SetupFileNames.KeyPolicyStatement} keeps the {CrossAccountKeyStatement.RolePlaceholder} placeholder"),
            "",
            "FILES",
            "",
            Row(SetupFileNames.IamPolicy, "the IAM policy for the IAM user ICA uses (step 2)", 34),
            Row(SetupFileNames.KeyPolicyStatement, "the statement for the KMS key policy, cross-account copy (step 5)", 34),
            Row(SetupFileNames.StorageConfiguration, "the storage configuration as an ICA API request body", 34),
            Row(SetupFileNames.Readme, "this guide", 34),
            "",
            "STEPS",
            "",
            $"1. Create the bucket with SSE-KMS (S3 console, region {config.Region.AwsRegion}).",
            $"   - Create the bucket \"{config.BucketName}\". Under \"Default encryption\", enable server-side encryption",
            "     with AWS Key Management Service keys (SSE-KMS), choose your AWS KMS key and select:",
            $"     {config.KeyArn}",
            .. FolderStep(config),
            "",
            "2. Create the IAM policy (IAM console > Policies > Create policy > JSON).",
            $"   - Replace the editor's content with {SetupFileNames.IamPolicy}.",
            "   - Check that the Summary lists 3 permissions: KMS, S3 and STS.",
            "   - If the key's policy is not the default one (which lets IAM policies grant access to the key),",
            "     the IAM user must also be allowed in the key policy itself.",
            "",
            "3. Attach the policy to the IAM user whose access key ICA uses",
            "   (IAM console > Users > the user > Add permissions > Attach policies directly).",
            "",
            "4. In ICA, create the storage configuration with these values:",
            "",
            .. FormRows(config),
            "",
            .. CrossAccountStep(content),
            "",
            "ICA API (instead of step 4)",
            "",
            $"   Base URL {IcaApi.BaseUrl}; headers {IcaApi.ApiKeyHeader}: <your ICA API key>,",
            $"   Content-Type and Accept: {IcaApi.MediaType}.",
            $"   - POST {IcaApi.StorageCredentialsPath} with the IAM user's access key creates the ICA credential;",
            $"     put its id in place of {StorageConfigurationRequest.StorageCredentialIdPlaceholder} in {SetupFileNames.StorageConfiguration}.",
            $"   - GET {IcaApi.RegionsPath} lists ICA's regions; put the id of {config.Region.Name} in place of {StorageConfigurationRequest.RegionIdPlaceholder}.",
            $"   - POST {IcaApi.StorageConfigurationsPath} with {SetupFileNames.StorageConfiguration} as the body.",
            "     ICA validates the configuration in the background: its status goes from INITIALIZING to OK or ERROR.",
            .. LiveSection(content.LiveChecks),
            .. AppliedSection(content.AppliedChanges),
        ];

        return string.Join("\n", lines) + "\n";
    }

    private static IEnumerable<string> AppliedSection(IReadOnlyList<AppliedChange>? changes)
    {
        if (changes is null || changes.Count == 0)
        {
            yield break;
        }

        yield return "";
        yield return "CHANGES APPLIED BY ICAKMS (in this session, in order)";
        yield return "";
        foreach (AppliedChange applied in changes)
        {
            string outcome = applied.Outcome switch
            {
                ChangeOutcome.Done => "done",
                ChangeOutcome.Failed => "FAILED",
                _ => "not done",
            };
            yield return string.Create(CultureInfo.InvariantCulture, $"   [{outcome}] {applied.At.UtcDateTime:yyyy-MM-dd HH:mm:ss} UTC by {applied.Principal}: {applied.Change.Title}");
            yield return $"      {applied.Change.Permission} on {applied.Change.Resource}: {applied.Message}";
            if (applied.Change.Before is { } before)
            {
                yield return $"      Before: {OneLine(before)}";
            }

            if (applied.Change.After is { } after)
            {
                yield return $"      After:  {OneLine(after)}";
            }
        }
    }

    private static string OneLine(string json) => string.Join(' ', json.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries).Select(l => l.Trim()));

    private static IEnumerable<string> LiveSection(IReadOnlyList<Checks.SetupCheck>? checks)
    {
        if (checks is null || checks.Count == 0)
        {
            yield break;
        }

        yield return "";
        yield return "LIVE CHECKS (the AWS state IcaKms inspected before this download)";
        yield return "";
        foreach (Checks.SetupCheck check in checks)
        {
            // Problems in capitals, so they stand out in a plain-text file.
            string state = check.State is CheckState.Warning or CheckState.Fail ? check.State.Label().ToUpperInvariant() : check.State.Label();
            yield return $"   [{state}] {check.Title}: {check.Finding}";
            if (check.State != CheckState.Pass && !string.IsNullOrEmpty(check.Fix))
            {
                yield return $"      Fix: {check.Fix}";
            }
        }
    }

    private static string Row(string label, string value, int width = LabelWidth) =>
        (label.PadRight(width) + value).TrimEnd();

    private static string VariantReason(PolicyVariant variant)
    {
        IEnumerable<string> extra = IcaIamPolicy.BucketActions(PolicyVariant.Versioned)
            .Concat(IcaIamPolicy.ObjectActions(PolicyVariant.Versioned))
            .Except(IcaIamPolicy.BucketActions(PolicyVariant.Unversioned).Concat(IcaIamPolicy.ObjectActions(PolicyVariant.Unversioned)));
        return variant == PolicyVariant.Versioned
            ? $"versioned: the bucket's versioning is Enabled or Suspended, so ICA also needs {string.Join(", ", extra)}"
            : "unversioned: versioning was never enabled on the bucket (if it ever is, use the versioned policy)";
    }

    private static string ObjectAccess(SetupBundleContent content)
    {
        string arn = IcaIamPolicy.ObjectArn(content.Configuration.BucketName, content.ObjectPrefix);
        return content.ObjectPrefix is null
            ? $"the whole bucket ({arn}), as on ICA's help page"
            : $"only under the key prefix ({arn}), narrower than ICA's help page";
    }

    private static IEnumerable<string> FolderStep(IcaStorageConfiguration config) => config.IsBucketRoot
        ?
        [
            "   - No key prefix was chosen. ICA recommends a folder in the bucket, connected as the key prefix;",
            "     if you create one, enable encryption on it.",
        ]
        : [$"   - Create the folder \"{config.KeyPrefix}\" in the bucket, with server-side encryption enabled."];

    private static IEnumerable<string> FormRows(IcaStorageConfiguration config)
    {
        foreach (StorageConfigurationField field in config.FormFields())
        {
            if (field.Label == IcaStorageConfiguration.AlgorithmLabel)
            {
                yield return $"     {IcaStorageConfiguration.EncryptionSection}";
            }

            yield return "     " + Row(field.Label, field.Value.Length == 0 ? "(leave empty)" : field.Value);
        }
    }

    private static IEnumerable<string> CrossAccountStep(SetupBundleContent content)
    {
        string file = SetupFileNames.KeyPolicyStatement;
        string[] editKeyPolicy =
        [
            "   Then edit the key policy (KMS console > the key > Key policy > Edit) and add the statement",
            $"   of {file} to its \"Statement\" array. Keep every existing statement: edit the policy,",
            "   do not replace it (a replaced key policy can lock your account out of the key).",
        ];
        if (content.CrossAccountCopy)
        {
            return ["5. Cross-account copy: follow ICA's \"Enable Cross Account Copy\" instructions.", .. editKeyPolicy];
        }

        string awsRegion = content.Configuration.Region.AwsRegion;
        string? knownRole = content.Configuration.Region.CrossAccountRoleArn;
        return
        [
            "5. Cross-account copy was not chosen: skip this step.",
            "   To enable it later, follow ICA's \"Enable Cross Account Copy\" instructions and replace",
            $"   {CrossAccountKeyStatement.RolePlaceholder} in {file} with ICA's role ARN for {awsRegion}:",
            knownRole is null
                ? "   copy it from ICA's \"Enable Cross Account Copy\" page."
                : $"   {knownRole}",
            .. editKeyPolicy,
        ];
    }
}
