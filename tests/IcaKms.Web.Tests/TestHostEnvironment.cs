using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;

namespace IcaKms.Web.Tests;

/// <summary>A Production host environment for component tests (server credentials not allowed by default).</summary>
internal sealed class TestHostEnvironment : IHostEnvironment
{
    public string EnvironmentName { get; set; } = Environments.Production;

    public string ApplicationName { get; set; } = "IcaKms.Web";

    public string ContentRootPath { get; set; } = AppContext.BaseDirectory;

    public IFileProvider ContentRootFileProvider { get; set; } = new NullFileProvider();
}
