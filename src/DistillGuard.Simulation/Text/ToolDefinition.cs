namespace DistillGuard.Simulation.Text;

/// <summary>A tool a request declares: name, description and JSON-schema parameters (raw JSON).</summary>
internal sealed record ToolDefinition(string Name, string Description, string SchemaJson);
