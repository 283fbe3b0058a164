namespace IcaKms.Core.Aws;

/// <summary>One IAM Query action about one resource, with the sentence to say when the resource does not exist.</summary>
/// <param name="Action">The Query action, e.g. <c>GetPolicy</c>.</param>
/// <param name="Resource">The policy ARN or user name the call is about.</param>
/// <param name="NotFoundMessage">What to tell the admin when IAM answers NoSuchEntity.</param>
internal sealed record IamCall(string Action, string Resource, string NotFoundMessage)
{
    /// <summary>The IAM permission the call needs, e.g. <c>iam:GetPolicy</c>.</summary>
    public string Permission => "iam:" + Action;
}
