using IcaKms.TestKit;

namespace IcaKms.Cli.Tests;

/// <summary>A fact that runs only where python3 has moto, and says so when it is skipped.</summary>
internal sealed class MotoFactAttribute : FactAttribute
{
    public MotoFactAttribute()
    {
        if (!MotoServer.IsInstalled)
        {
            Skip = "python3 with moto is not installed ('pip install moto[server]' or Debian's python3-moto): the emulator tests need it.";
        }
    }
}
