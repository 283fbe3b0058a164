namespace IcaKms.Core.Setup;

/// <summary>
/// One change IcaKms can make to the live setup, planned from an inspection and applied only after the person
/// confirmed it. Each kind carries exactly what its write needs; <see cref="Title"/> says it in words, and
/// <see cref="Before"/>/<see cref="After"/> hold the documents it replaces, when it replaces one.
/// </summary>
public abstract record SetupChange
{
    /// <summary>What the change does, in one line ("Create the bucket lab-data in us-east-1").</summary>
    public abstract string Title { get; }

    /// <summary>The IAM permission the write needs, named in the message when AWS refuses it.</summary>
    public abstract string Permission { get; }

    /// <summary>The bucket, key, user or policy the change is about.</summary>
    public abstract string Resource { get; }

    /// <summary>The document (JSON) the change replaces, or null when it creates something or has no document.</summary>
    public string? Before { get; init; }

    /// <summary>The document (JSON) the change writes, or null when it has no document.</summary>
    public string? After { get; init; }
}

/// <summary>Creates a symmetric, customer managed KMS key in the region, with an alias and a description.</summary>
public sealed record CreateKeyChange(string Region, string Alias, string Description) : SetupChange
{
    /// <inheritdoc />
    public override string Title => $"Create a symmetric customer managed KMS key in {Region}, named {Alias}";

    /// <inheritdoc />
    public override string Permission => "kms:CreateKey";

    /// <inheritdoc />
    public override string Resource => Alias;
}

/// <summary>Creates the bucket in the region.</summary>
public sealed record CreateBucketChange(string Bucket, string Region) : SetupChange
{
    /// <inheritdoc />
    public override string Title => $"Create the bucket {Bucket} in {Region}";

    /// <inheritdoc />
    public override string Permission => "s3:CreateBucket";

    /// <inheritdoc />
    public override string Resource => Bucket;
}

/// <summary>Sets the bucket's default encryption to SSE-KMS with the full key ARN and Bucket Key on, keeping blocked types.</summary>
public sealed record SetDefaultEncryptionChange(string Bucket, string KeyArn, IReadOnlyList<string> BlockedEncryptionTypes) : SetupChange
{
    /// <inheritdoc />
    public override string Title => $"Set the default encryption of {Bucket} to SSE-KMS with {KeyArn}, Bucket Key on";

    /// <inheritdoc />
    public override string Permission => "s3:PutEncryptionConfiguration";

    /// <inheritdoc />
    public override string Resource => Bucket;
}

/// <summary>Turns on all four Block Public Access settings of the bucket.</summary>
public sealed record BlockPublicAccessChange(string Bucket) : SetupChange
{
    /// <inheritdoc />
    public override string Title => $"Turn on all four Block Public Access settings of {Bucket}";

    /// <inheritdoc />
    public override string Permission => "s3:PutBucketPublicAccessBlock";

    /// <inheritdoc />
    public override string Resource => Bucket;
}

/// <summary>Sets Object Ownership to "Bucket owner enforced" (ACLs off).</summary>
public sealed record EnforceBucketOwnerChange(string Bucket) : SetupChange
{
    /// <inheritdoc />
    public override string Title => $"Set Object Ownership of {Bucket} to Bucket owner enforced";

    /// <inheritdoc />
    public override string Permission => "s3:PutBucketOwnershipControls";

    /// <inheritdoc />
    public override string Resource => Bucket;
}

/// <summary>Creates the prefix folder object, encrypted with the key.</summary>
public sealed record CreatePrefixFolderChange(string Bucket, string Prefix, string KeyArn) : SetupChange
{
    /// <inheritdoc />
    public override string Title => $"Create the folder {Prefix} in {Bucket}, encrypted with {KeyArn}";

    /// <inheritdoc />
    public override string Permission => "s3:PutObject";

    /// <inheritdoc />
    public override string Resource => $"{Bucket}/{Prefix}";
}

/// <summary>Creates the IAM user whose access key ICA will hold.</summary>
public sealed record CreateIamUserChange(string UserName) : SetupChange
{
    /// <inheritdoc />
    public override string Title => $"Create the IAM user {UserName}";

    /// <inheritdoc />
    public override string Permission => "iam:CreateUser";

    /// <inheritdoc />
    public override string Resource => UserName;
}

/// <summary>Creates the managed policy with the spec's document.</summary>
public sealed record CreateIamPolicyChange(string PolicyName, string PolicyArn, Policies.PolicyDocument Document) : SetupChange
{
    /// <inheritdoc />
    public override string Title => $"Create the managed policy {PolicyName} with the IAM policy of step 2";

    /// <inheritdoc />
    public override string Permission => "iam:CreatePolicy";

    /// <inheritdoc />
    public override string Resource => PolicyArn;
}

/// <summary>Deletes a non-default version of a policy that already has five, so a new one fits.</summary>
public sealed record DeletePolicyVersionChange(string PolicyArn, string VersionId) : SetupChange
{
    /// <inheritdoc />
    public override string Title => $"Delete version {VersionId} of {PolicyArn} (the oldest that is not the default): IAM keeps at most five versions";

    /// <inheritdoc />
    public override string Permission => "iam:DeletePolicyVersion";

    /// <inheritdoc />
    public override string Resource => PolicyArn;
}

/// <summary>Adds the spec's document as the new default version of an existing policy.</summary>
public sealed record AddPolicyVersionChange(string PolicyArn, Policies.PolicyDocument Document) : SetupChange
{
    /// <inheritdoc />
    public override string Title => $"Make the IAM policy of step 2 the new default version of {PolicyArn}";

    /// <inheritdoc />
    public override string Permission => "iam:CreatePolicyVersion";

    /// <inheritdoc />
    public override string Resource => PolicyArn;
}

/// <summary>Attaches the managed policy to the IAM user.</summary>
public sealed record AttachPolicyChange(string UserName, string PolicyArn) : SetupChange
{
    /// <inheritdoc />
    public override string Title => $"Attach {PolicyArn} to the IAM user {UserName}";

    /// <inheritdoc />
    public override string Permission => "iam:AttachUserPolicy";

    /// <inheritdoc />
    public override string Resource => UserName;
}

/// <summary>Writes the key policy with the spec's cross-account statement merged in (every other statement kept).</summary>
public sealed record MergeKeyPolicyChange(string KeyArn, string RoleArn) : SetupChange
{
    /// <inheritdoc />
    public override string Title => $"Add the spec's cross-account statement for {RoleArn} to the key policy of {KeyArn}, keeping every other statement";

    /// <inheritdoc />
    public override string Permission => "kms:PutKeyPolicy";

    /// <inheritdoc />
    public override string Resource => KeyArn;
}

/// <summary>Writes back the key policy a merge replaced (the one-click restore of this session).</summary>
public sealed record RestoreKeyPolicyChange(string KeyArn) : SetupChange
{
    /// <inheritdoc />
    public override string Title => $"Restore the key policy of {KeyArn} as it was before IcaKms changed it";

    /// <inheritdoc />
    public override string Permission => "kms:PutKeyPolicy";

    /// <inheritdoc />
    public override string Resource => KeyArn;
}
