namespace IcaKms.Core.Policies.Evaluation;

/// <summary>"May <paramref name="Principal"/> do <paramref name="Action"/> on <paramref name="Resource"/>?"</summary>
/// <param name="Principal">Who asks.</param>
/// <param name="Action">The action, e.g. <c>kms:Decrypt</c>.</param>
/// <param name="Resource">The resource ARN, e.g. the key ARN or an object ARN.</param>
/// <param name="Context">The request-context keys known for this request.</param>
public sealed record AccessRequest(RequestPrincipal Principal, string Action, string Resource, RequestContext Context);
