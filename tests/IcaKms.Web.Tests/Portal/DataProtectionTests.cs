using System.Security.Cryptography;
using IcaKms.Web.Portal;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace IcaKms.Web.Tests.Portal;

/// <summary>Two instances of the portal, as the host registers Data Protection for them; and the scale-out switches.</summary>
public sealed class DataProtectionTests : IDisposable
{
    private const string Purpose = "Microsoft.AspNetCore.Antiforgery.AntiforgeryToken.v1";
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "icakms-keys-" + Guid.NewGuid().ToString("N"));
    private readonly string _otherFolder = Path.Combine(Path.GetTempPath(), "icakms-keys-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        foreach (string folder in new[] { _folder, _otherFolder }.Where(Directory.Exists))
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void APayloadProtectedByOneInstance_IsReadByAnother_SharingTheKeysFolder()
    {
        using ServiceProvider first = Instance(_folder);
        using ServiceProvider second = Instance(_folder);

        string token = Protector(first).Protect("antiforgery-token-of-instance-one");

        Assert.Equal("antiforgery-token-of-instance-one", Protector(second).Unprotect(token));
        Assert.NotEmpty(Directory.GetFiles(_folder, "key-*.xml"));
    }

    [Fact]
    public void APayloadOfAnInstanceWithOtherKeys_IsRefused()
    {
        using ServiceProvider first = Instance(_folder);
        using ServiceProvider stranger = Instance(_otherFolder);

        string token = Protector(first).Protect("antiforgery-token-of-instance-one");

        Assert.ThrowsAny<CryptographicException>(() => Protector(stranger).Unprotect(token));
    }

    [Fact]
    public async Task Readiness_IsHealthy_WhenTheKeyRingWorks_AndUnhealthy_WhenItsFolderCannotBeMade()
    {
        string blocked = Path.Combine(_folder, "not-a-folder");
        Directory.CreateDirectory(_folder);
        await File.WriteAllTextAsync(blocked, "a file where the keys folder should be");
        using ServiceProvider healthy = Instance(_otherFolder);
        using ServiceProvider broken = Instance(blocked);

        HealthReport ok = await healthy.GetRequiredService<HealthCheckService>().CheckHealthAsync();
        HealthReport failed = await broken.GetRequiredService<HealthCheckService>().CheckHealthAsync();

        Assert.Equal(HealthStatus.Healthy, ok.Status);
        Assert.Equal(HealthStatus.Unhealthy, failed.Status);
        Assert.Equal(HealthStatus.Unhealthy, failed.Entries["data-protection-keys"].Status);
    }

    [Fact]
    public void WithARedisConnectionString_TheKeysGoToRedis_WithoutConnectingAtStartup()
    {
        IConfiguration configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["IcaKms:DataProtection:RedisConnectionString"] = "127.0.0.1:1,abortConnect=false" })
            .Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddPortalDataProtection(configuration);
        using ServiceProvider provider = services.BuildServiceProvider();

        KeyManagementOptions options = provider.GetRequiredService<IOptions<KeyManagementOptions>>().Value;

        Assert.IsType<RedisKeyRing>(options.XmlRepository);
    }

    [Fact]
    public void AzureSignalR_IsAddedOnlyWithAConnectionString()
    {
        IServiceCollection off = new ServiceCollection().AddPortalScaleOut(new ConfigurationBuilder().Build());
        IServiceCollection on = new ServiceCollection().AddPortalScaleOut(new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { [PortalScaleOut.ConnectionStringKey] = "Endpoint=https://icakms.service.signalr.net;AccessKey=a2V5;Version=1.0;" })
            .Build());

        Assert.DoesNotContain(off, IsAzureSignalR);
        Assert.Contains(on, IsAzureSignalR);
    }

    private static bool IsAzureSignalR(ServiceDescriptor descriptor) =>
        (descriptor.ImplementationType ?? descriptor.ServiceType).Namespace?.StartsWith("Microsoft.Azure.SignalR", StringComparison.Ordinal) == true;

    private static IDataProtector Protector(ServiceProvider instance) =>
        instance.GetRequiredService<IDataProtectionProvider>().CreateProtector(Purpose);

    private static ServiceProvider Instance(string keysPath)
    {
        IConfiguration configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["IcaKms:DataProtection:KeysPath"] = keysPath })
            .Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddPortalDataProtection(configuration);
        services.AddPortalHealthChecks();
        return services.BuildServiceProvider();
    }
}
