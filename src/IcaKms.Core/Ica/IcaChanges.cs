using IcaKms.Core.Planning;

namespace IcaKms.Core.Ica;

/// <summary>A change IcaKms makes in ICA through its API (<see cref="ApiUrl"/>), planned and confirmed like the AWS writes.</summary>
/// <param name="ApiUrl">ICA's API base address the change is sent to.</param>
public abstract record IcaChange(Uri ApiUrl) : SetupChange;

/// <summary>Creates an access key for the ICA IAM user; the secret goes straight to the next change, never shown or kept.</summary>
public sealed record CreateIamAccessKeyChange(string UserName) : SetupChange
{
    /// <inheritdoc />
    public override string Title =>
        $"Create an access key for the IAM user {UserName} (IAM allows at most {Aws.CreatedAccessKey.MaxKeysPerUser} per user); its secret goes straight to ICA and is never shown, stored or logged";

    /// <inheritdoc />
    public override string Permission => "iam:CreateAccessKey";

    /// <inheritdoc />
    public override string Resource => UserName;
}

/// <summary>Creates an <c>AWS_USER</c> storage credential in ICA from an access key (pasted, or made by the change before).</summary>
public sealed record CreateStorageCredentialChange(Uri ApiUrl, string Name, CredentialSource Source, string? AccessKeyId) : IcaChange(ApiUrl)
{
    /// <inheritdoc />
    public override string Title => Source == CredentialSource.NewIamKey
        ? $"Create the ICA storage credential {Name} (AWS_USER) from the new access key"
        : $"Create the ICA storage credential {Name} (AWS_USER) from the access key {AccessKeyId}";

    /// <inheritdoc />
    public override string Permission => "ICA: POST " + IcaApi.StorageCredentialsPath;

    /// <inheritdoc />
    public override string Resource => Name;
}

/// <summary>Creates the storage configuration with the wizard's values (its <see cref="SetupChange.After"/> is the request body).</summary>
/// <param name="ApiUrl">ICA's API base address.</param>
/// <param name="Request">The body; its credential id is <see cref="StorageConfigurationRequest.StorageCredentialIdPlaceholder"/> when the credential is made by an earlier change.</param>
public sealed record CreateStorageConfigurationChange(Uri ApiUrl, StorageConfigurationRequest Request) : IcaChange(ApiUrl)
{
    /// <inheritdoc />
    public override string Title => $"Create the ICA storage configuration {Request.Name} for s3://{Request.AwsDetails.BucketName}/{Request.AwsDetails.KeyPrefix} with SSE-KMS";

    /// <inheritdoc />
    public override string Permission => "ICA: POST " + IcaApi.StorageConfigurationsPath;

    /// <inheritdoc />
    public override string Resource => Request.Name;
}

/// <summary>Shares the storage configuration with every user of the tenant.</summary>
/// <param name="ApiUrl">ICA's API base address.</param>
/// <param name="Name">The configuration name.</param>
/// <param name="ConfigurationId">Its id, or null when an earlier change of the plan creates it.</param>
public sealed record ShareStorageConfigurationChange(Uri ApiUrl, string Name, string? ConfigurationId) : IcaChange(ApiUrl)
{
    /// <inheritdoc />
    public override string Title => $"Share the storage configuration {Name} with every user of the ICA tenant";

    /// <inheritdoc />
    public override string Permission => "ICA: POST " + IcaApi.ShareStorageConfigurationPath;

    /// <inheritdoc />
    public override string Resource => Name;
}

/// <summary>Starts ICA's validation of the configuration (IcaKms then watches its status until <c>OK</c> or <c>ERROR</c>).</summary>
/// <param name="ApiUrl">ICA's API base address.</param>
/// <param name="Name">The configuration name.</param>
/// <param name="ConfigurationId">Its id, or null when an earlier change of the plan creates it.</param>
public sealed record ValidateStorageConfigurationChange(Uri ApiUrl, string Name, string? ConfigurationId) : IcaChange(ApiUrl)
{
    /// <inheritdoc />
    public override string Title => $"Start ICA's validation of the storage configuration {Name} and watch it until OK or ERROR";

    /// <inheritdoc />
    public override string Permission => "ICA: POST " + IcaApi.ValidateStorageConfigurationPath;

    /// <inheritdoc />
    public override string Resource => Name;
}
