using IcaKms.Core.Aws;

namespace IcaKms.FakeAws;

/// <summary>
/// The AWS account <see cref="FakeAwsServer"/> plays: one bucket, its KMS keys, IAM users and policies, and the
/// access keys it accepts. The defaults describe one ready setup (an SSE-KMS bucket with a customer managed key and
/// the spec's IAM policy attached to the ICA user); the defaults that name other values (the key ARN names
/// <see cref="Region"/> and <see cref="AccountId"/>, the IAM policy names <see cref="BucketName"/> and follows
/// <see cref="Versioning"/>) follow them until set explicitly, so <c>new FakeAwsScenario { Region = "eu-west-2" }</c>
/// stays coherent.
/// </summary>
public sealed record FakeAwsScenario
{
    /// <summary>The default account id.</summary>
    public const string DefaultAccountId = "111122223333";

    /// <summary>The default region (of the bucket, the key and the calls).</summary>
    public const string DefaultRegion = "us-east-1";

    /// <summary>The default bucket name.</summary>
    public const string DefaultBucketName = "ica-lab-data";

    /// <summary>The id of the default key.</summary>
    public const string DefaultKeyId = "1234abcd-12ab-34cd-56ef-1234567890ab";

    /// <summary>The alias of the default key.</summary>
    public const string DefaultKeyAlias = "alias/ica-lab-data";

    /// <summary>The IAM user ICA uses, in the default <see cref="UserPolicies"/>.</summary>
    public const string DefaultIamUserName = "ica-storage";

    /// <summary>The name of the managed policy attached to <see cref="DefaultIamUserName"/>.</summary>
    public const string DefaultPolicyName = "ica-sse-kms";

    /// <summary>The access key id of the default <see cref="Credentials"/> (temporary credentials: pair it with any secret and token).</summary>
    public const string DefaultAccessKeyId = "ASIAFAKEADMIN0000001";

    /// <summary>The ICA cross-account role for us-east-1 (DOMAIN.md), named in the default key policy there.</summary>
    public const string UsEast1CrossAccountRoleArn = "arn:aws:iam::079623148045:role/ica_use1_crossacct";

    /// <summary>The ICA cross-account role for ap-southeast-2 (DOMAIN.md), named in the default key policy there.</summary>
    public const string ApSoutheast2CrossAccountRoleArn = "arn:aws:iam::079623148045:role/ica_aps2_crossacct";

    private readonly string? _bucketRegion;
    private readonly BucketEncryption? _encryption;
    private readonly bool _encryptionSet;
    private readonly IReadOnlyList<FakeKmsKey>? _keys;
    private readonly IReadOnlyDictionary<string, IReadOnlyList<string>>? _userPolicies;
    private readonly IReadOnlyDictionary<string, string>? _policyDocuments;
    private readonly IReadOnlyDictionary<string, string>? _credentials;

    /// <summary>The 12-digit account id (default <see cref="DefaultAccountId"/>).</summary>
    public string AccountId { get; init; } = DefaultAccountId;

    /// <summary>
    /// The region the account's KMS keys are listed in when a request carries no SigV4 scope (default
    /// <see cref="DefaultRegion"/>). Signed requests are answered for the region they are signed for: KMS shows only
    /// the keys of that region, as AWS does.
    /// </summary>
    public string Region { get; init; } = DefaultRegion;

    /// <summary>The bucket's name (default <see cref="DefaultBucketName"/>); any other bucket is NoSuchBucket until CreateBucket makes it.</summary>
    public string BucketName { get; init; } = DefaultBucketName;

    /// <summary>
    /// Whether <see cref="BucketName"/> exists at the start (default true). False plays an account without the bucket:
    /// every bucket call answers NoSuchBucket until CreateBucket makes it (the bucket settings of this scenario then
    /// play no part: a new bucket gets S3's defaults).
    /// </summary>
    public bool BucketExists { get; init; } = true;

    /// <summary>
    /// Bucket names owned by other accounts (default none): CreateBucket answers 409 <c>BucketAlreadyExists</c>, any
    /// other call 403 <c>AccessDenied</c>.
    /// </summary>
    public IReadOnlySet<string> TakenBucketNames { get; init; } = new HashSet<string>(StringComparer.Ordinal);

    /// <summary>
    /// The bucket's region (default: <see cref="Region"/>). HeadBucket answers it in <c>x-amz-bucket-region</c>; a
    /// HeadBucket signed for another region gets S3's 301 with that header, other bucket calls S3's 400
    /// <c>AuthorizationHeaderMalformed</c>.
    /// </summary>
    public string BucketRegion
    {
        get => _bucketRegion ?? Region;
        init => _bucketRegion = value;
    }

    /// <summary>The versioning status: null (never enabled, the default), <c>Enabled</c> or <c>Suspended</c>.</summary>
    public string? Versioning { get; init; }

    /// <summary>The bucket policy JSON, or null for none (the default; GetBucketPolicy answers <c>NoSuchBucketPolicy</c>).</summary>
    public string? BucketPolicy { get; init; }

    /// <summary>
    /// The default encryption rule, or null for none (GetBucketEncryption's
    /// <c>ServerSideEncryptionConfigurationNotFoundError</c>). Default: <c>aws:kms</c> with <see cref="DefaultKeyArn"/>
    /// and Bucket Key on.
    /// </summary>
    public BucketEncryption? Encryption
    {
        get => _encryptionSet ? _encryption : new BucketEncryption("aws:kms", DefaultKeyArn, true, []);
        init
        {
            _encryption = value;
            _encryptionSet = true;
        }
    }

    /// <summary>
    /// The object ownership (default <c>BucketOwnerEnforced</c>), or null for none
    /// (<c>OwnershipControlsNotFoundError</c>).
    /// </summary>
    public string? ObjectOwnership { get; init; } = "BucketOwnerEnforced";

    /// <summary>
    /// The public access block (default: all four on), or null for none (<c>NoSuchPublicAccessBlockConfiguration</c>).
    /// </summary>
    public PublicAccessBlock? PublicAccessBlock { get; init; } = new(true, true, true, true);

    /// <summary>
    /// The object keys in the bucket, typically folder markers such as <c>ica/</c> (the default); ListObjectsV2 lists
    /// them, so a prefix exists when a key starts with it.
    /// </summary>
    public IReadOnlyList<string> ExistingPrefixes { get; init; } = ["ica/"];

    /// <summary>The account's KMS keys, in every region (default: one customer managed key, <see cref="DefaultKey"/>).</summary>
    public IReadOnlyList<FakeKmsKey> Keys
    {
        get => _keys ?? [DefaultKey];
        init => _keys = value ?? throw new ArgumentNullException(nameof(value));
    }

    /// <summary>
    /// IAM user name → the ARNs of its attached managed policies (default: <see cref="DefaultIamUserName"/> →
    /// <see cref="DefaultPolicyArn"/>). A user not listed does not exist.
    /// </summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> UserPolicies
    {
        get => _userPolicies ?? new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal) { [DefaultIamUserName] = [DefaultPolicyArn] };
        init => _userPolicies = value ?? throw new ArgumentNullException(nameof(value));
    }

    /// <summary>
    /// IAM user name → its inline policies (policy name → JSON); default none. ListUserPolicies lists the names of a
    /// user of <see cref="UserPolicies"/>, GetUserPolicy answers the document.
    /// </summary>
    public IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> UserInlinePolicies { get; init; } =
        new Dictionary<string, IReadOnlyDictionary<string, string>>(StringComparer.Ordinal);

    /// <summary>
    /// IAM group name → the ARNs of its attached managed policies; default none. A group not listed does not exist
    /// (NoSuchEntity).
    /// </summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Groups { get; init; } =
        new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);

    /// <summary>IAM user name → the groups it is in (ListGroupsForUser); default none.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> GroupMemberships { get; init; } =
        new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);

    /// <summary>IAM group name → its inline policies (policy name → JSON); default none.</summary>
    public IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> GroupInlinePolicies { get; init; } =
        new Dictionary<string, IReadOnlyDictionary<string, string>>(StringComparer.Ordinal);

    /// <summary>
    /// Managed policy ARN → the JSON of its default version (<c>v1</c>). Default: <see cref="DefaultPolicyArn"/> → the
    /// spec's policy for <see cref="BucketName"/> and <see cref="DefaultKeyArn"/>, versioned variant when
    /// <see cref="Versioning"/> is set. A policy not listed does not exist (NoSuchEntity), AWS managed ones included.
    /// IAM writes (CreateUser, CreatePolicy, CreatePolicyVersion, …) start from this, <see cref="UserPolicies"/> and
    /// <see cref="Groups"/>, and change only the server's copy.
    /// </summary>
    public IReadOnlyDictionary<string, string> PolicyDocuments
    {
        get => _policyDocuments ?? new Dictionary<string, string>(StringComparer.Ordinal) { [DefaultPolicyArn] = SpecIamPolicy(BucketName, DefaultKeyArn, Versioning is not null) };
        init => _policyDocuments = value ?? throw new ArgumentNullException(nameof(value));
    }

    /// <summary>
    /// Access key id → the caller's ARN, which STS GetCallerIdentity answers for that key (default:
    /// <see cref="DefaultAccessKeyId"/> → an assumed role of <see cref="AccountId"/>). A request signed with any other
    /// key id, or not signed, is refused by every service as AWS refuses it (e.g. 403 <c>InvalidClientTokenId</c>).
    /// Signatures are not verified: any secret goes.
    /// </summary>
    public IReadOnlyDictionary<string, string> Credentials
    {
        get => _credentials ?? new Dictionary<string, string>(StringComparer.Ordinal) { [DefaultAccessKeyId] = DefaultCallerArn };
        init => _credentials = value ?? throw new ArgumentNullException(nameof(value));
    }

    /// <summary>
    /// IAM actions every caller is denied, e.g. <c>kms:GetKeyPolicy</c> or <c>s3:GetEncryptionConfiguration</c> (an
    /// S3 call is matched by the action it needs: HeadBucket and ListObjectsV2 need <c>s3:ListBucket</c>). Default none.
    /// </summary>
    public IReadOnlySet<string> DeniedActions { get; init; } = new HashSet<string>(StringComparer.Ordinal);

    /// <summary>A delay added to every answer (default zero), for benchmarks of parallel calls.</summary>
    public TimeSpan Latency { get; init; } = TimeSpan.Zero;

    /// <summary>The ARN of the default key, in <see cref="Region"/> and <see cref="AccountId"/>.</summary>
    public string DefaultKeyArn => $"arn:aws:kms:{Region}:{AccountId}:key/{DefaultKeyId}";

    /// <summary>The ARN of the default managed policy.</summary>
    public string DefaultPolicyArn => $"arn:aws:iam::{AccountId}:policy/{DefaultPolicyName}";

    /// <summary>The caller the default access key belongs to.</summary>
    public string DefaultCallerArn => $"arn:aws:sts::{AccountId}:assumed-role/IcaKmsAdmin/admin";

    /// <summary>
    /// The default key: customer managed, symmetric, enabled, aliased <see cref="DefaultKeyAlias"/>; its policy is
    /// KMS's default (the account root may do everything) plus the spec's cross-account statement in the regions
    /// whose ICA role is known (us-east-1, ap-southeast-2).
    /// </summary>
    public FakeKmsKey DefaultKey => new(DefaultKeyArn)
    {
        Alias = DefaultKeyAlias,
        Description = "ICA lab data",
        Policy = KeyPolicy(AccountId, Region switch
        {
            "us-east-1" => UsEast1CrossAccountRoleArn,
            "ap-southeast-2" => ApSoutheast2CrossAccountRoleArn,
            _ => null,
        }),
    };

    /// <summary>
    /// A key policy: KMS's default statement (the account root may do everything, so IAM policies grant access), plus
    /// the spec's "Allow cross account access" statement when <paramref name="crossAccountRoleArn"/> is given.
    /// </summary>
    public static string KeyPolicy(string accountId, string? crossAccountRoleArn = null)
    {
        string root = $$"""
                {
                    "Sid": "Enable IAM User Permissions",
                    "Effect": "Allow",
                    "Principal": {
                        "AWS": "arn:aws:iam::{{accountId}}:root"
                    },
                    "Action": "kms:*",
                    "Resource": "*"
                }
            """;
        string crossAccount = crossAccountRoleArn is null
            ? ""
            : $$"""
                ,
                    {
                        "Sid": "Allow cross account access",
                        "Effect": "Allow",
                        "Principal": {
                            "AWS": "{{crossAccountRoleArn}}"
                        },
                        "Action": [
                            "kms:Encrypt",
                            "kms:Decrypt",
                            "kms:ReEncrypt*",
                            "kms:GenerateDataKey*",
                            "kms:DescribeKey"
                        ],
                        "Resource": "*"
                    }
                """;
        return $$"""
            {
                "Version": "2012-10-17",
                "Id": "key-default-1",
                "Statement": [
            {{root}}{{crossAccount}}
                ]
            }
            """;
    }

    /// <summary>The spec's IAM policy for a bucket and key, unversioned or versioned/suspended (as ICA's help page shows it).</summary>
    public static string SpecIamPolicy(string bucketName, string keyArn, bool versioned)
    {
        string bucketVersionActions = versioned
            ? """
                ,
                                "s3:ListBucketVersions",
                                "s3:GetBucketVersioning"
                """
            : "";
        string objectVersionActions = versioned
            ? """
                ,
                                "s3:DeleteObjectVersion",
                                "s3:GetObjectVersion"
                """
            : "";
        return $$"""
            {
                "Version": "2012-10-17",
                "Statement": [
                    {
                        "Effect": "Allow",
                        "Action": [
                            "kms:Decrypt",
                            "kms:Encrypt",
                            "kms:GenerateDataKey",
                            "s3:PutBucketNotification",
                            "s3:ListBucket",
                            "s3:GetBucketNotification",
                            "s3:GetBucketLocation"{{bucketVersionActions}}
                        ],
                        "Resource": [
                            "{{keyArn}}",
                            "arn:aws:s3:::{{bucketName}}"
                        ]
                    },
                    {
                        "Effect": "Allow",
                        "Action": [
                            "s3:PutObject",
                            "s3:GetObject",
                            "s3:RestoreObject",
                            "s3:DeleteObject"{{objectVersionActions}}
                        ],
                        "Resource": "arn:aws:s3:::{{bucketName}}/*"
                    },
                    {
                        "Effect": "Allow",
                        "Action": [
                            "sts:GetFederationToken"
                        ],
                        "Resource": [
                            "*"
                        ]
                    }
                ]
            }
            """;
    }
}

/// <summary>A KMS key of the fake account.</summary>
/// <param name="KeyArn">The key ARN, <c>arn:aws:kms:REGION:ACCOUNT:key/KEY-ID</c>; the key exists in that region only.</param>
public sealed record FakeKmsKey(string KeyArn)
{
    /// <summary>Its alias name (<c>alias/…</c>), or null; <c>alias/aws/…</c> marks an AWS managed key.</summary>
    public string? Alias { get; init; }

    /// <summary>The key spec (default <c>SYMMETRIC_DEFAULT</c>).</summary>
    public string KeySpec { get; init; } = "SYMMETRIC_DEFAULT";

    /// <summary>The key usage (default <c>ENCRYPT_DECRYPT</c>).</summary>
    public string KeyUsage { get; init; } = "ENCRYPT_DECRYPT";

    /// <summary>The key state (default <c>Enabled</c>; e.g. <c>Disabled</c>, <c>PendingDeletion</c>).</summary>
    public string KeyState { get; init; } = "Enabled";

    /// <summary>Who manages it: <c>CUSTOMER</c> (default) or <c>AWS</c>.</summary>
    public string KeyManager { get; init; } = "CUSTOMER";

    /// <summary>The key's description (default empty).</summary>
    public string Description { get; init; } = "";

    /// <summary>The key policy JSON, or null for KMS's default key policy (<see cref="FakeAwsScenario.KeyPolicy"/> without a role).</summary>
    public string? Policy { get; init; }

    /// <summary>The key's grants (default none), as ListGrants lists them.</summary>
    public IReadOnlyList<KmsGrant> Grants { get; init; } = [];

    /// <summary>The key's tags (default none).</summary>
    public IReadOnlyDictionary<string, string> Tags { get; init; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>The key id (the ARN's last part).</summary>
    public string KeyId => KeyArn.Split('/', 2)[^1];

    /// <summary>The key's region (from its ARN).</summary>
    public string Region => KeyArn.Split(':')[3];

    /// <summary>The key's account (from its ARN).</summary>
    public string Account => KeyArn.Split(':')[4];
}
