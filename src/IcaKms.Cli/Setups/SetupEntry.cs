using System.Text.Json.Serialization;
using IcaKms.Core;
using IcaKms.Core.Policies;
using IcaKms.Core.Setup;

namespace IcaKms.Cli.Setups;

/// <summary>
/// One setup as the command line or a <c>--config</c> file gives it, in the options' words. It only carries values to
/// <see cref="SetupInputs"/>, the wizard's own inputs: Core validates them and derives everything else.
/// </summary>
internal sealed record SetupEntry
{
    /// <summary>A label for reports (default: the bucket name).</summary>
    public string? Name { get; init; }

    public string? Region { get; init; }

    public string? Bucket { get; init; }

    public string? KeyArn { get; init; }

    public string? Prefix { get; init; }

    public bool Versioned { get; init; }

    public bool ScopeObjectsToPrefix { get; init; }

    /// <summary>Cross-account copy with ICA's confirmed role for the region (as the wizard proposes it).</summary>
    public bool CrossAccount { get; init; }

    /// <summary>Cross-account copy with this role (implies <see cref="CrossAccount"/>).</summary>
    public string? CrossAccountRole { get; init; }

    public string? ConfigurationName { get; init; }

    public string? Description { get; init; }

    public string? IamUser { get; init; }

    public string? PolicyArn { get; init; }

    /// <summary>The label reports show.</summary>
    [JsonIgnore]
    public string Label => !string.IsNullOrWhiteSpace(Name) ? Name.Trim() : (Bucket ?? string.Empty).Trim();

    /// <summary>The wizard's inputs for this setup.</summary>
    public SetupInputs ToInputs()
    {
        string region = (Region ?? string.Empty).Trim();
        bool crossAccount = CrossAccount || !string.IsNullOrWhiteSpace(CrossAccountRole);
        return new SetupInputs
        {
            AwsRegion = region,
            BucketName = Bucket ?? string.Empty,
            KeyArn = KeyArn ?? string.Empty,
            KeyPrefix = Prefix ?? string.Empty,
            Variant = Versioned ? PolicyVariant.Versioned : PolicyVariant.Unversioned,
            ScopeObjectsToPrefix = ScopeObjectsToPrefix,
            IamUserName = IamUser ?? string.Empty,
            PolicyArn = PolicyArn ?? string.Empty,
            ConfigurationName = ConfigurationName ?? string.Empty,
            Description = Description ?? string.Empty,
            CrossAccountCopy = crossAccount,
            // As the wizard does: ICA's confirmed role for the region unless another one is given.
            CrossAccountRoleArn = CrossAccountRole ?? IcaRegions.FindByAwsRegion(region)?.CrossAccountRoleArn ?? string.Empty,
        };
    }
}
