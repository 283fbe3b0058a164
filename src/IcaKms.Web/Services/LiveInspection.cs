using IcaKms.Core.Aws;
using IcaKms.Core.Checks;
using IcaKms.Core.Setup;

namespace IcaKms.Web.Services;

/// <summary>The live state of one circuit: the last inspection, its checks, and the key picker's keys.</summary>
public sealed class LiveInspection(AwsConnection connection)
{
    /// <summary>Raised when an inspection starts or ends, or the key list changes.</summary>
    public event Action? Changed;

    public LiveSnapshot? Snapshot { get; private set; }

    /// <summary>The checks of the last inspection, or null before the first one.</summary>
    public IReadOnlyList<SetupCheck>? Checks { get; private set; }

    public bool IsRunning { get; private set; }

    /// <summary>The keys offered by the key picker, or null until loaded.</summary>
    public AwsResult<IReadOnlyList<KmsKeyChoice>>? KeyChoices { get; private set; }

    /// <summary>Inspects the bucket, key and policies of the inputs and evaluates every check.</summary>
    public async Task RunAsync(SetupInputs inputs, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        if (!connection.IsConnected || IsRunning)
        {
            return;
        }

        IsRunning = true;
        Changed?.Invoke();
        try
        {
            var request = InspectionRequest.Create(inputs, SetupValidation.Of(inputs));
            Snapshot = await Inspection.RunAsync(
                connection.Gateways(inputs.AwsRegion), request, cancellationToken, s3InRegion: region => connection.Gateways(region).S3);
            Checks = LiveChecks.Evaluate(Snapshot, request);
        }
        finally
        {
            IsRunning = false;
            Changed?.Invoke();
        }
    }

    /// <summary>Loads the region's usable keys for the key picker.</summary>
    public async Task LoadKeyChoicesAsync(string region, CancellationToken cancellationToken = default)
    {
        if (!connection.IsConnected)
        {
            return;
        }

        KeyChoices = await connection.Gateways(region).Kms.ListUsableKeysAsync(cancellationToken);
        Changed?.Invoke();
    }

    /// <summary>Forgets everything inspected (after disconnecting or starting over).</summary>
    public void Clear()
    {
        Snapshot = null;
        Checks = null;
        KeyChoices = null;
        Changed?.Invoke();
    }
}
