namespace IcaKms.Web;

/// <summary>The operator's settings (configuration section <c>IcaKms</c>).</summary>
public sealed class IcaKmsOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "IcaKms";

    /// <summary>
    /// Whether users may connect with the server's own AWS credential chain (profile, SSO, environment, instance role).
    /// Null means: allowed in Development (a person on their laptop), refused otherwise (a shared portal).
    /// </summary>
    public bool? AllowServerCredentials { get; set; }

    /// <summary>An AWS-compatible endpoint (e.g. LocalStack); falls back to the SDK's <c>AWS_ENDPOINT_URL</c>.</summary>
    public Uri? AwsEndpointUrl { get; set; }
}
