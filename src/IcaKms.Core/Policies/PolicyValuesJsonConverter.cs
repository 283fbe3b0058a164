using System.Text.Json;
using System.Text.Json.Serialization;

namespace IcaKms.Core.Policies;

/// <summary>Reads and writes <see cref="PolicyValues"/> as a JSON string or array, keeping the shape.</summary>
internal sealed class PolicyValuesJsonConverter : JsonConverter<PolicyValues>
{
    public override PolicyValues Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.String)
        {
            return PolicyValues.One(reader.GetString()!);
        }

        if (reader.TokenType != JsonTokenType.StartArray)
        {
            throw new JsonException("expected a string or an array of strings");
        }

        var values = new List<string>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (reader.TokenType != JsonTokenType.String)
            {
                throw new JsonException("expected only strings in the array");
            }

            values.Add(reader.GetString()!);
        }

        return PolicyValues.Many(values);
    }

    public override void Write(Utf8JsonWriter writer, PolicyValues value, JsonSerializerOptions options)
    {
        if (value.IsSingle)
        {
            writer.WriteStringValue(value[0]);
            return;
        }

        writer.WriteStartArray();
        foreach (string item in value)
        {
            writer.WriteStringValue(item);
        }

        writer.WriteEndArray();
    }
}
