using IcaKms.Core.Policies;
using IcaKms.Core.Tests.Spec;
using IcaKms.Core.KeyPolicies;

namespace IcaKms.Core.Tests.Policies;

public class CrossAccountKeyStatementTests
{
    [Fact]
    public void Create_EqualsSpecText_WithPlaceholder() =>
        Assert.Equal(SpecDocuments.CrossAccountStatement, PolicyJson.Serialize(CrossAccountKeyStatement.Create(CrossAccountKeyStatement.RolePlaceholder)));

    [Fact]
    public void Create_NamesRoleAsAwsPrincipal()
    {
        const string role = "arn:aws:iam::079623148045:role/ica_use1_crossacct";

        PolicyStatement statement = CrossAccountKeyStatement.Create(role);

        Assert.Equal(PolicyValues.One(role), statement.Principal!.Aws);
        Assert.Equal("Allow cross account access", statement.Sid);
    }
}
