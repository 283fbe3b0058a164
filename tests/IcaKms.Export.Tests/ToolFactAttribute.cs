using IcaKms.TestKit;

namespace IcaKms.Export.Tests;

/// <summary>The outside tool a test needs besides Node.js (which scripts/test.sh requires anyway).</summary>
public enum Tool
{
    /// <summary>Terraform's own formatter (<c>terraform fmt</c>, no init, no network).</summary>
    Terraform,

    /// <summary>moto's server (run through moto_with_s3_cfn.py) and the AWS CLI.</summary>
    Moto,
}

/// <summary>A fact that runs when its tool is on this machine, and is reported as skipped, with the reason, when not.</summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class ToolFactAttribute : FactAttribute
{
    /// <summary>Terraform's path, when installed.</summary>
    public static string? TerraformPath { get; } = File.Exists("/usr/local/bin/terraform") ? "/usr/local/bin/terraform" : Tools.OnPath("terraform");

    private static readonly Lazy<string?> MotoMissing = new(() =>
    {
        if (Tools.AwsCli is null)
        {
            return "The AWS CLI (aws) is not installed: it deploys the template on moto.";
        }

        string? python = Tools.OnPath("python3");
        if (python is null)
        {
            return "python3 is not on PATH: moto's server runs on it.";
        }

        return MotoServer.IsInstalled ? null : "moto is not installed (python3 -c \"import moto.server\" failed): pip install 'moto[server]' to deploy the template on it.";
    });

    /// <summary>Runs the test when <paramref name="tool"/> is there.</summary>
    public ToolFactAttribute(Tool tool)
    {
        string? reason = tool switch
        {
            Tool.Terraform => TerraformPath is null ? "Terraform is not installed: terraform fmt -check is skipped (the HCL parser tests still run)." : null,
            _ => MotoMissing.Value,
        };
        if (reason is not null)
        {
            Skip = reason;
        }
    }
}
