namespace IcaKms.Cli.Setups;

/// <summary>The fields of a setup, named as options (<c>--key-arn</c>) or as a config file's properties (<c>keyArn</c>).</summary>
internal enum SetupField
{
    Region,
    Bucket,
    KeyArn,
    Prefix,
    CrossAccountRole,
    ConfigurationName,
    IamUser,
    PolicyArn,
}

/// <summary>How a field is called where it was given.</summary>
internal static class SetupFieldNames
{
    public static string Option(SetupField field) => field switch
    {
        SetupField.Region => "--region",
        SetupField.Bucket => "--bucket",
        SetupField.KeyArn => "--key-arn",
        SetupField.Prefix => "--prefix",
        SetupField.CrossAccountRole => "--cross-account-role",
        SetupField.ConfigurationName => "--configuration-name",
        SetupField.IamUser => "--iam-user",
        SetupField.PolicyArn => "--policy-arn",
        _ => throw new ArgumentOutOfRangeException(nameof(field)),
    };

    public static string Property(SetupField field) => field switch
    {
        SetupField.Region => "region",
        SetupField.Bucket => "bucket",
        SetupField.KeyArn => "keyArn",
        SetupField.Prefix => "prefix",
        SetupField.CrossAccountRole => "crossAccountRole",
        SetupField.ConfigurationName => "configurationName",
        SetupField.IamUser => "iamUser",
        SetupField.PolicyArn => "policyArn",
        _ => throw new ArgumentOutOfRangeException(nameof(field)),
    };
}
