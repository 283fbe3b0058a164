using IcaKms.Core.Ica;
using IcaKms.Core.Policies;
using IcaKms.Core.KeyPolicies;
using IcaKms.Core.Bundle;
using IcaKms.Core.Setup;

namespace IcaKms.Core.Documents;

/// <summary>
/// Every document the wizard shows, generated from the inputs. A field that is not valid yet is shown
/// with the spec's placeholder (<c>BUCKET_NAME</c>, <c>arn:aws:kms:xxx</c>, <c>ASSUME_ROLE_ARN</c>), so the
/// previews always read like ICA's page and fill in as the admin types.
/// </summary>
/// <param name="Content">What the documents are made of (also the content of the downloadable zip).</param>
/// <param name="IamPolicy">The IAM policy JSON.</param>
/// <param name="IamPolicySummary">The summary check of that policy.</param>
/// <param name="KeyPolicyStatement">The cross-account key-policy statement JSON.</param>
/// <param name="StorageConfigurationJson">ICA's API request body for the storage configuration.</param>
public sealed record SetupDocuments(
    SetupBundleContent Content,
    string IamPolicy,
    PolicySummary IamPolicySummary,
    string KeyPolicyStatement,
    string StorageConfigurationJson)
{
    /// <summary>The placeholder shown for a configuration name not chosen yet.</summary>
    public const string ConfigurationNamePlaceholder = "CONFIGURATION_NAME";

    /// <summary>The values of ICA's storage configuration form.</summary>
    public IcaStorageConfiguration StorageConfiguration => Content.Configuration;

    /// <summary>The bucket name in the documents (or its placeholder).</summary>
    public string BucketName => Content.Configuration.BucketName;

    /// <summary>The key ARN in the documents (or its placeholder).</summary>
    public string KeyArn => Content.Configuration.KeyArn;

    /// <summary>The name of the zip holding every document.</summary>
    public string BundleFileName => BucketName == IcaIamPolicy.BucketPlaceholder ? "icakms-setup.zip" : $"icakms-{BucketName}.zip";

    /// <summary>Generates the documents for the inputs.</summary>
    public static SetupDocuments Create(SetupInputs inputs, SetupValidation validation)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(validation);

        IcaRegion region = IcaRegions.FindByAwsRegion(inputs.AwsRegion) ?? IcaRegions.All[0];
        var configuration = new IcaStorageConfiguration(
            region,
            ValueOr(validation.ConfigurationName, ConfigurationNamePlaceholder),
            inputs.Description.Trim(),
            ValueOr(validation.BucketName, IcaIamPolicy.BucketPlaceholder),
            validation.KeyPrefix.IsValid ? validation.KeyPrefix.Value : string.Empty,
            ValueOr(validation.KeyArn, IcaIamPolicy.KeyPlaceholder));
        var content = new SetupBundleContent(
            configuration,
            inputs.Variant,
            inputs.ScopeObjectsToPrefix,
            inputs.CrossAccountCopy ? ValueOr(validation.CrossAccountRoleArn, CrossAccountKeyStatement.RolePlaceholder) : null)
        {
            IamUserName = validation.IamUserName.IsValid && validation.IamUserName.Value.Length > 0 ? validation.IamUserName.Value : null,
            PolicyArn = validation.PolicyArn.IsValid && validation.PolicyArn.Value.Length > 0 ? validation.PolicyArn.Value : null,
        };

        string iamPolicy = PolicyJson.Serialize(content.IamPolicy());
        return new SetupDocuments(
            content,
            iamPolicy,
            PolicySummaryCheck.Check(iamPolicy, inputs.Variant, configuration.BucketName, configuration.KeyArn),
            PolicyJson.Serialize(content.KeyPolicyStatement()),
            StorageConfigurationRequest.Serialize(content.ApiRequest()));
    }

    private static string ValueOr(Validation.FieldValidation field, string placeholder) =>
        field.IsValid && field.Value.Length > 0 ? field.Value : placeholder;
}
