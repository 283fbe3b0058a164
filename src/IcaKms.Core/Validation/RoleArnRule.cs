using System.Text.RegularExpressions;
using IcaKms.Core.Ica;

namespace IcaKms.Core.Validation;

/// <summary>
/// ICA's cross-account copy role ARN (<c>arn:aws:iam::079623148045:role/…</c>), pasted from ICA's
/// "Enable Cross Account Copy" page.
/// </summary>
public static partial class RoleArnRule
{
    private const string Example = "arn:aws:iam::079623148045:role/<role name>";

    /// <summary>The warning shown when the role is not in Illumina's account.</summary>
    public const string NotIlluminaWarning =
        "ICA's cross-account roles live in Illumina's account 079623148045; check you pasted the role from ICA's Enable Cross Account Copy page.";

    /// <summary>The most characters checked: longer text is refused as too long.</summary>
    public const int MaxInputLength = InputLimits.Arn;

    /// <summary>Checks an IAM role ARN; the value is the trimmed ARN.</summary>
    /// <param name="input">What the user typed.</param>
    /// <param name="awsRegion">
    /// The AWS region of the chosen ICA region; when given, ICA's confirmed role of another region is refused (each
    /// region has its own role). Null or empty: not compared.
    /// </param>
    public static FieldValidation Validate(string? input, string? awsRegion = null)
    {
        if (string.IsNullOrWhiteSpace(input))
        {
            return FieldValidation.Fail(input ?? "", $"The role ARN is required: paste it from ICA's Enable Cross Account Copy page ({Example}).");
        }

        if (InputLimits.Check(input, MaxInputLength, "The role ARN") is { } tooLong)
        {
            return tooLong;
        }

        string arn = input.Trim();
        if (arn.Any(c => char.IsWhiteSpace(c) || InputText.IsInvisible(c)))
        {
            return FieldValidation.Fail(input, "The role ARN contains a space, line break or invisible character: paste it again as one line.");
        }

        ArnParts? parts = ArnParts.Parse(arn);
        if (parts is null)
        {
            return FieldValidation.Fail(input, $"{InputText.Quote(arn)} is not an IAM role ARN: it should look like {Example}.");
        }

        string? error = FindError(parts) ?? FindRegionError(arn, awsRegion);
        if (error is not null)
        {
            return FieldValidation.Fail(input, error);
        }

        return parts.Account == IcaRegions.IlluminaAccountId ? FieldValidation.Ok(arn) : FieldValidation.Ok(arn, NotIlluminaWarning);
    }

    // ICA's confirmed role of one region pasted (or left over) for another: ICA would not use it.
    private static string? FindRegionError(string arn, string? awsRegion)
    {
        IcaRegion? region = IcaRegions.FindByAwsRegion(awsRegion);
        IcaRegion? owner = IcaRegions.All.FirstOrDefault(r => string.Equals(r.CrossAccountRoleArn, arn, StringComparison.Ordinal));
        if (region is null || owner is null || owner == region)
        {
            return null;
        }

        return region.CrossAccountRoleArn is string right
            ? $"This is ICA's cross-account role for {owner.DisplayName}, but your ICA region is {region.DisplayName}: use {right}."
            : $"This is ICA's cross-account role for {owner.DisplayName}, but your ICA region is {region.DisplayName}: paste {region.Name}'s role from ICA's Enable Cross Account Copy page.";
    }

    private static string? FindError(ArnParts parts)
    {
        if (parts.Service == "sts")
        {
            return $"Paste the role ARN, not an assumed-role session ARN (arn:aws:sts::…): it should look like {Example}.";
        }

        if (parts.Service != "iam")
        {
            return $"This is not an IAM ARN (service '{InputText.Shorten(parts.Service)}'): it should look like {Example}.";
        }

        if (parts.NonCommercialPartitionError("role") is string partitionError)
        {
            return partitionError;
        }

        if (!parts.IsCommercial)
        {
            return $"The ARN's partition must be {ArnParts.CommercialPartition} (ICA runs only in AWS's commercial partition): it should look like {Example}.";
        }

        if (parts.Region.Length > 0)
        {
            return $"IAM ARNs have no region (two colons after 'iam'): it should look like {Example}.";
        }

        if (!parts.HasAccountId)
        {
            return $"The role ARN must hold the 12-digit AWS account id after 'iam::': it should look like {Example}.";
        }

        if (!parts.Resource.StartsWith("role/", StringComparison.Ordinal))
        {
            string kind = parts.Resource.Split('/')[0];
            return kind is "user" or "group" or "policy" or "instance-profile"
                ? $"This is an IAM {kind} ARN: paste the role ARN ({Example})."
                : $"The ARN must name a role ('role/' after the account): it should look like {Example}.";
        }

        string name = parts.Resource[(parts.Resource.LastIndexOf('/') + 1)..];
        if (name.Length == 0)
        {
            return $"The role ARN is missing the role name after 'role/': it should look like {Example}.";
        }

        if (name.Length > 64)
        {
            return $"The role name has {name.Length} characters: IAM role names are at most 64 characters.";
        }

        return RolePath().IsMatch(parts.Resource)
            ? null
            : "The role name or path has characters IAM does not allow: use letters, digits and + = , . @ _ - only.";
    }

    [GeneratedRegex("^role/(?:[A-Za-z0-9_+=,.@-]+/)*[A-Za-z0-9_+=,.@-]{1,64}$")]
    private static partial Regex RolePath();
}
