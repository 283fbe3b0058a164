using IcaKms.Core.Export;
using IcaKms.Core.Setup;
using IcaKms.TestKit;

namespace IcaKms.Core.Tests.Export;

public class ExportSubjectTests
{
    [Fact]
    public void Offline_CreatesTheKey_WhenNoKeyArnWasGiven()
    {
        ExportSubject subject = ExportSamples.Subject("offline-new-key");

        Assert.True(subject.CreatesKey);
        Assert.Contains("resource \"aws_kms_key\" \"ica\"", TerraformExport.MainTf(subject), StringComparison.Ordinal);
    }

    [Fact]
    public void Offline_LeavesAGivenKeysPolicyAlone_WhenCrossAccountIsChosen()
    {
        SetupInputs inputs = ExportSamples.Inputs() with { CrossAccountCopy = true, CrossAccountRoleArn = ExportSamples.Role };

        ExportSubject subject = ExportSubject.Offline(ExportSamples.Documents(inputs).Content);

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
        string main = TerraformExport.MainTf(ExportSamples.Connected());

        Assert.Contains("\"$${aws:username}\"", main, StringComparison.Ordinal);
    }

    [Fact]
    public void CloudFormation_KeepsPolicyVariablesLiteral_InTheMergedKeyPolicy()
    {
        string template = CloudFormationExport.Template(ExportSamples.Connected());

        Assert.Contains("${!aws:username}", template, StringComparison.Ordinal);
    }

    [Fact]
    public void Terraform_NamesTheGivenUserAndPolicy_WhenStep2HasThem()
    {
        SetupInputs inputs = ExportSamples.Inputs() with { IamUserName = "ica-storage", PolicyArn = "arn:aws:iam::123456789012:policy/team/IcaAccess" };

        ExportSubject subject = ExportSubject.Offline(ExportSamples.Documents(inputs).Content);

        Assert.Equal("ica-storage", subject.IamUserName);
        Assert.Equal("IcaAccess", subject.IamPolicyName);
        Assert.Contains("id = \"arn:aws:iam::123456789012:policy/team/IcaAccess\"", TerraformExport.MainTf(subject), StringComparison.Ordinal);
    }
}
