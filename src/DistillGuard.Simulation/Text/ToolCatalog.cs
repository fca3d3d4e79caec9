namespace DistillGuard.Simulation.Text;

/// <summary>Tool sets the simulated clients declare: a coding agent's, a general assistant's, computer use, data work.</summary>
internal static class ToolCatalog
{
    private const string PathSchema = "{\"type\":\"object\",\"properties\":{\"path\":{\"type\":\"string\",\"description\":\"File path relative to the repository root\"}},\"required\":[\"path\"]}";

    public static readonly ToolDefinition[] CodingAgent =
    [
        new("read_file", "Read a file from the workspace and return its contents with line numbers.", PathSchema),
        new("edit_file", "Replace an exact string in a file with new text.", "{\"type\":\"object\",\"properties\":{\"path\":{\"type\":\"string\"},\"old_string\":{\"type\":\"string\"},\"new_string\":{\"type\":\"string\"}},\"required\":[\"path\",\"old_string\",\"new_string\"]}"),
        new("run_command", "Run a shell command in the workspace and return stdout, stderr and the exit code.", "{\"type\":\"object\",\"properties\":{\"command\":{\"type\":\"string\"},\"timeout_s\":{\"type\":\"integer\"}},\"required\":[\"command\"]}"),
        new("search_code", "Search the repository for a regular expression.", "{\"type\":\"object\",\"properties\":{\"pattern\":{\"type\":\"string\"},\"glob\":{\"type\":\"string\"}},\"required\":[\"pattern\"]}"),
        new("list_directory", "List files in a directory.", PathSchema),
    ];

    public static readonly ToolDefinition[] Assistant =
    [
        new("web_search", "Search the web and return the top results.", "{\"type\":\"object\",\"properties\":{\"query\":{\"type\":\"string\"}},\"required\":[\"query\"]}"),
        new("fetch_url", "Fetch a web page and return its text.", "{\"type\":\"object\",\"properties\":{\"url\":{\"type\":\"string\"}},\"required\":[\"url\"]}"),
        new("send_email", "Send an e-mail.", "{\"type\":\"object\",\"properties\":{\"to\":{\"type\":\"string\"},\"subject\":{\"type\":\"string\"},\"body\":{\"type\":\"string\"}},\"required\":[\"to\",\"subject\",\"body\"]}"),
        new("create_calendar_event", "Create a calendar event.", "{\"type\":\"object\",\"properties\":{\"title\":{\"type\":\"string\"},\"start\":{\"type\":\"string\"},\"attendees\":{\"type\":\"array\",\"items\":{\"type\":\"string\"}}},\"required\":[\"title\",\"start\"]}"),
        new("query_database", "Run a read-only SQL query.", "{\"type\":\"object\",\"properties\":{\"sql\":{\"type\":\"string\"}},\"required\":[\"sql\"]}"),
        new("create_ticket", "Open a ticket in the issue tracker.", "{\"type\":\"object\",\"properties\":{\"title\":{\"type\":\"string\"},\"body\":{\"type\":\"string\"},\"priority\":{\"type\":\"string\",\"enum\":[\"low\",\"medium\",\"high\"]}},\"required\":[\"title\"]}"),
    ];

    public static readonly ToolDefinition[] ComputerUse =
    [
        new("computer", "Control the desktop: take screenshots, move and click the mouse, type text.", "{\"type\":\"object\",\"properties\":{\"action\":{\"type\":\"string\",\"enum\":[\"screenshot\",\"left_click\",\"type\",\"key\",\"mouse_move\",\"scroll\"]},\"coordinate\":{\"type\":\"array\",\"items\":{\"type\":\"integer\"}},\"text\":{\"type\":\"string\"}},\"required\":[\"action\"]}"),
    ];

    public static readonly ToolDefinition[] Data =
    [
        new("run_python", "Execute Python code in a sandbox with pandas and matplotlib and return the output.", "{\"type\":\"object\",\"properties\":{\"code\":{\"type\":\"string\"}},\"required\":[\"code\"]}"),
        new("load_dataset", "Load a dataset by name and return its schema and first rows.", "{\"type\":\"object\",\"properties\":{\"name\":{\"type\":\"string\"}},\"required\":[\"name\"]}"),
    ];
}
