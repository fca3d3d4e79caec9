using DistillGuard.Core.Log;

namespace DistillGuard.Simulation.Text;

/// <summary>
/// The request an actor is about to send, independent of API shape; <see cref="RequestJsonWriter"/> renders it in
/// either shape. Actors keep one and mutate it (multi-turn sessions append to it).
/// </summary>
internal sealed class Conversation
{
    private readonly List<Message> _pool = [];

    public ApiShape Api { get; set; } = ApiShape.AnthropicMessages;
    public string Model { get; set; } = string.Empty;
    public string? System { get; set; }
    public List<Message> Messages { get; } = [];
    public IReadOnlyList<ToolDefinition> Tools { get; set; } = [];
    public int MaxTokens { get; set; } = 1024;
    public int? ThinkingBudget { get; set; }
    public string? ReasoningEffort { get; set; }
    public double? Temperature { get; set; }

    /// <summary>End-user id a backend or reseller passes (OpenAI <c>user</c>, Anthropic <c>metadata.user_id</c>).</summary>
    public string? EndUser { get; set; }

    public bool Stream { get; set; }

    public void Reset()
    {
        foreach (var m in Messages)
        {
            _pool.Add(m);
        }

        Messages.Clear();
        System = null;
        Tools = [];
        ThinkingBudget = null;
        ReasoningEffort = null;
        Temperature = null;
        EndUser = null;
        Stream = false;
    }

    public Message Add(bool fromUser, MessageKind kind, string text)
    {
        Message m;
        if (_pool.Count > 0)
        {
            m = _pool[^1];
            _pool.RemoveAt(_pool.Count - 1);
        }
        else
        {
            m = new Message();
        }

        m.FromUser = fromUser;
        m.Kind = kind;
        m.Text = text;
        m.Images = 0;
        m.ToolName = null;
        m.ToolUseId = null;
        m.ToolInputJson = null;
        Messages.Add(m);
        return m;
    }

    /// <summary>Drops the oldest messages (after the first) so long sessions stay bounded, as clients compact context.</summary>
    public void Trim(int maxMessages)
    {
        while (Messages.Count > maxMessages)
        {
            // Keep the first user message (the task) and drop the oldest assistant/user pair after it.
            _pool.Add(Messages[1]);
            Messages.RemoveAt(1);
        }

        // The message after the kept first one must not be an orphan tool result.
        while (Messages.Count > 2 && Messages[1].Kind == MessageKind.ToolResult)
        {
            _pool.Add(Messages[1]);
            Messages.RemoveAt(1);
        }

        while (Messages.Count > 1 && Messages[1].FromUser)
        {
            _pool.Add(Messages[1]);
            Messages.RemoveAt(1);
        }
    }

    public int UserTurns
    {
        get
        {
            var n = 0;
            foreach (var m in Messages)
            {
                if (m.FromUser && m.Kind != MessageKind.ToolResult)
                {
                    n++;
                }
            }

            return n;
        }
    }
}
