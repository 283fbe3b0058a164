using System.Text.Json;
using System.Text.Json.Nodes;

namespace IcaKms.Circuits;

/// <summary>
/// The browser of someone who filled in step 1 before: IcaKms reads its kept inputs from localStorage
/// (<c>icakms.load("icakms.inputs.v1")</c>, see WizardStorage) after the first render, and restores them, so Next may pass.
/// </summary>
internal static class ReturningUser
{
    private const string InputsKey = "icakms.inputs.v1";

    private static readonly string Inputs = new JsonObject
    {
        ["awsRegion"] = "us-east-1",
        ["bucketName"] = "lab-ica-data",
        ["keyArn"] = "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab",
        ["keyPrefix"] = "ica-data/",
    }.ToJsonString();

    /// <summary>The kept inputs for their key (as the JSON string localStorage returns); null for everything else.</summary>
    public static string? AnswerJs(string identifier, string argsJson) =>
        identifier == "icakms.load" && JsonNode.Parse(argsJson)?[0]?.GetValue<string>() == InputsKey
            ? JsonSerializer.Serialize(Inputs)
            : null;
}
