namespace IcaKms.Core.Setup;

/// <summary>
/// The names of the files the wizard hands out (the zip's files), which the offline commands also read
/// (<c>--policy-document file://iam-policy.json</c>).
/// </summary>
public static class SetupFileNames
{
    /// <summary>The IAM policy for the ICA IAM user.</summary>
    public const string IamPolicy = "iam-policy.json";

    /// <summary>The cross-account statement to add to the KMS key policy.</summary>
    public const string KeyPolicyStatement = "kms-key-policy-statement.json";

    /// <summary>The body of ICA's <c>POST /api/storageConfigurations</c>.</summary>
    public const string StorageConfiguration = "ica-storage-configuration.json";

    /// <summary>The plain-text guide.</summary>
    public const string Readme = "README.txt";

    /// <summary>Every document file, in the order the zip holds them (<c>ExportBundle</c> adds the setup as code after them).</summary>
    public static IReadOnlyList<string> All { get; } = [IamPolicy, KeyPolicyStatement, StorageConfiguration, Readme];
}
