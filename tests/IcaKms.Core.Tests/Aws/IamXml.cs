using System.Security;

namespace IcaKms.Core.Tests.Aws;

/// <summary>IAM Query API answers, shaped as the IAM API reference documents them.</summary>
internal static class IamXml
{
    public const string Namespace = "https://iam.amazonaws.com/doc/2010-05-08/";

    public static string GetPolicy(string policyArn, string defaultVersionId) => $"""
        <GetPolicyResponse xmlns="{Namespace}">
          <GetPolicyResult>
            <Policy>
              <PolicyName>{Escape(policyArn.Split('/')[^1])}</PolicyName>
              <DefaultVersionId>{defaultVersionId}</DefaultVersionId>
              <PolicyId>ANPAEXAMPLE1234567890</PolicyId>
              <Path>/</Path>
              <Arn>{Escape(policyArn)}</Arn>
              <AttachmentCount>1</AttachmentCount>
              <IsAttachable>true</IsAttachable>
              <CreateDate>2024-01-02T03:04:05Z</CreateDate>
              <UpdateDate>2024-01-02T03:04:05Z</UpdateDate>
            </Policy>
          </GetPolicyResult>
          <ResponseMetadata>
            <RequestId>684f0917-3d22-11e4-a4a0-cffb9EXAMPLE</RequestId>
          </ResponseMetadata>
        </GetPolicyResponse>
        """;

    /// <summary>A GetPolicyVersion answer; <paramref name="encodedDocument"/> is put in as given (IAM URL-encodes it).</summary>
    public static string GetPolicyVersion(string versionId, string encodedDocument) => $"""
        <GetPolicyVersionResponse xmlns="{Namespace}">
          <GetPolicyVersionResult>
            <PolicyVersion>
              <Document>{Escape(encodedDocument)}</Document>
              <IsDefaultVersion>true</IsDefaultVersion>
              <VersionId>{versionId}</VersionId>
              <CreateDate>2024-01-02T03:04:05Z</CreateDate>
            </PolicyVersion>
          </GetPolicyVersionResult>
          <ResponseMetadata>
            <RequestId>d472f28e-3d23-11e4-a4a0-cffb9EXAMPLE</RequestId>
          </ResponseMetadata>
        </GetPolicyVersionResponse>
        """;

    public static string ListAttachedUserPolicies(IEnumerable<(string Name, string Arn)> policies, string? nextMarker)
    {
        string members = string.Concat(policies.Select(p =>
            $"<member><PolicyName>{Escape(p.Name)}</PolicyName><PolicyArn>{Escape(p.Arn)}</PolicyArn></member>"));
        string truncation = nextMarker is null
            ? "<IsTruncated>false</IsTruncated>"
            : $"<IsTruncated>true</IsTruncated><Marker>{Escape(nextMarker)}</Marker>";
        return $"""
            <ListAttachedUserPoliciesResponse xmlns="{Namespace}">
              <ListAttachedUserPoliciesResult>
                <AttachedPolicies>{members}</AttachedPolicies>
                {truncation}
              </ListAttachedUserPoliciesResult>
              <ResponseMetadata>
                <RequestId>75980e78-3d23-11e4-a4a0-cffb9EXAMPLE</RequestId>
              </ResponseMetadata>
            </ListAttachedUserPoliciesResponse>
            """;
    }

    /// <summary>A list answer (ListUserPolicies, ListGroupPolicies, ListGroupsForUser, ListAttachedGroupPolicies) with its members' XML.</summary>
    public static string List(string action, string listElement, IEnumerable<string> membersXml, string? nextMarker)
    {
        string truncation = nextMarker is null
            ? "<IsTruncated>false</IsTruncated>"
            : $"<IsTruncated>true</IsTruncated><Marker>{Escape(nextMarker)}</Marker>";
        return $"""
            <{action}Response xmlns="{Namespace}">
              <{action}Result>
                <{listElement}>{string.Concat(membersXml.Select(m => $"<member>{m}</member>"))}</{listElement}>
                {truncation}
              </{action}Result>
              <ResponseMetadata>
                <RequestId>7a62c49f-347e-4fc4-9331-6e8eEXAMPLE</RequestId>
              </ResponseMetadata>
            </{action}Response>
            """;
    }

    /// <summary>A policy name list member.</summary>
    public static string Name(string name) => Escape(name);

    /// <summary>A ListGroupsForUser member, as IAM answers it.</summary>
    public static string Group(string name) =>
        $"<Path>/</Path><GroupName>{Escape(name)}</GroupName><GroupId>AGPAEXAMPLE1234567890</GroupId><Arn>arn:aws:iam::123456789012:group/{Escape(name)}</Arn><CreateDate>2024-01-02T03:04:05Z</CreateDate>";

    /// <summary>A GetUserPolicy / GetGroupPolicy answer; <paramref name="encodedDocument"/> is put in as given (IAM URL-encodes it).</summary>
    public static string GetInlinePolicy(string action, string subjectElement, string subject, string policyName, string encodedDocument) => $"""
        <{action}Response xmlns="{Namespace}">
          <{action}Result>
            <{subjectElement}>{Escape(subject)}</{subjectElement}>
            <PolicyName>{Escape(policyName)}</PolicyName>
            <PolicyDocument>{Escape(encodedDocument)}</PolicyDocument>
          </{action}Result>
          <ResponseMetadata>
            <RequestId>7e7cd8bc-99ef-11e1-a4c3-27EXAMPLE804</RequestId>
          </ResponseMetadata>
        </{action}Response>
        """;

    public static string Error(string code, string message, string type = "Sender") => $"""
        <ErrorResponse xmlns="{Namespace}">
          <Error>
            <Type>{type}</Type>
            <Code>{Escape(code)}</Code>
            <Message>{Escape(message)}</Message>
          </Error>
          <RequestId>4c4ee5c8-3d24-11e4-a4a0-cffb9EXAMPLE</RequestId>
        </ErrorResponse>
        """;

    private static string Escape(string text) => SecurityElement.Escape(text);
}
