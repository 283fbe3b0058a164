namespace IcaKms.Core.Policies;

/// <summary>The shape of an IAM action: <c>service:action</c>, or <c>*</c> for every action of every service.</summary>
internal static class ActionName
{
    /// <summary>True for <c>*</c> or <c>service:action</c> (one colon, no whitespace, both parts non-empty).</summary>
    public static bool IsValid(string action)
    {
        if (action == "*")
        {
            return true;
        }

        int colon = action.IndexOf(':', StringComparison.Ordinal);
        return colon > 0
            && colon < action.Length - 1
            && action.IndexOf(':', colon + 1) < 0
            && !action.Any(char.IsWhiteSpace);
    }

    /// <summary>The service prefix of a valid action in lower case; <c>*</c> for <c>*</c>.</summary>
    public static string PrefixOf(string action) =>
        action == "*" ? "*" : action[..action.IndexOf(':', StringComparison.Ordinal)].ToLowerInvariant();

    /// <summary>True when the action pattern can match actions of the service (e.g. <c>s3:*</c>, <c>s*:Get*</c>, <c>*</c> for <c>s3</c>).</summary>
    public static bool CoversService(string action, string service) =>
        IsValid(action) && IamGlob.Matches(PrefixOf(action), service, ignoreCase: true);
}
