using System.Text;

namespace IcaKms.Core.Policies.Evaluation;

/// <summary>
/// Replaces policy variables (<c>${aws:username}</c>, <c>${aws:PrincipalTag/team}</c>, and the escapes <c>${*}</c>,
/// <c>${?}</c>, <c>${$}</c>) in a <c>Resource</c> or condition value with the request's values (IAM User Guide,
/// "IAM policy elements: Variables and tags"). A variable whose key is absent makes the value match nothing; one whose key
/// is not known here leaves the match open.
/// </summary>
internal static class PolicyVariables
{
    /// <summary>The text with its variables replaced, or null when a variable's key is absent or unknown (<paramref name="open"/> names an unknown key).</summary>
    public static string? Substitute(string text, RequestContext context, out string? open)
    {
        open = null;
        if (!text.Contains("${", StringComparison.Ordinal))
        {
            return text;
        }

        var result = new StringBuilder(text.Length);
        int i = 0;
        while (i < text.Length)
        {
            int start = text.IndexOf("${", i, StringComparison.Ordinal);
            int end = start < 0 ? -1 : text.IndexOf('}', start + 2);
            if (start < 0 || end < 0)
            {
                result.Append(text, i, text.Length - i);
                break;
            }

            result.Append(text, i, start - i);
            string name = text[(start + 2)..end];
            string? value = Value(name, context, ref open);
            if (value is null)
            {
                return null;
            }

            result.Append(value);
            i = end + 1;
        }

        return result.ToString();
    }

    private static string? Value(string name, RequestContext context, ref string? open)
    {
        if (name is "*" or "?" or "$")
        {
            // The escapes stand for the literal character (so a "*" here is a literal star, not a wildcard: IAM's own caveat).
            return name;
        }

        // ${key, 'default'}: the default when the key is absent.
        string key = name;
        string? fallback = null;
        int comma = name.IndexOf(',', StringComparison.Ordinal);
        if (comma > 0)
        {
            key = name[..comma].Trim();
            fallback = name[(comma + 1)..].Trim().Trim('\'');
        }

        ContextValue value = context.Get(key);
        if (!value.IsKnown)
        {
            open ??= key;
            return null;
        }

        return value.Values.Count > 0 ? value.Values[0] : fallback;
    }
}
