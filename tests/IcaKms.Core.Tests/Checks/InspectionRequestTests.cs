using IcaKms.Core.Checks;
using static IcaKms.Core.Tests.Checks.Live;

namespace IcaKms.Core.Tests.Checks;

public class InspectionRequestTests
{
    [Fact]
    public void Create_HoldsTheValidatedValues()
    {
        InspectionRequest request = Request(CrossAccountInputs with { KeyPrefix = " runs/2024 ", PolicyArn = $" {PolicyArn} " });

        Assert.Equal(Region, request.AwsRegion);
        Assert.Equal((Bucket, (string?)null), (request.BucketName, request.BucketError));
        Assert.Equal((KeyArn, KeyArn), (request.Key, request.KeyArn));
        Assert.Equal("runs/2024/", request.Prefix);
        Assert.Equal((User, PolicyArn), (request.IamUserName, request.PolicyArn));
        Assert.Equal((true, RoleArn), (request.CrossAccountCopy, request.CrossAccountRoleArn));
    }

    [Theory]
    [InlineData("alias/ica")]
    [InlineData(KeyId)]
    [InlineData($"arn:aws:kms:{Region}:{Account}:alias/ica")]
    [InlineData($"arn:aws:kms:us-west-2:{Account}:key/{KeyId}")]
    public void Create_KeepsAKeyThatIsNotAKeyArnOfTheRegion_ForKmsToResolve(string key)
    {
        InspectionRequest request = Request(Inputs with { KeyArn = $" {key} " });

        Assert.Equal(key, request.Key);
        Assert.Null(request.KeyArn);
    }

    [Fact]
    public void Create_GivesNullAndTheError_ForInvalidFields()
    {
        InspectionRequest request = Request(Inputs with
        {
            BucketName = "s3://lab",
            KeyPrefix = "/ica",
            IamUserName = "not a user",
            CrossAccountCopy = true,
            CrossAccountRoleArn = "role",
        });

        Assert.Null(request.BucketName);
        Assert.False(string.IsNullOrEmpty(request.BucketError));
        Assert.Equal(string.Empty, request.Prefix);
        Assert.False(string.IsNullOrEmpty(request.PrefixError));
        Assert.Null(request.IamUserName);
        Assert.Null(request.CrossAccountRoleArn);
        Assert.False(string.IsNullOrEmpty(request.CrossAccountRoleError));
    }

    [Fact]
    public void Create_IgnoresTheRole_WithoutCrossAccountCopy()
    {
        InspectionRequest request = Request(Inputs with { CrossAccountRoleArn = "role" });

        Assert.Equal((false, (string?)null, (string?)null), (request.CrossAccountCopy, request.CrossAccountRoleArn, request.CrossAccountRoleError));
    }
}
