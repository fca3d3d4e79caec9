using System.Globalization;
using System.Text.Json;

namespace DistillGuard.Core.Engine;

/// <summary>
/// The risk model file (<c>distillguard.risk-model/v1</c>) that <c>distillguard calibrate</c> writes and
/// <c>scan --risk-model</c> and the gateway's <c>Gateway:Policy:RiskModel</c> read:
/// <code>
/// { "format": "distillguard.risk-model/v1",
///   "coefficients": { "bias": -4.09, "cot": 0.47, "w_payment": 2.56, ... } }
/// </code>
/// Coefficient names are the model-inputs file's columns (<see cref="RiskCoefficients.Names"/>); one the file leaves
/// out keeps its built-in value, so a hand-written file may change one. Other top-level members (what
/// <c>calibrate</c> fitted on) are kept for people and skipped here.
/// </summary>
public static class RiskModelFile
{
    public const string Format = "distillguard.risk-model/v1";

    /// <summary>Reads a risk model file.</summary>
    /// <exception cref="InvalidDataException">Malformed JSON, another format, an unknown name or a value that cannot be the coefficient; the message names the file, line and coefficient.</exception>
    /// <exception cref="IOException">The file cannot be read.</exception>
    public static RiskCoefficients Read(string path) => Parse(File.ReadAllBytes(path), path);

    /// <summary>Parses a risk model file's bytes; <paramref name="name"/> is what errors call it.</summary>
    public static RiskCoefficients Parse(ReadOnlySpan<byte> json, string name)
    {
        var values = new double[RiskCoefficients.Count];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = RiskCoefficients.Default[i];
        }

        var sawFormat = false;
        var sawCoefficients = false;
        var reader = new Utf8JsonReader(json, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                throw Error(json, name, reader, "expected a JSON object");
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("format"u8))
                {
                    reader.Read();
                    if (reader.TokenType != JsonTokenType.String || !reader.ValueTextEquals(Format))
                    {
                        throw Error(json, name, reader, $"format: expected \"{Format}\"");
                    }

                    sawFormat = true;
                }
                else if (reader.ValueTextEquals("coefficients"u8))
                {
                    reader.Read();
                    ReadCoefficients(json, name, ref reader, values);
                    sawCoefficients = true;
                }
                else
                {
                    reader.Read();
                    reader.Skip();
                }
            }
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"{name}:{(ex.LineNumber ?? 0) + 1}: not valid JSON: {ex.Message}", ex);
        }

        if (!sawFormat || !sawCoefficients)
        {
            throw new InvalidDataException($"{name}:1: {(sawFormat ? "coefficients" : "format")}: missing (a risk model file has \"format\": \"{Format}\" and a \"coefficients\" object)");
        }

        return new RiskCoefficients(values);
    }

    /// <summary>Writes <paramref name="coefficients"/> as a risk model file, every coefficient named, plus <paramref name="fittedOn"/> (a description of the data) when given.</summary>
    public static void Write(Stream stream, RiskCoefficients coefficients, IReadOnlyList<KeyValuePair<string, string>>? fittedOn = null)
    {
        using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            WriteObject(writer, coefficients, fittedOn);
        }

        stream.WriteByte((byte)'\n');
    }

    private static void WriteObject(Utf8JsonWriter writer, RiskCoefficients coefficients, IReadOnlyList<KeyValuePair<string, string>>? fittedOn)
    {
        writer.WriteStartObject();
        writer.WriteString("format", Format);
        if (fittedOn is not null)
        {
            writer.WriteStartObject("fitted_on");
            foreach (var (key, value) in fittedOn)
            {
                writer.WriteString(key, value);
            }

            writer.WriteEndObject();
        }

        writer.WriteStartObject("coefficients");
        for (var i = 0; i < RiskCoefficients.Count; i++)
        {
            // Three decimals, as the built-in model is written: a refit is not more exact than that.
            writer.WriteNumber(RiskCoefficients.Names[i], Math.Round(coefficients[i], 3) + 0.0);
        }

        writer.WriteEndObject();
        writer.WriteEndObject();
    }

    private static void ReadCoefficients(ReadOnlySpan<byte> json, string name, ref Utf8JsonReader reader, double[] values)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw Error(json, name, reader, "coefficients: expected an object of name: number");
        }

        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var coefficient = reader.GetString()!;
            var index = RiskCoefficients.IndexOf(coefficient);
            if (index < 0)
            {
                throw Error(json, name, reader, $"{coefficient}: not a coefficient of the risk model (one of: {string.Join(", ", RiskCoefficients.Names)})");
            }

            reader.Read();
            if (reader.TokenType != JsonTokenType.Number || !reader.TryGetDouble(out var value))
            {
                throw Error(json, name, reader, $"{coefficient}: expected a number");
            }

            try
            {
                RiskCoefficients.Check(index, value);
            }
            catch (ArgumentException ex)
            {
                throw Error(json, name, reader, ex.Message);
            }

            values[index] = value;
        }
    }

    private static InvalidDataException Error(ReadOnlySpan<byte> json, string name, in Utf8JsonReader reader, string message)
    {
        var at = (int)Math.Min(reader.TokenStartIndex, json.Length);
        var line = json[..at].Count((byte)'\n') + 1;
        return new InvalidDataException(string.Create(CultureInfo.InvariantCulture, $"{name}:{line}: {message}"));
    }
}
