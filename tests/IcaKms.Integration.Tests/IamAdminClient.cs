using System.Net;
using System.Xml;
using System.Xml.Linq;
using Amazon;
using Amazon.Runtime;
using Amazon.Runtime.Signing;
using IcaKms.Core.Aws;
using IcaKms.Core.Adapters.Aws;

namespace IcaKms.Integration.Tests;

/// <summary>
/// The IAM writes the tests need to set up a user with a policy, attached, inline or through a group (the app's <see cref="IamQueryClient"/> only reads):
/// IAM's Query API signed with SigV4 for <c>iam</c> in <c>us-east-1</c>, as <see cref="IamQueryClient.Create"/> does.
/// </summary>
internal sealed class IamAdminClient : IDisposable
{
    private const string ApiVersion = "2010-05-08";

    private static readonly XmlReaderSettings SafeXml = new() { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null };

    private readonly HttpClient _http;

    private IamAdminClient(HttpClient http)
    {
        _http = http;
    }

    /// <summary>A client for the endpoint (IAM's global one when null); the commercial partition only.</summary>
    public static IamAdminClient Create(AWSCredentials credentials, Uri? endpoint)
    {
        var signer = new SigV4SigningHandler(
            credentials,
            RegionEndpoint.USEast1,
            "iam",
            new SocketsHttpHandler { AllowAutoRedirect = false });
        return new IamAdminClient(new HttpClient(signer)
        {
            BaseAddress = endpoint ?? IamQueryClient.DefaultEndpoint,
            Timeout = TimeSpan.FromSeconds(30),
        });
    }

    public Task CreateUserAsync(string userName, CancellationToken cancellationToken) =>
        CallAsync("CreateUser", [new("UserName", userName)], cancellationToken);

    /// <summary>Creates a managed policy and returns its ARN.</summary>
    public async Task<string> CreatePolicyAsync(string policyName, string document, CancellationToken cancellationToken)
    {
        XElement result = await CallAsync("CreatePolicy", [new("PolicyName", policyName), new("PolicyDocument", document)], cancellationToken);
        return result.Descendants().FirstOrDefault(e => e.Name.LocalName == "Arn")?.Value
            ?? throw new InvalidOperationException("IAM CreatePolicy answered without the policy's Arn.");
    }

    public Task AttachUserPolicyAsync(string userName, string policyArn, CancellationToken cancellationToken) =>
        CallAsync("AttachUserPolicy", [new("UserName", userName), new("PolicyArn", policyArn)], cancellationToken);

    public Task DetachUserPolicyAsync(string userName, string policyArn, CancellationToken cancellationToken) =>
        CallAsync("DetachUserPolicy", [new("UserName", userName), new("PolicyArn", policyArn)], cancellationToken);

    public Task DeletePolicyAsync(string policyArn, CancellationToken cancellationToken) =>
        CallAsync("DeletePolicy", [new("PolicyArn", policyArn)], cancellationToken);

    public Task DeleteUserAsync(string userName, CancellationToken cancellationToken) =>
        CallAsync("DeleteUser", [new("UserName", userName)], cancellationToken);

    public Task CreateGroupAsync(string groupName, CancellationToken cancellationToken) =>
        CallAsync("CreateGroup", [new("GroupName", groupName)], cancellationToken);

    public Task DeleteGroupAsync(string groupName, CancellationToken cancellationToken) =>
        CallAsync("DeleteGroup", [new("GroupName", groupName)], cancellationToken);

    public Task AddUserToGroupAsync(string groupName, string userName, CancellationToken cancellationToken) =>
        CallAsync("AddUserToGroup", [new("GroupName", groupName), new("UserName", userName)], cancellationToken);

    public Task RemoveUserFromGroupAsync(string groupName, string userName, CancellationToken cancellationToken) =>
        CallAsync("RemoveUserFromGroup", [new("GroupName", groupName), new("UserName", userName)], cancellationToken);

    public Task AttachGroupPolicyAsync(string groupName, string policyArn, CancellationToken cancellationToken) =>
        CallAsync("AttachGroupPolicy", [new("GroupName", groupName), new("PolicyArn", policyArn)], cancellationToken);

    public Task DetachGroupPolicyAsync(string groupName, string policyArn, CancellationToken cancellationToken) =>
        CallAsync("DetachGroupPolicy", [new("GroupName", groupName), new("PolicyArn", policyArn)], cancellationToken);

    /// <summary>Creates or replaces an inline policy of the user.</summary>
    public Task PutUserPolicyAsync(string userName, string policyName, string document, CancellationToken cancellationToken) =>
        CallAsync("PutUserPolicy", [new("UserName", userName), new("PolicyName", policyName), new("PolicyDocument", document)], cancellationToken);

    public Task DeleteUserPolicyAsync(string userName, string policyName, CancellationToken cancellationToken) =>
        CallAsync("DeleteUserPolicy", [new("UserName", userName), new("PolicyName", policyName)], cancellationToken);

    /// <summary>Creates or replaces an inline policy of the group.</summary>
    public Task PutGroupPolicyAsync(string groupName, string policyName, string document, CancellationToken cancellationToken) =>
        CallAsync("PutGroupPolicy", [new("GroupName", groupName), new("PolicyName", policyName), new("PolicyDocument", document)], cancellationToken);

    public Task DeleteGroupPolicyAsync(string groupName, string policyName, CancellationToken cancellationToken) =>
        CallAsync("DeleteGroupPolicy", [new("GroupName", groupName), new("PolicyName", policyName)], cancellationToken);

    public void Dispose() => _http.Dispose();

    /// <summary>Posts one action; returns the response's root element, or throws with IAM's error code and message.</summary>
    private async Task<XElement> CallAsync(string action, KeyValuePair<string, string>[] parameters, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, _http.BaseAddress)
        {
            Content = new FormUrlEncodedContent([new("Action", action), .. parameters, new("Version", ApiVersion)]),
        };
        using HttpResponseMessage response = await _http.SendAsync(request, cancellationToken);
        string body = await response.Content.ReadAsStringAsync(cancellationToken);
        XElement? root = Parse(body);
        if (response.IsSuccessStatusCode && root is not null)
        {
            return root;
        }

        string code = Child(root, "Code") ?? (response.StatusCode == HttpStatusCode.NotImplemented ? "NotImplemented" : "no error code");
        throw new InvalidOperationException(
            $"IAM {action} answered {(int)response.StatusCode} {code}: {Child(root, "Message") ?? "no message"} (set {IntegrationSettings.SkipIamVariable}=1 if the endpoint has no IAM).");
    }

    private static string? Child(XElement? root, string name) => root?.Descendants().FirstOrDefault(e => e.Name.LocalName == name)?.Value;

    private static XElement? Parse(string body)
    {
        if (string.IsNullOrWhiteSpace(body))
        {
            return null;
        }

        try
        {
            using var text = new StringReader(body);
            using var reader = XmlReader.Create(text, SafeXml);
            return XDocument.Load(reader).Root;
        }
        catch (XmlException)
        {
            return null;
        }
    }
}
