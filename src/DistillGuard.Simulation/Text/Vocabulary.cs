namespace DistillGuard.Simulation.Text;

/// <summary>Slot values for prompt templates. Broad on purpose: slot filling must not make two prompts identical.</summary>
internal static class Vocabulary
{
    public static readonly string[] Languages = ["Python", "TypeScript", "Go", "Rust", "Java", "C#", "C++", "Kotlin", "Ruby", "JavaScript", "Swift", "Scala", "PHP", "Elixir"];

    public static readonly string[] Frameworks = ["React", "Django", "FastAPI", "Spring Boot", "Express", "Next.js", "Flask", "ASP.NET Core", "Rails", "PyTorch", "pandas", "Vue", "Svelte", "Axum", "Gin", "Laravel", "NestJS", "SQLAlchemy", "Kafka Streams", "Terraform"];

    public static readonly string[] Functions =
    [
        "parse ISO 8601 timestamps with time zones", "deduplicate a list while keeping the original order", "compute a rolling median over a stream",
        "validate an IBAN", "retry HTTP requests with exponential backoff and jitter", "merge overlapping intervals", "serialise a binary tree to JSON and back",
        "rate-limit calls per user with a token bucket", "find the longest palindromic substring", "stream a large CSV file without loading it into memory",
        "implement an LRU cache with O(1) operations", "detect cycles in a directed graph", "diff two JSON documents", "paginate a REST API with cursor tokens",
        "compute the edit distance between two strings", "schedule jobs with cron expressions", "hash passwords with Argon2", "resize images in a background worker",
        "implement a trie for autocomplete", "batch database inserts efficiently", "watch a directory for file changes", "convert Markdown to HTML",
        "parse command-line arguments with subcommands", "build a min-heap priority queue", "shard keys with consistent hashing", "verify a JWT signature",
        "compute percentiles from a histogram", "read Parquet-like columnar chunks", "implement a circuit breaker", "split a monolith endpoint into handlers",
        "topologically sort build targets", "normalise Unicode user names", "compress log files on rotation", "debounce user input events",
        "run a breadth-first search on a grid", "export a report to PDF", "generate UUIDv7 identifiers", "implement optimistic locking", "validate e-mail addresses",
    ];

    public static readonly string[] Identifiers = ["items", "records", "users", "orders", "events", "payload", "rows", "nodes", "buffer", "tokens", "entries", "results", "config", "session", "queue", "cache", "batch", "matrix", "graph", "invoice"];

    public static readonly string[] Topics =
    [
        "sourdough starters", "training for a first marathon", "the history of the Silk Road", "how vaccines are tested", "learning the guitar as an adult",
        "composting in a small apartment", "planning a trip to Japan in autumn", "how interest rates affect mortgages", "the causes of the First World War",
        "keeping houseplants alive", "negotiating a salary offer", "the basics of photosynthesis", "writing a cover letter", "how black holes form",
        "budgeting for a wedding", "improving sleep quality", "the plot of Hamlet", "choosing a used car", "how electric cars charge", "meal prep for a week",
        "the rules of cricket", "raising a puppy", "how the stock market works", "learning Spanish quickly", "the French Revolution", "reducing screen time",
        "starting a vegetable garden", "how credit scores work", "caring for a cast-iron pan", "the life of Marie Curie", "preparing for a job interview",
    ];

    public static readonly string[] FirstNames = ["Alice", "Bashir", "Chen", "Dara", "Elena", "Farid", "Grace", "Hiro", "Isabel", "Jonas", "Kemi", "Liam", "Maya", "Noor", "Oscar", "Priya", "Quinn", "Rosa", "Sven", "Tariq", "Uma", "Viktor", "Wen", "Ximena", "Yusuf", "Zoe"];

    public static readonly string[] Cities = ["Lisbon", "Nairobi", "Osaka", "Toronto", "Bogotá", "Krakow", "Melbourne", "Austin", "Hanoi", "Cape Town", "Munich", "Seoul", "Chennai", "Porto", "Denver", "Lyon"];

    public static readonly string[] Companies = ["Northwind", "Globex", "Initech", "Umbrella Health", "Stark Logistics", "Acme Retail", "Contoso Bank", "Fabrikam", "Tailspin Travel", "Wide World Importers", "Blue Yonder Air", "Litware", "Proseware", "Adatum", "Coho Vineyard"];

    public static readonly string[] Products = ["wireless earbuds", "standing desk", "espresso machine", "running shoes", "smart thermostat", "travel backpack", "air purifier", "mechanical keyboard", "baby stroller", "electric toothbrush"];

    public static readonly string[] Datasets = ["monthly_sales.csv", "churn_2025.parquet", "web_sessions.csv", "sensor_readings.json", "claims.xlsx", "inventory.csv", "survey_results.csv", "ad_clicks.tsv", "patients_anonymised.csv", "energy_usage.csv"];

    public static readonly string[] Columns = ["revenue", "region", "signup_date", "churned", "temperature", "session_length", "price", "quantity", "age_band", "clicks", "conversion", "latency_ms"];

    public static readonly string[] Vulnerabilities = ["SQL injection", "server-side request forgery", "insecure deserialization", "path traversal", "stored XSS", "a TOCTOU race condition", "a heap buffer overflow", "broken access control", "XML external entity injection", "prototype pollution", "command injection", "an integer overflow"];

    public static readonly string[] Software = ["an nginx reverse proxy", "a Spring Boot service", "a Node.js Express API", "a PHP upload handler", "a Go gRPC server", "a C image parser", "a Django admin panel", "a Kubernetes ingress controller", "an OpenSSH configuration", "a Redis instance", "a Jenkins pipeline", "a WordPress plugin"];

    public static readonly string[] SensitiveTopics =
    [
        "the 1989 Tiananmen Square protests", "Taiwan's political status", "detention camps in Xinjiang", "the 2019 Hong Kong protests",
        "criticism of the country's top leadership", "the Dalai Lama and Tibetan autonomy", "Falun Gong", "press freedom and censorship online",
        "the Cultural Revolution", "the origins of the COVID-19 pandemic", "disputes in the South China Sea",
    ];

    public static readonly string[] Subjects = ["algebra", "organic chemistry", "microeconomics", "linear algebra", "statistics", "world history", "physics (kinematics)", "discrete mathematics", "biology (genetics)", "macroeconomics", "calculus", "operating systems"];

    public static readonly string[] Criteria = ["correctness", "completeness", "clarity", "faithfulness to the source", "code quality", "helpfulness", "harmlessness", "reasoning soundness", "conciseness", "instruction following"];

    public static readonly string[] Tones = ["formal", "friendly", "concise", "playful", "professional", "empathetic"];

    public static readonly string[] Genres = ["short story", "poem", "limerick", "product description", "wedding toast", "bedtime story", "haiku sequence", "song chorus", "blog intro", "speech opening"];

    public static readonly string[] LanguagesHuman = ["French", "German", "Spanish", "Japanese", "Portuguese", "Korean", "Italian", "Hindi", "Indonesian", "Dutch"];

    public static readonly string[] Sentences =
    [
        "The quarterly numbers came in lower than expected, mostly because of delayed shipments.",
        "Our team moved the nightly batch job to a managed scheduler last month.",
        "Customers keep asking whether the premium plan includes priority support.",
        "The new onboarding flow reduced drop-off on the second screen by a third.",
        "I think the landlord is responsible for the broken heater, but I'm not sure.",
        "The museum extended its opening hours for the summer exhibition.",
        "Several users reported that the export button does nothing on Safari.",
        "Rainfall in the region has been well below average for three years.",
        "We are considering switching our database from MySQL to PostgreSQL.",
        "The conference keynote focused on energy efficiency in data centres.",
        "My manager wants the report to be shorter and to lead with the recommendation.",
        "The recipe calls for buttermilk, which I don't have at home.",
        "The city council approved a new bike lane along the river.",
        "Latency on the checkout service doubled after the last deploy.",
        "Our support backlog grew to four hundred tickets over the holidays.",
    ];
}
