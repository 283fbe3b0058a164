using IcaKms.Core.Export;
using IcaKms.Core.Setup;

namespace IcaKms.Core.Tests.Export;

public class ExportSubjectTests
{
    [Fact]
    public void Offline_CreatesTheKey_WhenNoKeyArnWasGiven()
    {
        ExportSubject subject = ExportCases.Subject("offline-new-key");

        Assert.True(subject.CreatesKey);
        Assert.Contains("resource \"aws_kms_key\" \"ica\"", TerraformExport.MainTf(subject), StringComparison.Ordinal);
    }

    [Fact]
    public void Offline_LeavesAGivenKeysPolicyAlone_WhenCrossAccountIsChosen()
    {
        SetupInputs inputs = ExportCases.Inputs() with { CrossAccountCopy = true, CrossAccountRoleArn = ExportCases.Role };

        ExportSubject subject = ExportCases.Documents(inputs).Content.Export;

        Assert.Equal(Samples.KeyArn, subject.ExistingKeyArn);
        Assert.Null(subject.MergedKeyPolicy);
        Assert.Contains("keep every other statement", subject.KeyPolicyNote, StringComparison.Ordinal);
        string main = TerraformExport.MainTf(subject);
        Assert.DoesNotContain("aws_kms_key_policy", main, StringComparison.Ordinal);
        Assert.Contains("keep every other", main.Replace("\n# ", " ", StringComparison.Ordinal), StringComparison.Ordinal);
    }

    [Fact]
    public void Terraform_KeepsPolicyVariablesLiteral_InTheMergedKeyPolicy()
    {
        string main = TerraformExport.MainTf(ExportCases.Connected());

        Assert.Contains("\"$${aws:username}\"", main, StringComparison.Ordinal);
    }

    [Fact]
    public void CloudFormation_KeepsPolicyVariablesLiteral_InTheMergedKeyPolicy()
    {
        string template = CloudFormationExport.Template(ExportCases.Connected());

        Assert.Contains("${!aws:username}", template, StringComparison.Ordinal);
    }

    [Fact]
    public void Terraform_NamesTheGivenUserAndPolicy_WhenStep2HasThem()
    {
        SetupInputs inputs = ExportCases.Inputs() with { IamUserName = "ica-storage", PolicyArn = "arn:aws:iam::123456789012:policy/team/IcaAccess" };

        ExportSubject subject = ExportCases.Documents(inputs).Content.Export;

        Assert.Equal("ica-storage", subject.IamUserName);
        Assert.Equal("IcaAccess", subject.IamPolicyName);
        Assert.Contains("id = \"arn:aws:iam::123456789012:policy/team/IcaAccess\"", TerraformExport.MainTf(subject), StringComparison.Ordinal);
    }
}
