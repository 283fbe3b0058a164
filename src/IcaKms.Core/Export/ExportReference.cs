namespace IcaKms.Core.Export;

/// <summary>
/// How one format names the values an export fills in: each marker of <see cref="ExportDocuments"/> and its reference
/// (<c>var.bucket_name</c> in Terraform, <c>BucketName</c> in CloudFormation's <c>Fn::Sub</c>).
/// </summary>
/// <param name="Bucket">The bucket name's reference.</param>
/// <param name="Prefix">The key prefix's reference.</param>
/// <param name="Key">The key ARN's reference.</param>
/// <param name="Root">The account root ARN, a reference inside a literal (e.g. <c>arn:aws:iam::${…}:root</c>).</param>
/// <param name="Role">ICA's cross-account role's reference.</param>
public sealed record ExportReference(string Bucket, string Prefix, string Key, string Root, string Role)
{
    /// <summary>The markers and what replaces each, the interpolation written as <c>${…}</c>.</summary>
    public IReadOnlyList<(string Marker, string Reference)> Pairs =>
    [
        (ExportDocuments.KeyMarker, "${" + Key + "}"),
        (ExportDocuments.RoleMarker, "${" + Role + "}"),
        (ExportDocuments.RootMarker, Root),
        (ExportDocuments.PrefixMarker, "${" + Prefix + "}"),
        (ExportDocuments.BucketMarker, "${" + Bucket + "}"),
    ];

    /// <summary>True when the text holds a marker.</summary>
    public static bool HasMarker(string text) =>
        text.Contains(ExportDocuments.BucketMarker, StringComparison.Ordinal) ||
        text.Contains(ExportDocuments.PrefixMarker, StringComparison.Ordinal) ||
        text.Contains(ExportDocuments.KeyMarker, StringComparison.Ordinal) ||
        text.Contains(ExportDocuments.RootMarker, StringComparison.Ordinal) ||
        text.Contains(ExportDocuments.RoleMarker, StringComparison.Ordinal);

    /// <summary>
    /// Replaces every marker of <paramref name="text"/>, after escaping what the format would read as its own
    /// interpolation (<paramref name="escape"/>: e.g. an IAM policy variable <c>${aws:username}</c>).
    /// </summary>
    public string Fill(string text, Func<string, string> escape)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(escape);
        string result = escape(text);
        foreach ((string marker, string reference) in Pairs)
        {
            result = result.Replace(marker, reference, StringComparison.Ordinal);
        }

        return result;
    }
}
