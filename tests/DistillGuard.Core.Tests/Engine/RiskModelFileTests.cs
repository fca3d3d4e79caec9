using System.Text;
using DistillGuard.Core.Engine;

namespace DistillGuard.Core.Tests.Engine;

public sealed class RiskModelFileTests
{
    [Fact]
    public void Parse_APartialFile_ChangesWhatItNamesAndKeepsTheRest()
    {
        var model = Parse("""
            {
              // hand-tuned after an incident
              "format": "distillguard.risk-model/v1",
              "fitted_on": { "note": "kept for people" },
              "coefficients": { "w_email": 1.2, "bias": -3.5 }
            }
            """);

        Assert.Equal(1.2, model[RiskTerm.EmailDomain]);
        Assert.Equal(-3.5, model[RiskTerm.Bias]);
        Assert.Equal(RiskCoefficients.Default[RiskTerm.Payment], model[RiskTerm.Payment]);
    }

    [Fact]
    public void Write_ThenParse_GivesTheSameCoefficients()
    {
        var model = RiskCoefficients.Default.With((int)RiskTerm.Cot, 0.123).With((int)RiskTerm.Vouched, -1.5);
        using var stream = new MemoryStream();

        RiskModelFile.Write(stream, model, [new("accounts", "80")]);
        var read = RiskModelFile.Parse(stream.ToArray(), "m.json");

        for (var i = 0; i < RiskCoefficients.Count; i++)
        {
            Assert.Equal(model[i], read[i]);
        }
    }

    [Theory]
    [InlineData("{\n\"format\": \"distillguard.risk-model/v1\",\n\"coefficients\": {\n\"cots\": 0.5 } }", "m.json:4: cots: not a coefficient of the risk model (one of: bias, templated, cot,")]
    [InlineData("{\n\"format\": \"distillguard.risk-model/v1\",\n\"coefficients\": {\n\"cot\": \"high\" } }", "m.json:4: cot: expected a number")]
    [InlineData("{\n\"format\": \"distillguard.risk-model/v1\",\n\"coefficients\": {\n\"vouched\": 0.5 } }", "m.json:4: vouched: 0.5 would raise risk")]
    [InlineData("{\n\"format\": \"distillguard.risk-model/v2\",\n\"coefficients\": {} }", "m.json:2: format: expected \"distillguard.risk-model/v1\"")]
    [InlineData("{ \"coefficients\": { \"cot\": 0.5 } }", "m.json:1: format: missing")]
    [InlineData("{\n\"format\": \"distillguard.risk-model/v1\",\n\"coefficients\": { \"cot\": 0.5 ", "m.json:3: not valid JSON")]
    public void Parse_ABadFile_NamesTheLineAndTheCoefficient(string json, string message)
    {
        var error = Assert.Throws<InvalidDataException>(() => RiskModelFile.Parse(Encoding.UTF8.GetBytes(json), "m.json"));

        Assert.StartsWith(message, error.Message, StringComparison.Ordinal);
    }

    private static RiskCoefficients Parse(string json) => RiskModelFile.Parse(Encoding.UTF8.GetBytes(json), "m.json");
}
