namespace IcaKms.Core.Policies.Evaluation;

/// <summary>What kind of principal makes a request.</summary>
public enum PrincipalKind
{
    /// <summary>The account root, <c>arn:aws:iam::ACCOUNT:root</c>.</summary>
    Root,

    /// <summary>An IAM user, <c>arn:aws:iam::ACCOUNT:user/PATH/NAME</c>.</summary>
    User,

    /// <summary>An IAM role as such (<c>arn:aws:iam::ACCOUNT:role/PATH/NAME</c>).</summary>
    Role,

    /// <summary>A session of a role, <c>arn:aws:sts::ACCOUNT:assumed-role/NAME/SESSION</c>.</summary>
    AssumedRole,

    /// <summary>A federated user session, <c>arn:aws:sts::ACCOUNT:federated-user/NAME</c>.</summary>
    FederatedUser,

    /// <summary>An AWS service principal, e.g. <c>s3.amazonaws.com</c>.</summary>
    Service,
}
