using System.Text.Json.Nodes;
using IcaKms.Circuits;

// Holds N idle Blazor Server circuits against IcaKms and against the bare `dotnet new blazor` template, one app at a
// time, and prints the managed heap and RSS per circuit after a full GC, the first-load bytes, and the ratios.
// Run it with scripts/circuits.sh, which publishes both apps first.
// `load ...`: the load benchmark instead (scripts/load.sh); `soak ...`: the soak (scripts/soak.sh).
if (args.Length > 0 && args[0] == "load")
{
    return await LoadRun.MainAsync(args[1..]);
}

// `soak ...`: open and close many tabs, heap before/after and the marker credential in heap dumps (scripts/soak.sh).
if (args.Length > 0 && args[0] == "soak")
{
    return await SoakRun.MainAsync(args[1..]);
}

CircuitOptions? options = CircuitOptions.Parse(args, out string? error);
if (options is null)
{
    Console.Error.WriteLine(error);
    Console.Error.WriteLine(CircuitOptions.Usage);
    return 2;
}

using var overall = new CancellationTokenSource(options.Deadline);
var apps = new[]
{
    new AppUnderTest("IcaKms", options.IcaKmsDll, options.IcaKmsPath, new Dictionary<string, string>
    {
        // Nothing may leave 127.0.0.1: the AWS SDK would otherwise look for credentials on the instance metadata host.
        ["AWS_EC2_METADATA_DISABLED"] = "true",
        ["IcaKms__AwsEndpointUrl"] = "http://127.0.0.1:9",
    }, new StepAction("type into the bucket field", "data-testid", "bucket-name", "input", i => new JsonObject { ["value"] = $"lab-bucket-{i}" }),
        new StepAction("Next from a valid step 1", "class", "mud-stepper-button-next", "click", _ => new JsonObject { ["detail"] = 1, ["button"] = 0 },
            ReturningUser.AnswerJs)),
    new AppUnderTest("bare template", options.BareDll, options.BarePath, new Dictionary<string, string>(),
        new StepAction("click the counter button", "class", "btn btn-primary", "click", _ => new JsonObject { ["detail"] = 1, ["button"] = 0 })),
};

var results = new List<AppResult>();
foreach (AppUnderTest app in apps)
{
    Console.WriteLine($"== {app.Name}: {options.Circuits} circuits on {app.Path}");
    results.Add(await CircuitRun.RunAsync(app, options, overall.Token));
}

CircuitRun.PrintTable(results, options);
return 0;
