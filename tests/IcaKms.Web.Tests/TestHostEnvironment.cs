using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;

namespace IcaKms.Web.Tests;

/// <summary>A Production host environment for component tests (server credentials not allowed by default), with no web root.</summary>
internal sealed class TestHostEnvironment : IWebHostEnvironment
{
    public string WebRootPath { get; set; } = AppContext.BaseDirectory;

    public IFileProvider WebRootFileProvider { get; set; } = new NullFileProvider();

    public string EnvironmentName { get; set; } = Environments.Production;

    public string ApplicationName { get; set; } = "IcaKms.Web";

    public string ContentRootPath { get; set; } = AppContext.BaseDirectory;

    public IFileProvider ContentRootFileProvider { get; set; } = new NullFileProvider();
}
