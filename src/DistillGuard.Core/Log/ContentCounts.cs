namespace DistillGuard.Core.Log;

/// <summary>What one message's content held, counted while its text is appended.</summary>
internal struct ContentCounts
{
    public int Texts;
    public int Images;
    public int ToolResults;
    public int ToolUses;
    public int Reasoning;
    public int Other;
}
