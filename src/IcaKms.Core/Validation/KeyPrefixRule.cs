using System.Text;

namespace IcaKms.Core.Validation;

/// <summary>
/// ICA's key prefix (the bucket folder to connect): optional, no leading <c>/</c>, ends with <c>/</c>
/// (ICA API pattern <c>^(?!\/).*\/$</c>), no <c>./</c> (ICA help "AWS S3").
/// </summary>
public static class KeyPrefixRule
{
    /// <summary>The longest prefix accepted, in UTF-8 bytes: S3 keys stop at 1,024, leaving room for object names.</summary>
    public const int MaxBytes = 1000;

    /// <summary>The most characters checked: longer text is refused as too long (it could never fit in <see cref="MaxBytes"/>).</summary>
    public const int MaxInputLength = InputLimits.KeyPrefix;

    /// <summary>The warning for an empty prefix.</summary>
    public const string BucketRootWarning =
        "Without a prefix ICA connects the bucket root, which blocks the bucket for other ICA projects: connecting a folder such as 'ica/' is recommended.";

    // S3 user guide "object-keys": characters to avoid (the backslash is refused outright).
    private static readonly char[] CharactersToAvoid = ['{', '}', '^', '%', '`', '[', ']', '"', '<', '>', '~', '#', '|'];

    /// <summary>Checks a key prefix; the value is the trimmed prefix with a trailing <c>/</c>, or empty for the bucket root.</summary>
    /// <param name="input">What the user typed; empty means the bucket root.</param>
    public static FieldValidation Validate(string? input)
    {
        if (string.IsNullOrWhiteSpace(input))
        {
            return FieldValidation.Ok("", BucketRootWarning);
        }

        if (InputLimits.Check(input, MaxInputLength, "The prefix") is { } tooLong)
        {
            return tooLong;
        }

        string prefix = input.Trim();
        string? error = FindCharacterError(prefix) ?? FindPathError(prefix);
        if (error is not null)
        {
            return FieldValidation.Fail(input, error);
        }

        string normalized = prefix.EndsWith('/') ? prefix : prefix + "/";
        int bytes = Encoding.UTF8.GetByteCount(normalized);
        if (bytes > MaxBytes)
        {
            return FieldValidation.Fail(input, $"The prefix is {bytes} bytes long: keep it within {MaxBytes} bytes, since S3 object keys stop at 1,024.");
        }

        int awkward = normalized.IndexOfAny(CharactersToAvoid);
        return awkward < 0
            ? FieldValidation.Ok(normalized)
            : FieldValidation.Ok(normalized, $"The prefix contains {InputText.DescribeAt(normalized, awkward)}, which S3 advises avoiding in keys because many tools mishandle it: prefer letters, digits, '-', '_' and '.'.");
    }

    private static string? FindCharacterError(string prefix)
    {
        for (int i = 0; i < prefix.Length; i++)
        {
            char c = prefix[i];
            if (char.IsHighSurrogate(c) && i + 1 < prefix.Length && char.IsLowSurrogate(prefix[i + 1]))
            {
                i++;
            }
            else if (InputText.IsInvisible(c) || char.IsSurrogate(c))
            {
                return $"The prefix contains {InputText.DescribeAt(prefix, i)}: remove it and type the folder name again.";
            }
            else if (c == '\\')
            {
                return "The prefix contains a backslash '\\': S3 folders are separated by '/'.";
            }
        }

        return FindWildcardError(prefix);
    }

    // In an IAM Resource '*' and '?' are wildcards and '${…}' a policy variable: the prefix-scoped policy
    // (arn:aws:s3:::bucket/prefix*) would grant other keys than the folder's, so they are refused in every prefix.
    private static string? FindWildcardError(string prefix)
    {
        int variable = prefix.IndexOf("${", StringComparison.Ordinal);
        if (variable >= 0)
        {
            return "The prefix contains '${', which starts a policy variable in an IAM policy's Resource: the policy scoped to this prefix would grant another folder than this one. Name the folder without '${'.";
        }

        int wildcard = prefix.IndexOfAny(['*', '?']);
        return wildcard < 0
            ? null
            : $"The prefix contains {InputText.DescribeAt(prefix, wildcard)}, a wildcard in an IAM policy's Resource: the policy scoped to this prefix would grant other folders than this one. Name the folder without '*' or '?'.";
    }

    private static string? FindPathError(string prefix)
    {
        if (prefix.StartsWith("s3://", StringComparison.OrdinalIgnoreCase))
        {
            return "Enter only the folder inside the bucket (such as 'ica/'), not an s3:// address.";
        }

        if (prefix.StartsWith('/'))
        {
            return "The prefix must not start with '/': write 'folder/' rather than '/folder/'.";
        }

        string[] segments = (prefix.EndsWith('/') ? prefix[..^1] : prefix).Split('/');
        if (segments.Contains(""))
        {
            return "The prefix contains an empty folder ('//'): use a single '/' between folder names.";
        }

        if (segments.Contains("."))
        {
            return "ICA does not allow './' in the prefix: name the folder itself, such as 'folder/'.";
        }

        return segments.Contains("..") ? "The prefix must not contain '..' folders: name the folder itself, such as 'folder/'." : null;
    }
}
